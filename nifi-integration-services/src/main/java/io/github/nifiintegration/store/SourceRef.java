package io.github.nifiintegration.store;

/**
 * Where a golden value came from: a source record, and that record's timestamp (the value of the
 * timestamp field survivorship was configured with, or null when it has none).
 */
public record SourceRef(String system, String id, String timestamp) {

    public static SourceRef of(final SourceKey key, final String timestamp) {
        return new SourceRef(key.system(), key.id(), timestamp);
    }

    public SourceKey key() {
        return new SourceKey(system, id);
    }
}
