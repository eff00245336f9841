package io.github.nifiintegration.store;

import java.util.Map;

/**
 * A source record as the store keeps it: its canonical values, the entity it belongs to, the order it
 * arrived in (blocking indexes list records in that order), and a hash of its values so that an
 * unchanged replay is recognised without comparing every field.
 */
public record StoredRecord(SourceKey key, String entityId, long sequence, Map<String, Object> values, String contentHash) {

    public StoredRecord withEntity(final String newEntityId) {
        return new StoredRecord(key, newEntityId, sequence, values, contentHash);
    }
}
