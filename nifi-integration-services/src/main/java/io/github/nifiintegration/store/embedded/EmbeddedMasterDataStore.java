package io.github.nifiintegration.store.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The embedded master data store: one file in a local directory, written through H2's MVStore (a
 * proven, crash-safe, copy-on-write B-tree store), no server. Transactions are serialized: one writer
 * at a time holds the store, its changes stay uncommitted in MVStore until {@code commit()} writes
 * them out in one go, and {@code rollback()} reverts MVStore to the last commit. Serializing writers
 * is what makes concurrent tasks correct (two duplicates of a new person cannot both create an
 * entity), and on one node it costs little: resolution is CPU-bound and the lock is held per batch.
 * Decoded records are cached (Caffeine) because candidates are read far more often than written.
 */
public final class EmbeddedMasterDataStore implements MasterDataStore {

    public static final String FILE_NAME = "master-data.mv.db";

    private static final char SEP = '\u0000';

    private final MVStore store;
    private final MVMap<String, byte[]> records;
    private final MVMap<String, String> blockIndex;
    private final MVMap<String, Long> entities;
    private final MVMap<String, Boolean> entityMembers;
    private final MVMap<String, String> redirects;
    private final MVMap<String, Long> counters;
    private final MVMap<String, String> reviews;
    private final MVMap<String, Long> meta;
    private final Cache<String, StoredRecord> recordCache;
    private final Semaphore writer = new Semaphore(1, true);
    private volatile long committedVersion;

    private EmbeddedMasterDataStore(final MVStore store, final int cachedRecords) {
        this.store = store;
        this.records = store.openMap("records");
        this.blockIndex = store.openMap("blockIndex");
        this.entities = store.openMap("entities");
        this.entityMembers = store.openMap("entityMembers");
        this.redirects = store.openMap("redirects");
        this.counters = store.openMap("counters");
        this.reviews = store.openMap("reviews");
        this.meta = store.openMap("meta");
        this.recordCache = Caffeine.newBuilder().maximumSize(cachedRecords).build();
        this.committedVersion = store.commit();
    }

    /**
     * Opens (or creates) the store in a directory.
     *
     * @throws StoreException when the directory cannot be used, or another store has the file open
     */
    public static EmbeddedMasterDataStore open(final Path directory, final int cachedRecords) {
        try {
            Files.createDirectories(directory);
            final MVStore store = new MVStore.Builder()
                    .fileName(directory.resolve(FILE_NAME).toString())
                    .autoCommitDisabled()
                    .cacheSize(64)
                    .open();
            store.setVersionsToKeep(16);
            return new EmbeddedMasterDataStore(store, cachedRecords);
        } catch (final Exception e) {
            throw new StoreException("Cannot open the embedded master data store in " + directory + ": " + e.getMessage()
                    + " (is another store service using the same directory?)", e);
        }
    }

