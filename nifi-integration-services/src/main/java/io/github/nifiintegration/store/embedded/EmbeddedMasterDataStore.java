package io.github.nifiintegration.store.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.GoldenRecordCodec;
import io.github.nifiintegration.store.KeyHashes;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.StoreRules;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The embedded master data store: one file in a local directory, no server.
 * <p>
 * <b>What is on disk</b> is written through H2's MVStore (a crash-safe copy-on-write B-tree store):
 * the source records keyed by arrival sequence (so new records append to the end of the tree instead
 * of rewriting pages all over it), each with the blocking keys and frequency counters it was filed
 * under; entity merges; the review queue. <b>What is in memory</b> are the hot indexes derived from
 * those records: source key to record, blocking key to records, entity to records, and the
 * counters. They are rebuilt by one scan when the store opens. This split keeps a commit cheap:
 * measured, persisting the indexes themselves as B-trees with random keys made every commit rewrite
 * most of their pages, and cost grew with the size of the store.
 * <p>
 * <b>Transactions</b> are serialized: one writer holds the store; its changes to disk stay
 * uncommitted in MVStore until {@code commit()}, and every change to the in-memory indexes is
 * recorded in an undo log, so {@code rollback()} restores both. Serializing writers is what makes
 * concurrent tasks correct (two duplicates of a new person cannot both create an entity); on one
 * node it costs little, as resolution is CPU-bound and the store is held per batch.
 */
public final class EmbeddedMasterDataStore implements MasterDataStore {

    public static final String FILE_NAME = "master-data.mv.db";

    private final MVStore store;
    private final MVMap<Long, byte[]> records;
    private final MVMap<String, String> redirects;
    private final MVMap<String, String> reviews;
    private final MVMap<String, Long> meta;
    /**
     * Golden record versions in the order they were made, keyed by a sequence of their own (so new
     * versions append to the end of the tree, like records), each as "entity id, separator, JSON".
     * {@link #goldenVersions} lists each entity's versions, oldest first; rebuilt when the store opens.
     */
    private final MVMap<Long, String> golden;
    private final SequenceIndex<String> goldenVersions = new SequenceIndex<>();
    private long lastGoldenSequence;
    private final MVMap<String, String> pins;
    /** Cannot-link pairs, keyed by both source keys in sorted order; mirrored in memory by {@link #cannotLinkIndex}. */
    private final MVMap<String, String> cannotLinks;
    private final Map<String, Set<String>> cannotLinkIndex = new HashMap<>();

    private final SourceKeyIndex sequenceByKey;
    /** Blocking key (as a 64-bit hash: a collision only adds a candidate that scoring rejects) to records. */
    private final BlockIndex blocks = new BlockIndex();
    private final SequenceIndex<String> members = new SequenceIndex<>();
    private final Map<String, long[]> counters = new HashMap<>();
    private final Cache<Long, StoredRecord> recordCache;
    private final Semaphore writer = new Semaphore(1, true);
    private long lastSequence;

