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

    /** Reads committed data only, without a transaction (lookups). */
    StoreReader reader();

    @Override
    void close();
}
