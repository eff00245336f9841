package io.github.nifiintegration.store;

import java.time.Duration;

/**
 * The master data store: source records and their cross-reference to entities, the blocking index,
 * entity merges, frequency counters and the review queue. All changes happen in a transaction that
 * is committed or rolled back as a whole, so a failed batch leaves nothing half-written.
 * Implementations: the embedded store (one node, a local directory) and PostgreSQL (a cluster).
 */
public interface MasterDataStore extends AutoCloseable {

    /**
     * Starts a transaction. Writers that could conflict wait for each other, at most {@code wait}.
     *
     * @throws StoreException when no transaction could be started in time
     */
    StoreTransaction begin(Duration wait);

    /**
     * Starts a transaction that maintains golden records: it reads records, entities, pins and golden
     * records, and writes golden record versions only (any other write fails). A store may run it
     * beside the writers of {@link #begin} instead of after them; golden-record writers still take
     * turns. It reads committed data, which may change while it runs: that is safe because every change
     * to an entity is followed by a batch that maintains that entity again, and that batch's
     * transaction starts after the change was committed, so each golden record ends computed from its
     * entity's newest records.
     *
     * @throws StoreException when no transaction could be started in time
     */
    default StoreTransaction beginGoldenRecords(final Duration wait) {
        return begin(wait);
    }

    /** Reads committed data only, without a transaction (lookups). */
    StoreReader reader();

    @Override
    void close();
}
