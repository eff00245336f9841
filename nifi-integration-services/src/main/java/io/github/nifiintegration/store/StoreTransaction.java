package io.github.nifiintegration.store;

import java.util.Collection;
import java.util.List;

/**
 * One unit of work on the store. Reads see the transaction's own writes. Nothing is visible to other
 * readers, nor durable, before {@link #commit()}; {@link #rollback()} (or {@link #close()} without a
 * commit) undoes everything.
 */
public interface StoreTransaction extends StoreReader, AutoCloseable {

    /**
     * Announces what the next operations will read: records by source key, blocks (at most
     * {@code blockLimit} records each) and counters. A store behind a network (PostgreSQL) loads them
     * in a few round trips instead of one per read; the embedded store has nothing to gain and ignores
     * it. Only a hint: every read is correct with or without it.
     */
    default void prefetch(final Collection<SourceKey> keys, final Collection<String> blockingKeys, final Collection<String> counterKeys, final int blockLimit) {
    }

    /**
     * Announces that the next operations maintain these entities' golden records: they will follow
     * the ids through merges and read each current entity's records, newest golden record and pins. A
     * store behind a network loads all of that in a few statements; only a hint, like
     * {@link #prefetch}.
     */
    default void prefetchEntities(final Collection<String> entityIds) {
    }

    /** The next number in arrival order. */
    long nextSequence();

    /** Up to {@code limit} records filed under a blocking key, oldest first. */
    List<StoredRecord> blockRecords(String blockingKey, int limit);

    /** How many records are filed under a blocking key. */
    long blockSize(String blockingKey);

    /**
     * Stores a new record under its entity, files it under its blocking keys, and adds one to each of
     * its counters (value and word frequencies). The store keeps both lists with the record, so an
     * update or a split can take them back.
     */
    void insertRecord(StoredRecord record, Collection<String> blockingKeys, Collection<String> counterKeys);

    /** Replaces a stored record (same key and sequence): its old blocking keys and counters are replaced by these. */
    void updateRecord(StoredRecord record, Collection<String> blockingKeys, Collection<String> counterKeys);

    /**
     * An entity's age: the sequence of its oldest record (the older entity survives a merge), or -1
     * when it has no records.
     */
    long entityCreated(String entityId);

    /**
     * Merges {@code retired} into {@code survivor}: its records and pins move over (the survivor's own
     * pins win where both pinned a field), and the retired id resolves to the survivor from now on.
     */
    void mergeEntities(String survivor, String retired);

    /**
     * Moves one source record to another entity (a split: the target is usually a new entity id). Its
     * blocking keys and counters stay as they are.
     *
     * @throws StoreException when the record is not stored
     */
    void moveRecord(SourceKey key, String entityId);

    /**
     * Stores a new version of an entity's golden record. The version must be exactly one more than the
     * stored newest version (1 for the first): a writer that computed from an older version fails
     * instead of overwriting a newer one.
     *
     * @throws StoreException when the version does not follow the stored one
     */
    void putGolden(GoldenRecord golden);

    /** Pins a field of an entity to a value: survivorship keeps it whatever the sources say. */
    void pin(String entityId, String field, Object value);

    /** Removes a pin (nothing happens when the field was not pinned). */
    void unpin(String entityId, String field);

    /** Records that two source records are never the same entity (symmetric). */
    void addCannotLink(SourceKey first, SourceKey second);

    /** Puts a record in the review queue with what a person needs to decide (or replaces its entry). */
    void putReview(SourceKey key, String detail);

    /** Takes a record out of the review queue. */
    void removeReview(SourceKey key);

    /** The review queue entry of a record, or null. */
    String review(SourceKey key);

    void commit();

    void rollback();

    /** Rolls back unless committed. */
    @Override
    void close();
}