    private EmbeddedMasterDataStore(final MVStore store, final int cachedRecords) {
        this.store = store;
        this.records = store.openMap("records", new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.redirects = store.openMap("redirects", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.reviews = store.openMap("reviews", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.meta = store.openMap("meta", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        this.golden = store.openMap("golden", new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.pins = textMap(store, "pins");
        this.cannotLinks = textMap(store, "cannot-links");
        this.recordCache = Caffeine.newBuilder().maximumSize(cachedRecords).build();
        this.sequenceByKey = new SourceKeyIndex(sequence -> new Reads().stored(sequence).key().asString());
        rebuildIndexes();
        store.commit();
    }

    private static MVMap<String, String> textMap(final MVStore store, final String name) {
        return store.openMap(name, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    /**
     * Opens (or creates) the store in a directory.
     *
     * @throws StoreException when the directory cannot be used, or another store has the file open
     */
    public static EmbeddedMasterDataStore open(final Path directory, final int cachedRecords) {
        return open(directory, cachedRecords, DEFAULT_PAGE_CACHE_MB);
    }

    /** The MVStore page cache a store gets unless told otherwise. */
    public static final int DEFAULT_PAGE_CACHE_MB = 256;

    /**
     * Opens (or creates) the store, with an MVStore page cache of {@code pageCacheMegabytes}: candidate
     * records are read from it, so a cache that holds the whole store file avoids re-reading pages.
     *
     * @throws StoreException when the directory cannot be used, or another store has the file open
     */
    public static EmbeddedMasterDataStore open(final Path directory, final int cachedRecords, final int pageCacheMegabytes) {
        try {
            Files.createDirectories(directory);
            final MVStore store = new MVStore.Builder()
                    .fileName(directory.resolve(FILE_NAME).toString())
                    .autoCommitDisabled()
                    .cacheSize(pageCacheMegabytes)
                    .open();
            return new EmbeddedMasterDataStore(store, cachedRecords);
        } catch (final StoreException e) {
            throw e;
        } catch (final Exception e) {
            throw new StoreException("Cannot open the embedded master data store in " + directory + ": " + e.getMessage()
                    + " (is another store service using the same directory?)", e);
        }
    }

    /** One scan over the stored records rebuilds every in-memory index. */
    private void rebuildIndexes() {
        final Long stored = meta.get("sequence");
        lastSequence = stored == null ? 0 : stored;
        final Cursor<Long, byte[]> cursor = records.cursor(null);
        while (cursor.hasNext()) {
            final long sequence = cursor.next();
            final RecordCodec.Entry entry = RecordCodec.decodeEntry(cursor.getValue());
            sequenceByKey.put(entry.record().key().asString(), sequence);
            entry.blockingKeys().forEach(key -> blocks.add(blockHash(key), sequence));
            members.add(entry.record().entityId(), sequence);
            entry.counterKeys().forEach(key -> counters.computeIfAbsent(key, k -> new long[1])[0]++);
            lastSequence = Math.max(lastSequence, sequence);
        }
        final Cursor<Long, String> goldenCursor = golden.cursor(null);
        while (goldenCursor.hasNext()) {
            final long sequence = goldenCursor.next();
            final String version = goldenCursor.getValue();
            goldenVersions.add(version.substring(0, version.indexOf(PAIR_SEPARATOR)), sequence);
            lastGoldenSequence = Math.max(lastGoldenSequence, sequence);
        }
        for (final String pair : cannotLinks.keySet()) {
            final int separator = pair.indexOf(PAIR_SEPARATOR);
            linkIndex(pair.substring(0, separator), pair.substring(separator + 1), true);
        }
    }

    private static final char PAIR_SEPARATOR = '\u001E';

    private boolean linkIndex(final String first, final String second, final boolean add) {
        if (add) {
            cannotLinkIndex.computeIfAbsent(first, k -> new HashSet<>()).add(second);
            return cannotLinkIndex.computeIfAbsent(second, k -> new HashSet<>()).add(first);
        }
        cannotLinkIndex.getOrDefault(first, new HashSet<>()).remove(second);
        return cannotLinkIndex.getOrDefault(second, new HashSet<>()).remove(first);
    }



    static long blockHash(final String blockingKey) {
        return hash(blockingKey);
    }

    static long hash(final String text) {
        return KeyHashes.hash64(text);
    }

    @Override
    public StoreTransaction begin(final Duration wait) {
        acquire(wait);
        if (store.isClosed()) {
            writer.release();
            throw new StoreException("The embedded master data store is closed");
        }
        return new Transaction();
    }

    /**
     * Reads committed data. Each call waits for a running transaction to end (at most one batch),
     * because the in-memory indexes are shared with the writer.
     */
    @Override
    public StoreReader reader() {
        final Reads reads = new Reads();
        return new StoreReader() {
            @Override
            public StoredRecord record(final SourceKey key) {
                return withPermit(() -> reads.record(key));
            }

            @Override
            public String currentEntityId(final String entityId) {
                return withPermit(() -> reads.currentEntityId(entityId));
            }

            @Override
            public List<SourceKey> members(final String entityId) {
                return withPermit(() -> reads.members(entityId));
            }

            @Override
            public long counter(final String key) {
                return withPermit(() -> reads.counter(key));
            }

            @Override
            public List<StoredRecord> memberRecords(final String entityId) {
                return withPermit(() -> reads.memberRecords(entityId));
            }

            @Override
            public GoldenRecord golden(final String entityId) {
                return withPermit(() -> reads.golden(entityId));
            }

            @Override
            public GoldenRecord goldenVersion(final String entityId, final long version) {
                return withPermit(() -> reads.goldenVersion(entityId, version));
            }

            @Override
            public Map<String, Object> pins(final String entityId) {
                return withPermit(() -> reads.pins(entityId));
            }

            @Override
            public Set<SourceKey> cannotLinks(final SourceKey key) {
                return withPermit(() -> reads.cannotLinks(key));
            }

            @Override
            public boolean hasCannotLinks() {
                return withPermit(reads::hasCannotLinks);
            }
        };
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

    private void acquire(final Duration wait) {
        try {
            if (!writer.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("The embedded master data store is busy: no transaction could start within " + wait);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the master data store", e);
        }
    }

    private <T> T withPermit(final Supplier<T> read) {
        writer.acquireUninterruptibly();
        try {
            if (store.isClosed()) {
                throw new StoreException("The embedded master data store is closed");
            }
            return read.get();
        } finally {
            writer.release();
        }
    }

    /** Reads over the indexes; callers hold the writer permit. */
    private class Reads implements StoreReader {

        /** A stored record by sequence, decoded without its index keys, cached. */
        StoredRecord stored(final long sequence) {
            final StoredRecord cached = recordCache.getIfPresent(sequence);
            if (cached != null) {
                return cached;
            }
            final StoredRecord record = RecordCodec.decode(bytes(sequence));
            recordCache.put(sequence, record);
            return record;
        }

        /** A stored record with the index keys it is filed under (for updates and merges). */
        RecordCodec.Entry entry(final long sequence) {
            return RecordCodec.decodeEntry(bytes(sequence));
        }

        private byte[] bytes(final long sequence) {
            final byte[] bytes = records.get(sequence);
            if (bytes == null) {
                throw new StoreException("the store's index names record " + sequence + ", which is missing from the file");
            }
            return bytes;
        }

        @Override
        public StoredRecord record(final SourceKey key) {
            final long sequence = sequenceByKey.get(key.asString());
            return sequence < 0 ? null : stored(sequence);
        }

        @Override
        public String currentEntityId(final String entityId) {
            return StoreRules.followMerges(entityId, redirects::get);
        }

        @Override
        public List<SourceKey> members(final String entityId) {
            final long[] sequences = members.all(entityId);
            final List<SourceKey> keys = new ArrayList<>(sequences.length);
            for (final long sequence : sequences) {
                keys.add(stored(sequence).key());
            }
            return keys;
        }

        @Override
        public List<StoredRecord> memberRecords(final String entityId) {
            final long[] sequences = members.all(entityId);
            final List<StoredRecord> records = new ArrayList<>(sequences.length);
            for (final long sequence : sequences) {
                records.add(stored(sequence));
            }
            return records;
        }

        @Override
        public long counter(final String key) {
            final long[] value = counters.get(key);
            return value == null ? 0 : value[0];
        }

        @Override
        public GoldenRecord golden(final String entityId) {
            return goldenVersion(entityId, goldenVersions.size(entityId));
        }

        @Override
        public GoldenRecord goldenVersion(final String entityId, final long version) {
            if (version < 1 || version > goldenVersions.size(entityId)) {
                return null;
            }
            final String stored = golden.get(goldenVersions.get(entityId, (int) version - 1));
            return GoldenRecordCodec.decode(stored.substring(stored.indexOf(PAIR_SEPARATOR) + 1));
        }

        @Override
        public Map<String, Object> pins(final String entityId) {
            final String json = pins.get(entityId);
            return json == null ? Map.of() : GoldenRecordCodec.decodeValues(json);
        }

        @Override
        public Set<SourceKey> cannotLinks(final SourceKey key) {
            final Set<String> linked = cannotLinkIndex.get(key.asString());
            if (linked == null || linked.isEmpty()) {
                return Set.of();
            }
            final Set<SourceKey> keys = new HashSet<>();
            linked.forEach(text -> keys.add(SourceKey.parse(text)));
            return keys;
        }

        @Override
        public boolean hasCannotLinks() {
            return !cannotLinkIndex.isEmpty();
        }
    }

    /** The one writer's transaction. */
    private final class Transaction extends Reads implements StoreTransaction {
        private final Deque<Runnable> undo = new ArrayDeque<>();
        private final long sequenceAtStart = lastSequence;
        private final long goldenSequenceAtStart = lastGoldenSequence;
        private boolean open = true;

        @Override
        public long nextSequence() {
            return ++lastSequence;
        }

        @Override
        public List<StoredRecord> blockRecords(final String blockingKey, final int limit) {
            final long[] sequences = blocks.first(blockHash(blockingKey), limit);
            if (sequences.length == 0) {
                return List.of();
            }
            final List<StoredRecord> found = new ArrayList<>(sequences.length);
            for (final long sequence : sequences) {
                found.add(stored(sequence));
            }
            return found;
        }

        @Override
        public long blockSize(final String blockingKey) {
            return blocks.size(blockHash(blockingKey));
        }

        @Override
        public void insertRecord(final StoredRecord record, final Collection<String> blockingKeys, final Collection<String> counterKeys) {
            ensureOpen();
            final long sequence = record.sequence();
            final String key = record.key().asString();
            if (sequenceByKey.get(key) >= 0) {
                throw new StoreException("record " + record.key() + " is stored already");
            }
            // written first: the key index confirms a hash hit against the stored record
            write(record, blockingKeys, counterKeys);
            sequenceByKey.put(key, sequence);
            undo.push(() -> sequenceByKey.remove(key));
            index(sequence, record.entityId(), blockingKeys, counterKeys, true);
        }

        @Override
        public void updateRecord(final StoredRecord record, final Collection<String> blockingKeys, final Collection<String> counterKeys) {
            ensureOpen();
            final RecordCodec.Entry previous = entry(record.sequence());
            index(record.sequence(), previous.record().entityId(), previous.blockingKeys(), previous.counterKeys(), false);
            write(record, blockingKeys, counterKeys);
            index(record.sequence(), record.entityId(), blockingKeys, counterKeys, true);
        }

        @Override
        public long entityCreated(final String entityId) {
            return members.size(entityId) == 0 ? -1 : members.get(entityId, 0);
        }

        @Override
        public void mergeEntities(final String survivor, final String retired) {
            ensureOpen();
            if (survivor.equals(retired)) {
                return;
            }
            for (final long sequence : members.all(retired)) {
                final RecordCodec.Entry entry = entry(sequence);
                write(entry.record().withEntity(survivor), entry.blockingKeys(), entry.counterKeys());
                member(retired, sequence, false);
                member(survivor, sequence, true);
            }
            redirects.put(retired, survivor);
            final Map<String, Object> retiredPins = pins(retired);
            if (!retiredPins.isEmpty()) {
                final Map<String, Object> merged = new LinkedHashMap<>(retiredPins);
                merged.putAll(pins(survivor));
                pins.put(survivor, GoldenRecordCodec.encodeValues(merged));
                pins.remove(retired);
            }
        }

        @Override
        public void moveRecord(final SourceKey key, final String entityId) {
            ensureOpen();
            final long sequence = sequenceByKey.get(key.asString());
            if (sequence < 0) {
                throw new StoreException("record " + key + " is not stored");
            }
            final RecordCodec.Entry entry = entry(sequence);
            write(entry.record().withEntity(entityId), entry.blockingKeys(), entry.counterKeys());
            member(entry.record().entityId(), sequence, false);
            member(entityId, sequence, true);
        }

        @Override
        public void putGolden(final GoldenRecord record) {
            ensureOpen();
            final int stored = goldenVersions.size(record.entityId());
            StoreRules.requireNextVersion(record, stored);
            final long sequence = ++lastGoldenSequence;
            golden.put(sequence, record.entityId() + PAIR_SEPARATOR + GoldenRecordCodec.encode(record));
            change(goldenVersions, record.entityId(), sequence, true);
        }

        @Override
        public void pin(final String entityId, final String field, final Object value) {
            ensureOpen();
            pins.put(entityId, GoldenRecordCodec.encodeValues(StoreRules.pinned(pins(entityId), field, value)));
        }

        @Override
        public void unpin(final String entityId, final String field) {
            ensureOpen();
            final Map<String, Object> pinned = StoreRules.unpinned(pins(entityId), field);
            if (pinned != null && pinned.isEmpty()) {
                pins.remove(entityId);
            } else if (pinned != null) {
                pins.put(entityId, GoldenRecordCodec.encodeValues(pinned));
            }
        }

        @Override
        public void addCannotLink(final SourceKey first, final SourceKey second) {
            ensureOpen();
            final String a = first.asString();
            final String b = second.asString();
            if (a.equals(b)) {
                throw new StoreException("a record cannot be declared distinct from itself: " + first);
            }
            cannotLinks.put(a.compareTo(b) < 0 ? a + PAIR_SEPARATOR + b : b + PAIR_SEPARATOR + a, "");
            if (linkIndex(a, b, true)) {
                undo.push(() -> linkIndex(a, b, false));
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

        private void write(final StoredRecord record, final Collection<String> blockingKeys, final Collection<String> counterKeys) {
            records.put(record.sequence(), RecordCodec.encode(record, blockingKeys, counterKeys));
            recordCache.put(record.sequence(), record);
        }

        /** Adds (or removes) a record's entries in the in-memory indexes, recording how to undo it. */
        private void index(final long sequence, final String entityId, final Collection<String> blockingKeys, final Collection<String> counterKeys, final boolean add) {
            for (final String blockingKey : blockingKeys) {
                block(blockingKey, sequence, add);
            }
            member(entityId, sequence, add);
            for (final String counterKey : counterKeys) {
                count(counterKey, add ? 1 : -1);
            }
        }

        private void block(final String blockingKey, final long sequence, final boolean add) {
            final long hash = blockHash(blockingKey);
            if (add ? blocks.add(hash, sequence) : blocks.remove(hash, sequence)) {
                undo.push(() -> {
                    if (add) {
                        blocks.remove(hash, sequence);
                    } else {
                        blocks.add(hash, sequence);
                    }
                });
            }
        }

        private void member(final String entityId, final long sequence, final boolean add) {
            change(members, entityId, sequence, add);
        }

        /** Adds or removes an index entry, recording the opposite for rollback. */
        private <K> void change(final SequenceIndex<K> index, final K key, final long sequence, final boolean add) {
            if (add ? index.add(key, sequence) : index.remove(key, sequence)) {
                undo.push(() -> {
                    if (add) {
                        index.remove(key, sequence);
                    } else {
                        index.add(key, sequence);
                    }
                });
            }
        }

        private void count(final String counterKey, final long delta) {
            counters.computeIfAbsent(counterKey, k -> new long[1])[0] += delta;
            undo.push(() -> counters.get(counterKey)[0] -= delta);
        }

        @Override
        public void commit() {
            ensureOpen();
            try {
                meta.put("sequence", lastSequence);
                store.commit();
            } catch (final RuntimeException e) {
                rollback();
                throw new StoreException("Could not commit to the embedded master data store: " + e.getMessage(), e);
            }
            undo.clear();
            finish();
        }

        @Override
        public void rollback() {
            if (!open) {
                return;
            }
            try {
                store.rollback();
                while (!undo.isEmpty()) {
                    undo.pop().run();
                }
                lastSequence = sequenceAtStart;
                lastGoldenSequence = goldenSequenceAtStart;
            } finally {
                // cached entries may hold values that were just undone
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