    @Override
    public StoreTransaction begin(final Duration wait) {
        try {
            if (!writer.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("The embedded master data store is busy: no transaction could start within " + wait);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the master data store", e);
        }
        if (store.isClosed()) {
            writer.release();
            throw new StoreException("The embedded master data store is closed");
        }
        return new Transaction();
    }

    @Override
    public StoreReader reader() {
        return new CommittedReader(committedVersion);
    }

    @Override
    public void close() {
        writer.acquireUninterruptibly();
        try {
            if (!store.isClosed()) {
                store.rollback();
                store.close();
            }
        } finally {
            writer.release();
        }
    }

    private static String memberKey(final String entityId, final String sourceKey) {
        return entityId + SEP + sourceKey;
    }

    private static String blockEntry(final String blockingKey, final long sequence) {
        return blockingKey + SEP + HexFormat.of().toHexDigits(sequence);
    }

    /** Reads shared by the transaction (current maps) and the committed reader (a version's maps). */
    private abstract class Reads implements StoreReader {

        abstract MVMap<String, byte[]> records();

        abstract MVMap<String, String> redirects();

        abstract MVMap<String, Boolean> entityMembers();

        abstract MVMap<String, Long> entities();

        abstract MVMap<String, Long> counters();

        abstract boolean useCache();

        @Override
        public StoredRecord record(final SourceKey key) {
            return record(key.asString());
        }

        StoredRecord record(final String key) {
            if (useCache()) {
                final StoredRecord cached = recordCache.getIfPresent(key);
                if (cached != null) {
                    return cached;
                }
            }
            final byte[] bytes = records().get(key);
            if (bytes == null) {
                return null;
            }
            final StoredRecord record = RecordCodec.decode(bytes);
            if (useCache()) {
                recordCache.put(key, record);
            }
            return record;
        }

        @Override
        public String currentEntityId(final String entityId) {
            String current = entityId;
            for (int hops = 0; hops < 10_000; hops++) {
                final String next = redirects().get(current);
                if (next == null) {
                    return current;
                }
                current = next;
            }
            throw new StoreException("entity redirects form a cycle at " + entityId);
        }

        @Override
        public List<SourceKey> members(final String entityId) {
            final String prefix = entityId + SEP;
            final List<SourceKey> keys = new ArrayList<>();
            final Cursor<String, Boolean> cursor = entityMembers().cursor(prefix);
            while (cursor.hasNext()) {
                final String key = cursor.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                keys.add(SourceKey.parse(key.substring(prefix.length())));
            }
            keys.sort((a, b) -> Long.compare(record(a).sequence(), record(b).sequence()));
            return keys;
        }

        @Override
        public boolean entityExists(final String entityId) {
            return entities().containsKey(entityId);
        }

        @Override
        public long counter(final String key) {
            final Long value = counters().get(key);
            return value == null ? 0 : value;
        }
    }

    /** Committed data as of one version: what lookups read while a writer works. */
    private final class CommittedReader extends Reads {
        private final MVMap<String, byte[]> versionRecords;
        private final MVMap<String, String> versionRedirects;
        private final MVMap<String, Boolean> versionMembers;
        private final MVMap<String, Long> versionEntities;
        private final MVMap<String, Long> versionCounters;

        CommittedReader(final long version) {
            this.versionRecords = records.openVersion(version);
            this.versionRedirects = redirects.openVersion(version);
            this.versionMembers = entityMembers.openVersion(version);
            this.versionEntities = entities.openVersion(version);
            this.versionCounters = counters.openVersion(version);
        }

        @Override
        MVMap<String, byte[]> records() {
            return versionRecords;
        }

        @Override
        MVMap<String, String> redirects() {
            return versionRedirects;
        }

        @Override
        MVMap<String, Boolean> entityMembers() {
            return versionMembers;
        }

        @Override
        MVMap<String, Long> entities() {
            return versionEntities;
        }

        @Override
        MVMap<String, Long> counters() {
            return versionCounters;
        }

        @Override
        boolean useCache() {
            return false;
        }
    }

    /** The one writer's transaction, working on the live maps. */
    private final class Transaction extends Reads implements StoreTransaction {
        private boolean open = true;

        @Override
        MVMap<String, byte[]> records() {
            return records;
        }

        @Override
        MVMap<String, String> redirects() {
            return redirects;
        }

        @Override
        MVMap<String, Boolean> entityMembers() {
            return entityMembers;
        }

        @Override
        MVMap<String, Long> entities() {
            return entities;
        }

        @Override
        MVMap<String, Long> counters() {
            return counters;
        }

        @Override
        boolean useCache() {
            return true;
        }

        @Override
        public long nextSequence() {
            final Long last = meta.get("sequence");
            final long next = last == null ? 1 : last + 1;
            meta.put("sequence", next);
            return next;
        }

        @Override
        public List<String> blockMembers(final String blockingKey, final int limit) {
            final String prefix = blockingKey + SEP;
            final List<String> members = new ArrayList<>();
            final Cursor<String, String> cursor = blockIndex.cursor(prefix);
            while (cursor.hasNext() && members.size() < limit) {
                final String key = cursor.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                members.add(cursor.getValue());
            }
            return members;
        }

        @Override
        public long blockSize(final String blockingKey) {
            return counter("block" + SEP + blockingKey);
        }

        @Override
        public void insertRecord(final StoredRecord record, final Collection<String> blockingKeys) {
            final String key = record.key().asString();
            put(record);
            entityMembers.put(memberKey(record.entityId(), key), Boolean.TRUE);
            file(record, blockingKeys, key);
        }

        @Override
        public void updateRecord(final StoredRecord record, final Collection<String> oldBlockingKeys, final Collection<String> newBlockingKeys) {
            final String key = record.key().asString();
            final StoredRecord previous = record(key);
            if (previous != null && !previous.entityId().equals(record.entityId())) {
                entityMembers.remove(memberKey(previous.entityId(), key));
                entityMembers.put(memberKey(record.entityId(), key), Boolean.TRUE);
            }
            for (final String blockingKey : oldBlockingKeys) {
                if (blockIndex.remove(blockEntry(blockingKey, record.sequence())) != null) {
                    adjust("block" + SEP + blockingKey, -1);
                }
            }
            put(record);
            file(record, newBlockingKeys, key);
        }

        private void file(final StoredRecord record, final Collection<String> blockingKeys, final String key) {
            for (final String blockingKey : blockingKeys) {
                if (blockIndex.put(blockEntry(blockingKey, record.sequence()), key) == null) {
                    adjust("block" + SEP + blockingKey, 1);
                }
            }
        }

        private void put(final StoredRecord record) {
            final String key = record.key().asString();
            records.put(key, RecordCodec.encode(record));
            recordCache.put(key, record);
        }

        @Override
        public void createEntity(final String entityId, final long sequence) {
            if (entities.putIfAbsent(entityId, sequence) != null) {
                throw new StoreException("entity " + entityId + " exists already");
            }
        }

        @Override
        public long entityCreated(final String entityId) {
            final Long created = entities.get(entityId);
            return created == null ? -1 : created;
        }

        @Override
        public void mergeEntities(final String survivor, final String retired) {
            if (survivor.equals(retired)) {
                return;
            }
            for (final SourceKey member : members(retired)) {
                final String key = member.asString();
                put(record(key).withEntity(survivor));
                entityMembers.remove(memberKey(retired, key));
                entityMembers.put(memberKey(survivor, key), Boolean.TRUE);
            }
            redirects.put(retired, survivor);
        }

        @Override
        public void adjustCounters(final Collection<String> keys, final long delta) {
            for (final String key : keys) {
                adjust(key, delta);
            }
        }

        private void adjust(final String key, final long delta) {
            final Long value = counters.get(key);
            final long next = (value == null ? 0 : value) + delta;
            if (next == 0) {
                counters.remove(key);
            } else {
                counters.put(key, next);
            }
        }

        @Override
        public void putReview(final SourceKey key, final String detail) {
            reviews.put(key.asString(), detail);
        }

        @Override
        public void removeReview(final SourceKey key) {
            reviews.remove(key.asString());
        }

        @Override
        public String review(final SourceKey key) {
            return reviews.get(key.asString());
        }

        @Override
        public void commit() {
            ensureOpen();
            try {
                committedVersion = store.commit();
            } catch (final RuntimeException e) {
                rollback();
                throw new StoreException("Could not commit to the embedded master data store: " + e.getMessage(), e);
            }
            finish();
        }

        @Override
        public void rollback() {
            if (!open) {
                return;
            }
            try {
                store.rollback();
            } finally {
                // cached records may hold values that were just undone
                recordCache.invalidateAll();
                finish();
            }
        }

        @Override
        public void close() {
            rollback();
        }

        private void ensureOpen() {
            if (!open) {
                throw new StoreException("the transaction has ended");
            }
        }

        private void finish() {
            open = false;
            writer.release();
        }
    }
}
