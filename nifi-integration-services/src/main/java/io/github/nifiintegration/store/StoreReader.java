package io.github.nifiintegration.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading the store: what both a transaction and a plain lookup can do. */
public interface StoreReader {

    /** The record stored under this key, or null. */
    StoredRecord record(SourceKey key);

    /** The id an entity goes by now: itself, or the entity it was merged into (following every merge). */
    String currentEntityId(String entityId);

    /** The keys of an entity's source records, in arrival order. */
    List<SourceKey> members(String entityId);

    /** An entity's source records, in arrival order. Stores that can read them in one go override this. */
    default List<StoredRecord> memberRecords(final String entityId) {
        final List<SourceKey> keys = members(entityId);
        final List<StoredRecord> records = new ArrayList<>(keys.size());
        for (final SourceKey key : keys) {
            records.add(record(key));
        }
        return records;
    }

    /** A counter's value (0 when it was never set). */
    long counter(String key);

    /** The newest golden record of an entity (retired or not), or null when it has none. Ids are not followed through merges. */
    GoldenRecord golden(String entityId);

    /** One version of an entity's golden record, or null when there is no such version. */
    GoldenRecord goldenVersion(String entityId, long version);

    /** The values a steward pinned on an entity (field to value); empty when none. */
    Map<String, Object> pins(String entityId);

    /** The source records a steward declared can never be the same entity as this one. */
    Set<SourceKey> cannotLinks(SourceKey key);

    /** Whether any cannot-link exists at all (resolution skips the checks while there is none). */
    boolean hasCannotLinks();
}
