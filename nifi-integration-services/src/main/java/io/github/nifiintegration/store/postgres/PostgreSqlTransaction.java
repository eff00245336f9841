package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.GoldenRecordCodec;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreRules;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;
import io.github.nifiintegration.store.postgres.StoreCache.Block;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A transaction on the PostgreSQL store. It holds the store's write lock (see
 * {@link PostgreSqlMasterDataStore}) from begin to commit, so it reads committed data that cannot
 * change under it. Its own changes are kept in memory as a layer over the committed data (every read
 * looks at the layer first), and written in one go at commit: JDBC batches and array statements, a
 * handful of round trips per batch instead of several per record. Nothing reaches the database before
 * {@link #commit()}; a rollback only forgets the layer.
 */
final class PostgreSqlTransaction implements StoreTransaction {

    private static final String REMOVED = "\u0000removed";
    private static final SortedSet<Long> NO_ADDS = Collections.emptySortedSet();

    private final PostgreSqlMasterDataStore store;
    private final Connection connection;
    private final TableNames names;
    private final StoreCache cache;
    private final CommittedReads committed;
    /** Golden-record maintenance only (see {@link PostgreSqlMasterDataStore#beginGoldenRecords}): no write lock, only golden records written. */
    private final boolean goldenRecordsOnly;
    /** When a writer transaction must have the golden-record lock by, if it comes to need it. */
    private final long deadline;
    private boolean holdsGoldenRecordsLock;
    private long lastSequence;
    private boolean open = true;

    /** Records written by this transaction, by sequence, as they are now. */
    private final Map<Long, RecordCodec.Entry> written = new HashMap<>();
    /** The same records by entity, so that entity questions need no scan over everything written. */
    private final Map<String, TreeSet<Long>> writtenByEntity = new HashMap<>();
    /** Entities that lost a committed record to another entity in this transaction (an update or a move). */
    private final Set<String> lostCommittedRecords = new HashSet<>();
    /** Every entity this transaction changed: its cached age cannot be trusted after the commit. */
    private final Set<String> touchedEntities = new HashSet<>();
    private final Set<Long> inserted = new HashSet<>();
    private final Map<SourceKey, Long> insertedKeys = new HashMap<>();
    /** Block entries added and removed, relative to the committed blocks. */
    private final Map<Long, TreeSet<Long>> blockAdds = new HashMap<>();
    private final Map<Long, Set<Long>> blockRemovals = new HashMap<>();
    private final Map<String, Long> counterDeltas = new HashMap<>();
    /** Merges in the order they happened (retired to survivor). */
    private final LinkedHashMap<String, String> merges = new LinkedHashMap<>();
    private final Map<SourceKey, String> reviews = new HashMap<>();
    /** Golden record versions added, by entity and version. */
    private final Map<String, TreeMap<Long, GoldenRecord>> goldenAdded = new HashMap<>();
    /** Entities whose pins changed, with all their pins now (empty: none left). */
    private final Map<String, Map<String, Object>> pinChanges = new HashMap<>();
    /** Cannot-link pairs added. */
    private final Set<List<SourceKey>> linksAdded = new LinkedHashSet<>();

    /** A writer transaction: it holds the store's write lock. */
    PostgreSqlTransaction(final PostgreSqlMasterDataStore store, final Connection connection, final TableNames names, final StoreCache cache,
                          final long lastSequence, final long deadline) {
        this(store, connection, names, cache, lastSequence, deadline, false);
    }

    private PostgreSqlTransaction(final PostgreSqlMasterDataStore store, final Connection connection, final TableNames names, final StoreCache cache,
                                  final long lastSequence, final long deadline, final boolean goldenRecordsOnly) {
        this.store = store;
        this.connection = connection;
        this.names = names;
        this.cache = cache;
        this.committed = new CommittedReads(connection, names, cache, !goldenRecordsOnly);
        this.lastSequence = lastSequence;
        this.deadline = deadline;
        this.goldenRecordsOnly = goldenRecordsOnly;
        this.holdsGoldenRecordsLock = goldenRecordsOnly;
    }

    /**
     * A golden-records transaction: it holds the golden-record lock, reads {@code cache} without filling
     * it (the node's cache when it is current, else an empty one of its own), and writes golden records only.
     */
    static PostgreSqlTransaction goldenRecordsOnly(final PostgreSqlMasterDataStore store, final Connection connection, final TableNames names,
                                                   final StoreCache cache) {
        return new PostgreSqlTransaction(store, connection, names, cache, -1, 0, true);
    }

    /** Writes other than golden records need the write lock, which a golden-records transaction does not hold. */
    private void ensureWriter() {
        ensureOpen();
        if (goldenRecordsOnly) {
            throw new IllegalStateException("a golden-records transaction writes golden records only; start a writer transaction (begin) for this");
        }
    }

    /** Golden records are read and written under the golden-record lock: a writer transaction takes it the first time it needs it. */
    private void ensureGoldenRecordsLock() {
        ensureOpen();
        if (!holdsGoldenRecordsLock) {
            try {
                store.takeGoldenRecordsLock(connection, deadline);
            } catch (final SQLException e) {
                throw "55P03".equals(e.getSQLState()) ? new StoreException("The PostgreSQL master data store is busy: other tasks or nodes held its "
                        + "golden-record lock for longer than the wait time") : SqlErrors.storeException("taking the golden-record lock", e);
            }
            holdsGoldenRecordsLock = true;
        }
    }

    @Override
    public void prefetch(final Collection<SourceKey> keys, final Collection<String> blockingKeys, final Collection<String> counterKeys, final int blockLimit) {
        ensureOpen();
        committed.prefetch(keys, blockingKeys, counterKeys, blockLimit);
    }

    @Override
    public void prefetchEntities(final Collection<String> entityIds) {
        ensureGoldenRecordsLock();
        committed.prefetchRedirects(entityIds);
        final Set<String> ids = new HashSet<>(entityIds);
        entityIds.forEach(entityId -> ids.add(currentEntityId(entityId)));
        committed.prefetchEntities(ids);
    }

    @Override
    public long nextSequence() {
        ensureWriter();
        return ++lastSequence;
    }

    // ---- reads: this transaction's layer first, then committed data

    @Override
    public StoredRecord record(final SourceKey key) {
        ensureOpen();
        final Long mine = insertedKeys.get(key);
        final long sequence = mine != null ? mine : committed.sequenceOf(key);
        return sequence == StoreCache.ABSENT ? null : entry(sequence).record();
    }

    /** A record as this transaction sees it: its own version, or the committed one moved by this transaction's merges. */
    private RecordCodec.Entry entry(final long sequence) {
        final RecordCodec.Entry mine = written.get(sequence);
        return mine != null ? mine : afterMerges(committed.entry(sequence));
    }

    private RecordCodec.Entry afterMerges(final RecordCodec.Entry entry) {
        final String entityId = mergedInto(entry.record().entityId());
        return entityId.equals(entry.record().entityId()) ? entry : new RecordCodec.Entry(entry.record().withEntity(entityId), entry.blockingKeys(), entry.counterKeys());
    }

    /** Where this transaction's merges have taken an entity. */
    private String mergedInto(final String entityId) {
        String current = entityId;
        for (String next = merges.get(current); next != null; next = merges.get(current)) {
            current = next;
        }
        return current;
    }

    @Override
    public String currentEntityId(final String entityId) {
        ensureOpen();
        return StoreRules.followMerges(entityId, id -> {
            final String local = merges.get(id);
            // an id this transaction gave to records is current (callers file records under current ids only)
            return local != null ? local : writtenByEntity.containsKey(id) ? null : committed.redirect(id);
        });
    }

    @Override
    public List<SourceKey> members(final String entityId) {
        ensureOpen();
        return new ArrayList<>(memberKeys(entityId).values());
    }

    @Override
    public List<StoredRecord> memberRecords(final String entityId) {
        ensureOpen();
        return recordsAt(memberKeys(entityId).keySet().stream().mapToLong(Long::longValue).toArray(), "entity " + entityId);
    }

    /** An entity and the entities this transaction merged into it. */
    private Set<String> idsMergedInto(final String entityId) {
        final Set<String> ids = new LinkedHashSet<>();
        ids.add(entityId);
        if (!merges.isEmpty()) {
            merges.keySet().forEach(retired -> {
                if (mergedInto(retired).equals(entityId)) {
                    ids.add(retired);
                }
            });
        }
        return ids;
    }

    /** An entity's records by sequence (oldest first): committed ones, and this transaction's. */
    private TreeMap<Long, SourceKey> memberKeys(final String entityId) {
        final Set<String> ids = idsMergedInto(entityId);
        final TreeMap<Long, SourceKey> members = new TreeMap<>();
        for (final CommittedReads.Member member : committed.members(ids)) {
            if (!written.containsKey(member.sequence())) {
                members.put(member.sequence(), member.key());
            }
        }
        for (final long sequence : writtenByEntity.getOrDefault(entityId, new TreeSet<>())) {
            members.put(sequence, written.get(sequence).record().key());
        }
        return members;
    }

    @Override
    public long counter(final String key) {
        ensureOpen();
        return committed.counter(key) + counterDeltas.getOrDefault(key, 0L);
    }

    @Override
    public List<StoredRecord> blockRecords(final String blockingKey, final int limit) {
        ensureOpen();
        final long hash = PostgreSqlMasterDataStore.blockHash(blockingKey);
        final Set<Long> removed = blockRemovals.getOrDefault(hash, Set.of());
        final Block block = committed.block(hash, limit + removed.size());
        return recordsAt(block.merged(addsTo(hash), removed, limit), "the blocking index");
    }

    /**
     * The records at these sequences as this transaction sees them, in that order: its own versions, or
     * the committed ones (read in one statement) moved by its merges.
     */
    private List<StoredRecord> recordsAt(final long[] sequences, final String namedBy) {
        final Map<Long, RecordCodec.Entry> committedEntries = committed.entries(written.isEmpty() ? sequences
                : java.util.Arrays.stream(sequences).filter(s -> !written.containsKey(s)).toArray());
        final List<StoredRecord> records = new ArrayList<>(sequences.length);
        for (final long sequence : sequences) {
            final RecordCodec.Entry mine = written.get(sequence);
            final RecordCodec.Entry entry = mine != null ? mine : committedEntries.get(sequence);
            if (entry == null) {
                throw new StoreException(namedBy + " names record " + sequence + ", which is missing from the records table");
            }
            records.add(mine != null ? entry.record() : afterMerges(entry).record());
        }
        return records;
    }

    /** The records this transaction filed under a block (hash), oldest first. */
    private SortedSet<Long> addsTo(final long hash) {
        final TreeSet<Long> adds = blockAdds.get(hash);
        return adds == null ? NO_ADDS : adds;
    }

    @Override
    public long blockSize(final String blockingKey) {
        ensureOpen();
        final long hash = PostgreSqlMasterDataStore.blockHash(blockingKey);
        return committed.blockSize(hash) - blockRemovals.getOrDefault(hash, Set.of()).size() + addsTo(hash).size();
    }

    @Override
    public long entityCreated(final String entityId) {
        ensureOpen();
        final Set<String> ids = idsMergedInto(entityId);
        if (ids.stream().anyMatch(lostCommittedRecords::contains)) {
            // a record left one of these entities in this transaction: the committed age may be that record's
            final TreeMap<Long, SourceKey> members = memberKeys(entityId);
            return members.isEmpty() ? -1 : members.firstKey();
        }
        long oldest = Long.MAX_VALUE;
        for (final String id : ids) {
            final long created = committed.created(id);
            if (created >= 0) {
                oldest = Math.min(oldest, created);
            }
        }
        final TreeSet<Long> mine = writtenByEntity.get(entityId);
        if (mine != null && !mine.isEmpty()) {
            oldest = Math.min(oldest, mine.first());
        }
        return oldest == Long.MAX_VALUE ? -1 : oldest;
    }

    @Override
    public String review(final SourceKey key) {
        ensureOpen();
        final String mine = reviews.get(key);
        if (mine != null) {
            return mine.equals(REMOVED) ? null : mine;
        }
        return committed.review(key);
    }

    @Override
    public GoldenRecord golden(final String entityId) {
        ensureGoldenRecordsLock();
        final TreeMap<Long, GoldenRecord> mine = goldenAdded.get(entityId);
        return mine != null ? mine.lastEntry().getValue() : committed.golden(entityId);
    }

    @Override
    public GoldenRecord goldenVersion(final String entityId, final long version) {
        ensureGoldenRecordsLock();
        final TreeMap<Long, GoldenRecord> mine = goldenAdded.get(entityId);
        return mine != null && mine.containsKey(version) ? mine.get(version) : committed.goldenVersion(entityId, version);
    }

    @Override
    public Map<String, Object> pins(final String entityId) {
        ensureOpen();
        final Map<String, Object> mine = pinChanges.get(entityId);
        return mine != null ? mine : committed.pins(entityId);
    }

    @Override
    public Set<SourceKey> cannotLinks(final SourceKey key) {
        ensureOpen();
        final Set<SourceKey> others = new HashSet<>(committed.cannotLinks(key));
        for (final List<SourceKey> pair : linksAdded) {
            if (pair.get(0).equals(key)) {
                others.add(pair.get(1));
            } else if (pair.get(1).equals(key)) {
                others.add(pair.get(0));
            }
        }
        return others;
    }

    @Override
    public boolean hasCannotLinks() {
        ensureOpen();
        return !linksAdded.isEmpty() || committed.hasCannotLinks();
    }

    // ---- writes: into this transaction's layer

    @Override
    public void insertRecord(final StoredRecord record, final Collection<String> blockingKeys, final Collection<String> counterKeys) {
        ensureWriter();
        if (record(record.key()) != null) {
            throw new StoreException("record " + record.key() + " is stored already");
        }
        inserted.add(record.sequence());
        putWritten(new RecordCodec.Entry(record, List.copyOf(blockingKeys), List.copyOf(counterKeys)));
        insertedKeys.put(record.key(), record.sequence());
        file(record.sequence(), blockingKeys, counterKeys, true);
    }

    @Override
    public void updateRecord(final StoredRecord record, final Collection<String> blockingKeys, final Collection<String> counterKeys) {
        ensureWriter();
        final RecordCodec.Entry previous = entry(record.sequence());
        file(record.sequence(), previous.blockingKeys(), previous.counterKeys(), false);
        putWritten(new RecordCodec.Entry(record, List.copyOf(blockingKeys), List.copyOf(counterKeys)));
        file(record.sequence(), blockingKeys, counterKeys, true);
    }

    /** Keeps a record's new version, and the by-entity index with it. */
    private void putWritten(final RecordCodec.Entry entry) {
        final long sequence = entry.record().sequence();
        final String entityId = entry.record().entityId();
        final RecordCodec.Entry previous = written.put(sequence, entry);
        final String previousEntity = previous != null ? previous.record().entityId() : inserted.contains(sequence) ? null : committedEntityOf(sequence);
        if (previousEntity != null && !previousEntity.equals(entityId)) {
            final TreeSet<Long> members = writtenByEntity.get(previousEntity);
            if (members != null) {
                members.remove(sequence);
            }
            if (previous == null || !inserted.contains(sequence)) {
                lostCommittedRecords.add(previousEntity);
            }
            touchedEntities.add(previousEntity);
        }
        writtenByEntity.computeIfAbsent(entityId, e -> new TreeSet<>()).add(sequence);
        touchedEntities.add(entityId);
    }

    private String committedEntityOf(final long sequence) {
        return afterMerges(committed.entry(sequence)).record().entityId();
    }

    /** Files a record under its blocking keys and counters, or takes it out of them. */
    private void file(final long sequence, final Collection<String> blockingKeys, final Collection<String> counterKeys, final boolean add) {
        for (final String blockingKey : new HashSet<>(blockingKeys)) {
            final long hash = PostgreSqlMasterDataStore.blockHash(blockingKey);
            if (add) {
                final Set<Long> removals = blockRemovals.get(hash);
                if (removals == null || !removals.remove(sequence)) {
                    blockAdds.computeIfAbsent(hash, h -> new TreeSet<>()).add(sequence);
                }
            } else {
                final TreeSet<Long> adds = blockAdds.get(hash);
                if (adds == null || !adds.remove(sequence)) {
                    blockRemovals.computeIfAbsent(hash, h -> new HashSet<>()).add(sequence);
                }
            }
        }
        for (final String counterKey : counterKeys) {
            counterDeltas.merge(counterKey, add ? 1L : -1L, Long::sum);
        }
    }

    @Override
    public void mergeEntities(final String survivor, final String retired) {
        ensureWriter();
        if (survivor.equals(retired)) {
            return;
        }
        merges.put(retired, survivor);
        final Map<String, Object> retiredPins = pinChanges.isEmpty() && !committed.hasPins() ? Map.of() : pins(retired);
        if (!retiredPins.isEmpty()) {
            // the survivor's own pins win where both pinned a field
            final Map<String, Object> merged = new LinkedHashMap<>(retiredPins);
            merged.putAll(pins(survivor));
            pinChanges.put(survivor, Collections.unmodifiableMap(merged));
            pinChanges.put(retired, Map.of());
        }
        touchedEntities.add(survivor);
        touchedEntities.add(retired);
        final TreeSet<Long> moved = writtenByEntity.remove(retired);
        if (moved != null) {
            for (final long sequence : moved) {
                final RecordCodec.Entry entry = written.get(sequence);
                written.put(sequence, new RecordCodec.Entry(entry.record().withEntity(survivor), entry.blockingKeys(), entry.counterKeys()));
            }
            writtenByEntity.computeIfAbsent(survivor, e -> new TreeSet<>()).addAll(moved);
        }
    }

    @Override
    public void moveRecord(final SourceKey key, final String entityId) {
        ensureWriter();
        final StoredRecord stored = record(key);
        if (stored == null) {
            throw new StoreException("record " + key + " is not stored");
        }
        final RecordCodec.Entry entry = entry(stored.sequence());
        putWritten(new RecordCodec.Entry(stored.withEntity(entityId), entry.blockingKeys(), entry.counterKeys()));
    }

    @Override
    public void putGolden(final GoldenRecord golden) {
        ensureGoldenRecordsLock();
        final GoldenRecord newest = golden(golden.entityId());
        StoreRules.requireNextVersion(golden, newest == null ? 0 : newest.version());
        goldenAdded.computeIfAbsent(golden.entityId(), id -> new TreeMap<>()).put(golden.version(), golden);
    }

    @Override
    public void pin(final String entityId, final String field, final Object value) {
        ensureWriter();
        pinChanges.put(entityId, Collections.unmodifiableMap(StoreRules.pinned(pins(entityId), field, value)));
    }

    @Override
    public void unpin(final String entityId, final String field) {
        ensureWriter();
        final Map<String, Object> pinned = StoreRules.unpinned(pins(entityId), field);
        if (pinned != null) {
            pinChanges.put(entityId, Collections.unmodifiableMap(pinned));
        }
    }

    @Override
    public void addCannotLink(final SourceKey first, final SourceKey second) {
        ensureWriter();
        if (first.equals(second)) {
            throw new StoreException("a record cannot be declared distinct from itself: " + first);
        }
        linksAdded.add(List.of(first, second));
    }

    @Override
    public void putReview(final SourceKey key, final String detail) {
        ensureWriter();
        reviews.put(key, detail);
    }

    @Override
    public void removeReview(final SourceKey key) {
        ensureWriter();
        reviews.put(key, REMOVED);
    }

    // ---- the end

    @Override
    public void commit() {
        ensureOpen();
        if (goldenRecordsOnly) {
            commitGoldenRecords();
            return;
        }
        final long generation;
        try {
            writeMerges();
            writeRecords();
            writeBlocks();
            writeCounters();
            writeReviews();
            writeStewardData();
            generation = advanceState();
            connection.commit();
        } catch (final SQLException e) {
            // whether the commit itself got through is unknown: the cache cannot vouch for anything
            cache.invalidateAll();
            end(false);
            throw SqlErrors.storeException("committing a batch", e);
        } catch (final RuntimeException e) {
            cache.invalidateAll();
            end(false);
            throw e;
        }
        applyToCache(generation);
        end(true);
    }

    /**
     * Golden record versions only. The generation stays: no node caches golden records, so no node's
     * cache is out of date. A version another writer stored first fails on the primary key.
     */
    private void commitGoldenRecords() {
        try {
            writeStewardData();
            connection.commit();
        } catch (final SQLException e) {
            end(false);
            throw SqlErrors.storeException("committing golden records", e);
        } catch (final RuntimeException e) {
            end(false);
            throw e;
        }
        end(true);
    }

    @Override
    public void rollback() {
        if (open) {
            end(false);
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

    private void end(final boolean committedOk) {
        open = false;
        if (goldenRecordsOnly) {
            store.releaseGoldenRecords(connection, committedOk);
        } else {
            store.release(connection, committedOk, holdsGoldenRecordsLock);
        }
    }

    private void writeMerges() throws SQLException {
        if (merges.isEmpty()) {
            return;
        }
        try (PreparedStatement move = connection.prepareStatement("UPDATE " + names.table("records") + " SET entity_id = ? WHERE entity_id = ?");
             PreparedStatement redirect = connection.prepareStatement("INSERT INTO " + names.table("redirects") + " (retired, survivor) VALUES (?, ?)")) {
            for (final Map.Entry<String, String> merge : merges.entrySet()) {
                move.setString(1, merge.getValue());
                move.setString(2, merge.getKey());
                move.addBatch();
                redirect.setString(1, merge.getKey());
                redirect.setString(2, merge.getValue());
                redirect.addBatch();
            }
            // in order: a chain of merges (a into b, then b into c) moves a's records on to c
            move.executeBatch();
            redirect.executeBatch();
        }
    }

    /** New and changed records, each kind in one statement over arrays (one round trip, one plan, whatever the batch size). */
    private void writeRecords() throws SQLException {
        if (written.isEmpty()) {
            return;
        }
        final List<Long> sequences = new ArrayList<>();
        final List<String> systems = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final List<String> entities = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        final List<Long> changedSequences = new ArrayList<>();
        final List<String> changedEntities = new ArrayList<>();
        final List<byte[]> changedData = new ArrayList<>();
        for (final RecordCodec.Entry entry : written.values()) {
            final StoredRecord record = entry.record();
            final byte[] encoded = RecordCodec.encode(record, entry.blockingKeys(), entry.counterKeys());
            if (inserted.contains(record.sequence())) {
                sequences.add(record.sequence());
                systems.add(record.key().system());
                ids.add(record.key().id());
                entities.add(record.entityId());
                data.add(encoded);
            } else {
                changedSequences.add(record.sequence());
                changedEntities.add(record.entityId());
                changedData.add(encoded);
            }
        }
        if (!sequences.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + names.table("records")
                    + " (sequence, source_system, source_id, entity_id, data) SELECT * FROM unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::bytea[])")) {
                insert.setArray(1, SqlArrays.longs(connection, sequences));
                insert.setArray(2, SqlArrays.texts(connection, systems));
                insert.setArray(3, SqlArrays.texts(connection, ids));
                insert.setArray(4, SqlArrays.texts(connection, entities));
                insert.setArray(5, SqlArrays.bytes(connection, data));
                insert.executeUpdate();
            }
        }
        if (!changedSequences.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + names.table("records")
                    + " r SET entity_id = u.e, data = u.d FROM unnest(?::int8[], ?::text[], ?::bytea[]) AS u(s, e, d) WHERE r.sequence = u.s")) {
                update.setArray(1, SqlArrays.longs(connection, changedSequences));
                update.setArray(2, SqlArrays.texts(connection, changedEntities));
                update.setArray(3, SqlArrays.bytes(connection, changedData));
                update.executeUpdate();
            }
        }
    }

    private void writeBlocks() throws SQLException {
        final List<Long> removeHashes = new ArrayList<>();
        final List<Long> removeSequences = new ArrayList<>();
        blockRemovals.forEach((hash, sequences) -> sequences.forEach(sequence -> {
            removeHashes.add(hash);
            removeSequences.add(sequence);
        }));
        if (!removeHashes.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + names.table("blocks")
                    + " b USING unnest(?::int8[], ?::int8[]) AS d(h, s) WHERE b.block_hash = d.h AND b.sequence = d.s")) {
                delete.setArray(1, SqlArrays.longs(connection, removeHashes));
                delete.setArray(2, SqlArrays.longs(connection, removeSequences));
                delete.executeUpdate();
            }
        }
        final List<Long> addHashes = new ArrayList<>();
        final List<Long> addSequences = new ArrayList<>();
        blockAdds.forEach((hash, sequences) -> sequences.forEach(sequence -> {
            addHashes.add(hash);
            addSequences.add(sequence);
        }));
        if (!addHashes.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + names.table("blocks")
                    + " (block_hash, sequence) SELECT * FROM unnest(?::int8[], ?::int8[])")) {
                insert.setArray(1, SqlArrays.longs(connection, addHashes));
                insert.setArray(2, SqlArrays.longs(connection, addSequences));
                insert.executeUpdate();
            }
        }
    }

    private void writeCounters() throws SQLException {
        final TreeMap<String, Long> changed = new TreeMap<>();
        counterDeltas.forEach((key, delta) -> {
            if (delta != 0) {
                changed.put(key, delta);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + names.table("counters")
                + " AS c (counter_key, counter_value) SELECT * FROM unnest(?::text[], ?::int8[])"
                + " ON CONFLICT (counter_key) DO UPDATE SET counter_value = c.counter_value + EXCLUDED.counter_value")) {
            upsert.setArray(1, SqlArrays.texts(connection, changed.keySet()));
            upsert.setArray(2, SqlArrays.longs(connection, changed.values()));
            upsert.executeUpdate();
        }
    }

    private void writeReviews() throws SQLException {
        if (reviews.isEmpty()) {
            return;
        }
        try (PreparedStatement put = connection.prepareStatement("INSERT INTO " + names.table("reviews")
                + " (source_system, source_id, detail) VALUES (?, ?, ?) ON CONFLICT (source_system, source_id) DO UPDATE SET detail = EXCLUDED.detail");
             PreparedStatement remove = connection.prepareStatement("DELETE FROM " + names.table("reviews") + " WHERE source_system = ? AND source_id = ?")) {
            for (final Map.Entry<SourceKey, String> review : reviews.entrySet()) {
                if (review.getValue().equals(REMOVED)) {
                    remove.setString(1, review.getKey().system());
                    remove.setString(2, review.getKey().id());
                    remove.addBatch();
                } else {
                    put.setString(1, review.getKey().system());
                    put.setString(2, review.getKey().id());
                    put.setString(3, review.getValue());
                    put.addBatch();
                }
            }
            put.executeBatch();
            remove.executeBatch();
        }
    }

    private void writeStewardData() throws SQLException {
        if (!goldenAdded.isEmpty()) {
            // one statement over arrays: a batch adds thousands of versions
            final List<String> entities = new ArrayList<>();
            final List<Long> versions = new ArrayList<>();
            final List<String> data = new ArrayList<>();
            for (final TreeMap<Long, GoldenRecord> added : goldenAdded.values()) {
                for (final GoldenRecord golden : added.values()) {
                    entities.add(golden.entityId());
                    versions.add(golden.version());
                    data.add(GoldenRecordCodec.encode(golden));
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + names.table("golden")
                    + " (entity_id, version, data) SELECT * FROM unnest(?::text[], ?::int8[], ?::text[])")) {
                insert.setArray(1, SqlArrays.texts(connection, entities));
                insert.setArray(2, SqlArrays.longs(connection, versions));
                insert.setArray(3, SqlArrays.texts(connection, data));
                insert.executeUpdate();
            }
        }
        if (!pinChanges.isEmpty()) {
            try (PreparedStatement put = connection.prepareStatement("INSERT INTO " + names.table("pins")
                    + " (entity_id, data) VALUES (?, ?) ON CONFLICT (entity_id) DO UPDATE SET data = EXCLUDED.data");
                 PreparedStatement remove = connection.prepareStatement("DELETE FROM " + names.table("pins") + " WHERE entity_id = ?")) {
                for (final Map.Entry<String, Map<String, Object>> change : pinChanges.entrySet()) {
                    if (change.getValue().isEmpty()) {
                        remove.setString(1, change.getKey());
                        remove.addBatch();
                    } else {
                        put.setString(1, change.getKey());
                        put.setString(2, GoldenRecordCodec.encodeValues(change.getValue()));
                        put.addBatch();
                    }
                }
                put.executeBatch();
                remove.executeBatch();
            }
        }
        if (!linksAdded.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + names.table("cannot_links")
                    + " (record_key, other_key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (final List<SourceKey> pair : linksAdded) {
                    for (int direction = 0; direction < 2; direction++) {
                        insert.setString(1, pair.get(direction).asString());
                        insert.setString(2, pair.get(1 - direction).asString());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    /** Records the last sequence and increases the generation: what tells other nodes that their caches are out of date. */
    private long advanceState() throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + names.table("state")
                + " SET generation = generation + 1, last_sequence = greatest(last_sequence, ?) WHERE id = 1 RETURNING generation")) {
            update.setLong(1, lastSequence);
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A cached block takes this transaction's changes; one that holds only its first records is dropped (what it lacks is unknown). */
    private void applyToCachedBlock(final long hash) {
        cache.blocks.asMap().computeIfPresent(hash, (h, cached) -> cached.complete()
                ? new Block(cached.merged(addsTo(hash), blockRemovals.getOrDefault(hash, Set.of()), Integer.MAX_VALUE), true)
                : null);
    }

    /** The commit went through: the cache takes this transaction's changes and the new generation. */
    private void applyToCache(final long generation) {
        if (cache.generation() != generation - 1) {
            cache.invalidateAll();
            return;
        }
        if (!merges.isEmpty()) {
            final Map<String, String> finalIds = new HashMap<>();
            merges.keySet().forEach(retired -> finalIds.put(retired, mergedInto(retired)));
            cache.records.asMap().replaceAll((sequence, entry) -> {
                final String moved = finalIds.get(entry.record().entityId());
                return moved == null ? entry : new RecordCodec.Entry(entry.record().withEntity(moved), entry.blockingKeys(), entry.counterKeys());
            });
            merges.forEach(cache.redirects::put);
        }
        written.forEach((sequence, entry) -> {
            cache.records.put(sequence, entry);
            cache.sequences.put(entry.record().key(), sequence);
            cache.redirects.put(entry.record().entityId(), StoreCache.CURRENT);
        });
        blockAdds.keySet().forEach(this::applyToCachedBlock);
        blockRemovals.keySet().stream().filter(hash -> !blockAdds.containsKey(hash)).forEach(this::applyToCachedBlock);
        counterDeltas.forEach((key, delta) -> cache.counters.asMap().computeIfPresent(key, (k, value) -> value + delta));
        cache.created.invalidateAll(touchedEntities);
        if (!pinChanges.isEmpty()) {
            cache.anyPins = null;
        }
        pinChanges.forEach(cache.pins::put);
        if (!linksAdded.isEmpty()) {
            cache.anyCannotLinks = true;
        }
        cache.advanceTo(generation);
    }
}
