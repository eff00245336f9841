package io.github.nifiintegration.store;

import java.util.Collection;
import java.util.List;

/**
 * One unit of work on the store. Reads see the transaction's own writes. Nothing is visible to other
 * readers, nor durable, before {@link #commit()}; {@link #rollback()} (or {@link #close()} without a
 * commit) undoes everything.
 */
public interface StoreTransaction extends StoreReader, AutoCloseable {

    /** The next number in arrival order. */
    long nextSequence();

    /** The keys of up to {@code limit} records filed under a blocking key, oldest first. */
    List<String> blockMembers(String blockingKey, int limit);

    /** How many records are filed under a blocking key. */
    long blockSize(String blockingKey);

    /** Stores a new record under its entity and files it under its blocking keys. */
    void insertRecord(StoredRecord record, Collection<String> blockingKeys);

    /** Replaces a stored record (same key and sequence) and refiles it under its new blocking keys. */
    void updateRecord(StoredRecord record, Collection<String> oldBlockingKeys, Collection<String> newBlockingKeys);

    /** Creates an entity; {@code sequence} orders entities by age (the older survives a merge). */
    void createEntity(String entityId, long sequence);

    /** The sequence an entity was created with, or -1 when it does not exist. */
    long entityCreated(String entityId);

    /**
     * Merges {@code retired} into {@code survivor}: its records move over, and the retired id resolves
     * to the survivor from now on.
     */
    void mergeEntities(String survivor, String retired);

    /** Adds {@code delta} to each counter. */
    void adjustCounters(Collection<String> keys, long delta);

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
