package io.github.nifiintegration.tooling.quality;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The duplicate groups DeduplicateRecords' output implies: a duplicate belongs to the kept record it
 * names in 'duplicate_of', a unique record to itself. Pairwise quality over these groups is the
 * deduplication's precision and recall.
 */
public final class DedupeGroups {

    private DedupeGroups() {
    }

    /** The group of one output record whose own id is in {@code idField}. */
    public static String groupOf(final JsonNode record, final String idField) {
        final JsonNode keptId = record.get("duplicate_of");
        return keptId == null || keptId.isNull() ? record.get(idField).asText() : keptId.asText();
    }
}
