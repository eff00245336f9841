package io.github.nifiintegration.stewardship;

import io.github.nifiintegration.store.SourceKey;

/** A data steward's decision about entities, applied to the master data store by {@link DecisionApplier}. */
public sealed interface StewardDecision {

    /** These two entities are the same: unite them (the older one survives). */
    record Merge(String entityId, String otherEntityId) implements StewardDecision {
    }

    /** This source record does not belong to its entity: it forms an entity of its own, and never rejoins the records it left. */
    record Split(SourceKey record) implements StewardDecision {
    }

    /** These two source records are never the same entity; if they are now, the second is split out. */
    record CannotLink(SourceKey record, SourceKey otherRecord) implements StewardDecision {
    }

    /** This field of the entity's golden record has this value, whatever the sources say. */
    record Pin(String entityId, String field, Object value) implements StewardDecision {
    }

    /** Takes a pin back: the field follows the survivorship rules again. */
    record Unpin(String entityId, String field) implements StewardDecision {
    }
}
