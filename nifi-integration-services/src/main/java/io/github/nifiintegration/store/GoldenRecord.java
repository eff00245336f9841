package io.github.nifiintegration.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The best-known version of an entity, one {@link GoldenValue} per field, and its version number.
 * A version is kept for ever: the store adds a new one only when the golden record changed, so
 * earlier versions stay readable.
 *
 * @param version     1 for the first golden record of an entity, then one more per change
 * @param retiredInto when the entity was merged into another: the survivor's id (its fields are those
 *                    of the last version before the merge); null for a live entity
 * @param changedAt   when this version was made (ISO-8601 instant); not part of what counts as a change
 */
public record GoldenRecord(String entityId, long version, Map<String, GoldenValue> fields, String retiredInto, String changedAt) {

    public GoldenRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public boolean retired() {
        return retiredInto != null;
    }

    /** Whether this and another golden record say the same: same values, lineage, rules and state. */
    public boolean sameContent(final GoldenRecord other) {
        return other != null && fields.equals(other.fields) && java.util.Objects.equals(retiredInto, other.retiredInto);
    }

    /** The next version of this record with other content. */
    public GoldenRecord next(final Map<String, GoldenValue> newFields, final String newRetiredInto, final String now) {
        return new GoldenRecord(entityId, version + 1, newFields, newRetiredInto, now);
    }
}
