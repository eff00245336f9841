package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.KeyHashes;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.StoreRules;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The master data store on PostgreSQL, shared by every node of a NiFi cluster.
 * <p>
 * <b>Concurrency.</b> Writers take turns on one transaction-level advisory lock per store (schema and
 * table prefix): a transaction takes it first, reads only after it has it, and PostgreSQL releases it
 * when the transaction commits or rolls back, also when the connection dies. Within one node, tasks
 * queue on a local lock first, so a waiting task holds no database connection. Serial writers are
 * what makes resolution correct across nodes (two duplicates of a new person arriving on two nodes
 * cannot both start an entity), exactly as in the embedded store. Locks per blocking key were
 * considered and measured against: see the service's additionalDetails.md.
 * <p>
 * <b>Golden records</b> have a lock of their own ({@link #beginGoldenRecords}): golden-record
 * maintenance reads what resolution wrote and writes only golden record versions, so it runs beside
 * resolution's writers instead of taking turns with them; writers of golden records (maintenance on
 * any node, and a writer transaction the moment it touches golden records, as steward decisions do)
 * take turns on the golden-record lock. A writer takes it after the write lock, never the other way
 * round, so the two cannot deadlock.
 * <p>
 * <b>Throughput</b> comes from doing little while the lock is held: a batch's stored records, blocks
 * and counters are read in a few array statements ({@link StoreTransaction#prefetch}), changes are
 * written at commit in batches, and a node-local cache ({@link StoreCache}) keeps what this node read
 * and wrote for as long as no other node has written in between.
 */
public final class PostgreSqlMasterDataStore implements MasterDataStore {

    private final ConnectionSource connections;
    private final TableNames names;
    private final StoreCache cache;
    private final long writeLock;
    private final ReentrantLock localWriter = new ReentrantLock(true);
    private final long goldenLock;
    private final ReentrantLock localGolden = new ReentrantLock(true);
    private volatile boolean closed;

    private PostgreSqlMasterDataStore(final ConnectionSource connections, final TableNames names, final int cachedEntries) {
        this.connections = connections;
        this.names = names;
        this.cache = new StoreCache(cachedEntries);
        this.writeLock = lockId(names, "writer");
        this.goldenLock = lockId(names, "golden");
    }

    /**
     * Connects, creates or upgrades the store's tables, and returns the store.
     *
     * @param cachedEntries how many entries of each kind (records, blocks, counters, ...) the node's cache keeps
     * @throws StoreException when the database cannot be reached or the tables cannot be created
     */
    public static PostgreSqlMasterDataStore open(final ConnectionSource connections, final TableNames names, final int cachedEntries) {
        try (Connection connection = connections.connection()) {
            SchemaMigrations.migrate(connection, names);
        } catch (final SQLException e) {
            throw SqlErrors.storeException("creating or upgrading the store's tables in schema " + names.schema() + " with prefix " + names.prefix(), e);
        }
        return new PostgreSqlMasterDataStore(connections, names, cachedEntries);
    }

    /** The hash a blocking key is filed under. */
    static long blockHash(final String blockingKey) {
        return KeyHashes.hash64(blockingKey);
    }

    /** An advisory lock key of its own for every store (schema and prefix) and purpose. */
    static long lockId(final TableNames names, final String purpose) {
        return KeyHashes.hash64("nifi-integration master data store|" + names.schema() + "|" + names.prefix() + "|" + purpose);
    }

    public TableNames names() {
        return names;
    }

    @Override
    public StoreTransaction begin(final Duration wait) {
        return start(localWriter, writeLock, wait, "starting a transaction", (connection, state, deadline) -> {
            cache.useGeneration(state[0]);
            return new PostgreSqlTransaction(this, connection, names, cache, state[1], deadline);
        }, connection -> release(connection, false, false));
    }

    /**
     * A golden-records transaction: it takes the golden-record lock only, so it runs while resolution
     * writes. It reads this node's cache only when no other node has written since the cache was
     * current (the generation it read matches), and never fills it: it holds no lock that would keep
     * what it read true for the next transaction.
     */
    @Override
    public StoreTransaction beginGoldenRecords(final Duration wait) {
        return start(localGolden, goldenLock, wait, "starting a golden-records transaction", (connection, state, deadline) ->
                PostgreSqlTransaction.goldenRecordsOnly(this, connection, names, state[0] == cache.generation() ? cache : new StoreCache(1)),
                connection -> releaseGoldenRecords(connection, false));
    }

    /** Makes the transaction once its locks are held and the state row is read. */
    @FunctionalInterface
    private interface Opening {
        PostgreSqlTransaction open(Connection connection, long[] state, long deadline);
    }

    /** Takes the node's local lock, a connection and the advisory lock (all within {@code wait}), reads the state row, and opens. */
    private StoreTransaction start(final ReentrantLock local, final long lockId, final Duration wait, final String what, final Opening opening,
                                   final Consumer<Connection> releaseOnFailure) {
        final long deadline = System.nanoTime() + wait.toNanos();
        takeLocal(local, wait);
        Connection connection = null;
        try {
            connection = connectForTransaction();
            takeLock(connection, lockId, remainingMillis(deadline));
            return opening.open(connection, readState(connection), deadline);
        } catch (final SQLException e) {
            releaseOnFailure.accept(connection);
            throw "55P03".equals(e.getSQLState()) ? busy(wait) : SqlErrors.storeException(what, e);
        } catch (final RuntimeException e) {
            releaseOnFailure.accept(connection);
            throw e;
        }
    }

    /** A writer transaction that is about to read or write golden records takes the golden-record lock too (after the write lock). */
    void takeGoldenRecordsLock(final Connection connection, final long deadline) throws SQLException {
        takeLocal(localGolden, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        try {
            takeLock(connection, goldenLock, remainingMillis(deadline));
        } catch (final SQLException | RuntimeException e) {
            localGolden.unlock();
            throw e;
        }
    }

    private void takeLocal(final ReentrantLock lock, final Duration wait) {
        if (closed) {
            throw new StoreException("The PostgreSQL master data store is closed");
        }
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(wait);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the master data store", e);
        }
    }

    private static long remainingMillis(final long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private Connection connectForTransaction() throws SQLException {
        final Connection connection = connect();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return connection;
    }

    /** The state row: the generation (see {@link StoreCache}) and the last arrival sequence handed out. */
    private long[] readState(final Connection connection) throws SQLException {
        try (PreparedStatement state = connection.prepareStatement("SELECT generation, last_sequence FROM " + names.table("state") + " WHERE id = 1");
             ResultSet row = state.executeQuery()) {
            if (!row.next()) {
                throw new StoreException("The store's state row is missing from " + names.table("state") + ": the tables were changed by hand");
            }
            return new long[]{row.getLong(1), row.getLong(2)};
        }
    }

    private StoreException busy(final Duration wait) {
        return new StoreException("The PostgreSQL master data store is busy: other tasks or nodes held its write lock for longer than " + wait);
    }

    private static void takeLock(final Connection connection, final long lockId, final long waitMillis) throws SQLException {
        try (PreparedStatement timeout = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            timeout.setString(1, waitMillis + "ms");
            timeout.execute();
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, lockId);
            lock.execute();
        }
    }

    /** A connection from the pool; a pool that cannot give one (database down, pool exhausted) is a store failure, retried later. */
    private Connection connect() throws SQLException {
        try {
            return connections.connection();
        } catch (final SQLException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw new StoreException("The PostgreSQL master data store got no database connection from the connection pool ("
                    + e.getClass().getSimpleName() + "); check that the database is up and the pool's settings");
        }
    }

    /** Ends a writer transaction's use of its connection (rolled back unless committed) and lets the next writer in. */
    void release(final Connection connection, final boolean committed, final boolean heldGoldenRecordsLock) {
        try {
            endUse(connection, committed);
        } finally {
            try {
                if (!committed) {
                    // a failed transaction may have been a failed commit: nothing cached can be vouched for
                    cache.invalidateAll();
                }
            } finally {
                if (heldGoldenRecordsLock) {
                    localGolden.unlock();
                }
                localWriter.unlock();
            }
        }
    }

    /** Ends a golden-records transaction: it changed nothing cached, so the cache stays whatever happened. */
    void releaseGoldenRecords(final Connection connection, final boolean committed) {
        try {
            endUse(connection, committed);
        } finally {
            localGolden.unlock();
        }
    }

    /** Rolls back unless committed and gives the connection back; PostgreSQL releases the transaction's advisory locks with it. */
    private static void endUse(final Connection connection, final boolean committed) {
        if (connection == null) {
            return;
        }
        try {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (final SQLException | RuntimeException ignored) {
            // the connection is broken: PostgreSQL has rolled back (and released the locks) with it
        } finally {
            try {
                connection.close();
            } catch (final SQLException | RuntimeException ignored) {
                // nothing more to release
            }
        }
    }

    /** Lookups of committed data, each on a connection of its own, always from the database (no cache). */
    @Override
    public StoreReader reader() {
        return new StoreReader() {
            @Override
            public StoredRecord record(final SourceKey key) {
                return read(reads -> {
                    final long sequence = reads.sequenceOf(key);
                    return sequence == StoreCache.ABSENT ? null : reads.entry(sequence).record();
                });
            }

            @Override
            public String currentEntityId(final String entityId) {
                return read(reads -> StoreRules.followMerges(entityId, reads::redirect));
            }

            @Override
            public List<SourceKey> members(final String entityId) {
                return read(reads -> {
                    final List<SourceKey> keys = new ArrayList<>();
                    reads.members(List.of(entityId)).forEach(member -> keys.add(member.key()));
                    return keys;
                });
            }

            @Override
            public long counter(final String key) {
                return read(reads -> reads.counter(key));
            }

            @Override
            public GoldenRecord golden(final String entityId) {
                return read(reads -> reads.golden(entityId));
            }

            @Override
            public GoldenRecord goldenVersion(final String entityId, final long version) {
                return read(reads -> reads.goldenVersion(entityId, version));
            }

            @Override
            public Map<String, Object> pins(final String entityId) {
                return read(reads -> reads.pins(entityId));
            }

            @Override
            public Set<SourceKey> cannotLinks(final SourceKey key) {
                return read(reads -> reads.cannotLinks(key));
            }

            @Override
            public boolean hasCannotLinks() {
                return read(CommittedReads::hasCannotLinks);
            }
        };
    }

    private <T> T read(final Function<CommittedReads, T> lookup) {
        if (closed) {
            throw new StoreException("The PostgreSQL master data store is closed");
        }
        try (Connection connection = connect()) {
            return lookup.apply(new CommittedReads(connection, names, null));
        } catch (final SQLException e) {
            throw SqlErrors.storeException("looking up committed data", e);
        }
    }

    /** Drops the node's cache; the tables stay. Waits for the running transactions of this node to end. */
    @Override
    public void close() {
        localWriter.lock();
        localGolden.lock();
        try {
            closed = true;
            cache.invalidateAll();
        } finally {
            localGolden.unlock();
            localWriter.unlock();
        }
    }
}
