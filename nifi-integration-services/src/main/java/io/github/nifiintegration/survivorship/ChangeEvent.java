package io.github.nifiintegration.survivorship;

import io.github.nifiintegration.store.GoldenRecord;

import java.util.List;

/**
 * A change to an entity's golden record, for downstream systems.
 *
 * @param golden          the golden record after the change
 * @param changes         the fields whose value, rule or source record changed; empty for CREATED (the new golden record
 *                        holds every value) and when a merge or split left the values as they were
 * @param relatedEntities for MERGED the retired entity ids; for SPLIT the entities the records were split into; else empty
 */
public record ChangeEvent(ChangeType type, GoldenRecord golden, List<FieldChange> changes, List<String> relatedEntities) {
}
