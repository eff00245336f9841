package io.github.nifiintegration.store;

import java.util.List;

/** Reading the store: what both a transaction and a plain lookup can do. */
public interface StoreReader {

    /** The record stored under this key, or null. */
    StoredRecord record(SourceKey key);

    /** The id an entity goes by now: itself, or the entity it was merged into (following every merge). */
    String currentEntityId(String entityId);

    /** The keys of an entity's source records, in arrival order. */
    List<SourceKey> members(String entityId);

    /** A counter's value (0 when it was never set). */
    long counter(String key);
}
