package io.github.nifiintegration.store.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.GoldenRecordCodec;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.postgres.StoreCache.Block;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads of committed data over one connection, through the node's cache when there is one (inside a
 * transaction, under the write lock) or straight from the database (lookups). Every statement is a
 * prepared statement; values are always bound parameters.
 */
final class CommittedReads {

    /** A member of an entity: its sequence and source key. */
    record Member(long sequence, SourceKey key, String entityId) {
    }

    private final Connection connection;
    private final TableNames names;
    private final StoreCache cache;
    /**
     * Everything this transaction read, kept until it ends (null when there is no node cache). The node
     * cache is bounded: once full, Caffeine may evict an entry (or refuse a new one) right after the
     * prefetch put it there, and every such loss costs a round trip per record later in the batch. The
     * store grows past the cache soon, so without this the cost per record grew with the store.
     * Committed data cannot change while the transaction holds the write lock, so these stay true.
     * One plain map per part of the node cache (keyed by that part): only this transaction's thread
     * uses them.
     */
    private final Map<Cache<?, ?>, Map<Object, Object>> read = new IdentityHashMap<>();
    /** Entities' committed records as this transaction read them (see {@link #members}). */
    private final Map<String, List<Member>> membersRead = new HashMap<>();

    /** @param cache the node's cache, or null to read the database every time */
    CommittedReads(final Connection connection, final TableNames names, final StoreCache cache) {
        this.connection = connection;
        this.names = names;
        this.cache = cache;
    }

    /** A value this transaction read before or the node cache holds (kept for the transaction); null when neither has it. */
    private <K, V> V known(final Function<StoreCache, Cache<K, V>> part, final K key) {
        if (cache == null) {
            return null;
        }
        final Cache<K, V> sharedPart = part.apply(cache);
        final Map<K, V> minePart = mine(sharedPart);
        final V mine = minePart.get(key);
        if (mine != null) {
            return mine;
        }
        final V shared = sharedPart.getIfPresent(key);
        if (shared != null) {
            // the node cache may evict it while this transaction still needs it
            minePart.put(key, shared);
        }
        return shared;
    }

    /** What this transaction keeps of one part of the node cache. */
    @SuppressWarnings("unchecked")
    private <K, V> Map<K, V> mine(final Cache<K, V> sharedPart) {
        return (Map<K, V>) (Map<?, ?>) read.computeIfAbsent(sharedPart, p -> new HashMap<>());
    }

    /** Keeps a value read from the database for the rest of this transaction, and in the node cache. */
    private <K, V> void keep(final Function<StoreCache, Cache<K, V>> part, final K key, final V value) {
        if (cache != null) {
            final Cache<K, V> sharedPart = part.apply(cache);
            mine(sharedPart).put(key, value);
            sharedPart.put(key, value);
        }
    }

    /** The sequence of the record stored under a key, or {@link StoreCache#ABSENT}. */
    long sequenceOf(final SourceKey key) {
        if (cache != null) {
            final Long cached = known(c -> c.sequences, key);
            if (cached != null) {
                return cached;
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT sequence, entity_id, data FROM " + names.table("records")
                + " WHERE source_system = ? AND source_id = ?")) {
            query.setString(1, key.system());
            query.setString(2, key.id());
            try (ResultSet rows = query.executeQuery()) {
                final long sequence = rows.next() ? remember(rows).record().sequence() : StoreCache.ABSENT;
                if (cache != null) {
                    keep(c -> c.sequences, key, sequence);
                }
                return sequence;
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading a record by its source key", e);
        }
    }

    /** A stored record with the index keys it was filed under. */
    RecordCodec.Entry entry(final long sequence) {
        final Map<Long, RecordCodec.Entry> found = entries(new long[]{sequence});
        final RecordCodec.Entry entry = found.get(sequence);
        if (entry == null) {
            throw new StoreException("the blocking index names record " + sequence + ", which is missing from the records table");
        }
        return entry;
    }

    /** Stored records by sequence, the ones not cached read in one statement. */
    Map<Long, RecordCodec.Entry> entries(final long[] sequences) {
        final Map<Long, RecordCodec.Entry> found = new HashMap<>(sequences.length * 2);
        final List<Long> missing = new ArrayList<>();
        for (final long sequence : sequences) {
            final RecordCodec.Entry cached = cache == null ? null : known(c -> c.records, sequence);
            if (cached != null) {
                found.put(sequence, cached);
            } else {
                missing.add(sequence);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT sequence, entity_id, data FROM " + names.table("records") + " WHERE sequence = ANY(?)")) {
            query.setArray(1, SqlArrays.longs(connection, missing));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    final RecordCodec.Entry entry = remember(rows);
                    found.put(entry.record().sequence(), entry);
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading candidate records", e);
        }
        return found;
    }

    /** The first records of a block, at least {@code limit} of them when the block has that many. */
    Block block(final long hash, final int limit) {
        if (cache != null) {
            final Block cached = known(c -> c.blocks, hash);
            if (cached != null && cached.covers(limit)) {
                return cached;
            }
        }
        return blocks(List.of(hash), limit).get(hash);
    }

    /** How many records a block has in all. */
    long blockSize(final long hash) {
        if (cache != null) {
            final Block cached = known(c -> c.blocks, hash);
            if (cached != null && cached.complete()) {
                return cached.sequences().length;
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + names.table("blocks") + " WHERE block_hash = ?")) {
            query.setLong(1, hash);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("counting a block", e);
        }
    }

    long counter(final String key) {
        if (cache != null) {
            final Long cached = known(c -> c.counters, key);
            if (cached != null) {
                return cached;
            }
        }
        return counters(List.of(key)).get(key);
    }

    /** The entity a retired entity was merged into, or null when it is current. */
    String redirect(final String entityId) {
        if (cache != null) {
            final String cached = known(c -> c.redirects, entityId);
            if (cached != null) {
                return cached.equals(StoreCache.CURRENT) ? null : cached;
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT survivor FROM " + names.table("redirects") + " WHERE retired = ?")) {
            query.setString(1, entityId);
            try (ResultSet rows = query.executeQuery()) {
                final String survivor = rows.next() ? rows.getString(1) : null;
                if (cache != null) {
                    keep(c -> c.redirects, entityId, survivor == null ? StoreCache.CURRENT : survivor);
                }
                return survivor;
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("following an entity merge", e);
        }
    }

    /**
     * The stored records of these entities (sequence and key), oldest first. Inside a transaction each
     * entity's list is kept for the transaction (never in the node cache: a list changes with every
     * record an entity gains).
     */
    List<Member> members(final Collection<String> entityIds) {
        final List<String> missing = cache == null ? List.copyOf(entityIds) : entityIds.stream().filter(id -> !membersRead.containsKey(id)).toList();
        final Map<String, List<Member>> read = missing.isEmpty() ? Map.of() : readMembers(missing);
        final List<Member> members = new ArrayList<>();
        for (final String entityId : entityIds) {
            members.addAll(read.containsKey(entityId) ? read.get(entityId) : membersRead.getOrDefault(entityId, List.of()));
        }
        if (entityIds.size() > 1) {
            members.sort(Comparator.comparingLong(Member::sequence));
        }
        return members;
    }

    /** Reads only sequences and keys: the records themselves are usually in the node cache already (this node wrote them). */
    private Map<String, List<Member>> readMembers(final Collection<String> entityIds) {
        final Map<String, List<Member>> found = new HashMap<>(entityIds.size() * 2);
        try (PreparedStatement query = connection.prepareStatement("SELECT sequence, source_system, source_id, entity_id FROM " + names.table("records")
                + " WHERE entity_id = ANY(?) ORDER BY sequence")) {
            query.setArray(1, SqlArrays.texts(connection, entityIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    final Member member = new Member(rows.getLong(1), new SourceKey(rows.getString(2), rows.getString(3)), rows.getString(4));
                    found.computeIfAbsent(member.entityId(), e -> new ArrayList<>()).add(member);
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading entities' records", e);
        }
        for (final String entityId : entityIds) {
            found.putIfAbsent(entityId, List.of());
        }
        if (cache != null) {
            membersRead.putAll(found);
        }
        return found;
    }

    String review(final SourceKey key) {
        try (PreparedStatement query = connection.prepareStatement("SELECT detail FROM " + names.table("reviews") + " WHERE source_system = ? AND source_id = ?")) {
            query.setString(1, key.system());
            query.setString(2, key.id());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading the review queue", e);
        }
    }

    /** An entity's newest golden record, or null. */
    GoldenRecord golden(final String entityId) {
        if (cache != null) {
            final Optional<GoldenRecord> cached = known(c -> c.golden, entityId);
            if (cached != null) {
                return cached.orElse(null);
            }
        }
        final GoldenRecord newest = goldenQuery("SELECT data FROM " + names.table("golden") + " WHERE entity_id = ? ORDER BY version DESC LIMIT 1", entityId, -1);
        if (cache != null) {
            keep(c -> c.golden, entityId, Optional.ofNullable(newest));
        }
        return newest;
    }

    /** One version of an entity's golden record, or null. */
    GoldenRecord goldenVersion(final String entityId, final long version) {
        return goldenQuery("SELECT data FROM " + names.table("golden") + " WHERE entity_id = ? AND version = ?", entityId, version);
    }

    private GoldenRecord goldenQuery(final String sql, final String entityId, final long version) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, entityId);
            if (version >= 0) {
                query.setLong(2, version);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? GoldenRecordCodec.decode(rows.getString(1)) : null;
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading a golden record", e);
        }
    }

    /** An entity's pins (field to value); empty when none. */
    Map<String, Object> pins(final String entityId) {
        if (cache != null) {
            if (!hasPins()) {
                return Map.of();
            }
            final Map<String, Object> cached = known(c -> c.pins, entityId);
            if (cached != null) {
                return cached;
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT data FROM " + names.table("pins") + " WHERE entity_id = ?")) {
            query.setString(1, entityId);
            try (ResultSet rows = query.executeQuery()) {
                final Map<String, Object> pins = rows.next() ? GoldenRecordCodec.decodeValues(rows.getString(1)) : Map.of();
                if (cache != null) {
                    keep(c -> c.pins, entityId, pins);
                }
                return pins;
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading pinned values", e);
        }
    }

    /** The records a record must never share an entity with. */
    Set<SourceKey> cannotLinks(final SourceKey key) {
        try (PreparedStatement query = connection.prepareStatement("SELECT other_key FROM " + names.table("cannot_links") + " WHERE record_key = ?")) {
            query.setString(1, key.asString());
            try (ResultSet rows = query.executeQuery()) {
                final Set<SourceKey> others = new HashSet<>();
                while (rows.next()) {
                    others.add(SourceKey.parse(rows.getString(1)));
                }
                return others;
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading cannot-links", e);
        }
    }

    /** An entity's age: the sequence of its oldest committed record, or {@link StoreCache#ABSENT}. */
    long created(final String entityId) {
        if (cache != null) {
            final Long cached = known(c -> c.created, entityId);
            if (cached != null) {
                return cached;
            }
        }
        return created(List.of(entityId)).get(entityId);
    }

    private Map<String, Long> created(final Collection<String> entityIds) {
        final Map<String, Long> found = new HashMap<>(entityIds.size() * 2);
        try (PreparedStatement query = connection.prepareStatement("SELECT entity_id, min(sequence) FROM " + names.table("records")
                + " WHERE entity_id = ANY(?) GROUP BY entity_id")) {
            query.setArray(1, SqlArrays.texts(connection, entityIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading entities' ages", e);
        }
        for (final String entityId : entityIds) {
            found.putIfAbsent(entityId, StoreCache.ABSENT);
            if (cache != null) {
                keep(c -> c.created, entityId, found.get(entityId));
            }
        }
        return found;
    }

    boolean hasPins() {
        if (cache != null && cache.anyPins != null) {
            return cache.anyPins;
        }
        final boolean any = exists("pins");
        if (cache != null) {
            cache.anyPins = any;
        }
        return any;
    }

    private boolean exists(final String table) {
        try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + names.table(table) + ")");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading " + table, e);
        }
    }

    boolean hasCannotLinks() {
        if (cache != null && cache.anyCannotLinks != null) {
            return cache.anyCannotLinks;
        }
        final boolean any = exists("cannot_links");
        if (cache != null) {
            cache.anyCannotLinks = any;
        }
        return any;
    }

    /**
     * Loads, in at most five statements, what is not known yet: the records stored under these keys,
     * these blocks (first {@code limit} records each), the records of both (also of cached blocks),
     * the ages of the entities of records just read from the database, and these counters. All of it,
     * read or found in the node cache, stays known to this transaction.
     */
    void prefetch(final Collection<SourceKey> keys, final Collection<String> blockingKeys, final Collection<String> counterKeys, final int limit) {
        if (cache == null) {
            return;
        }
        // the stored records the batch may read: its own keys' and its blocks' (cached or not)
        final Set<Long> sequences = new HashSet<>();
        // those just found in the database: the node cache knew nothing about their entities either
        final Set<Long> fresh = new HashSet<>();
        prefetchKeys(keys, sequences, fresh);
        final Set<Long> hashes = new LinkedHashSet<>();
        for (final String blockingKey : blockingKeys) {
            final long hash = PostgreSqlMasterDataStore.blockHash(blockingKey);
            final Block cached = known(c -> c.blocks, hash);
            if (cached == null || !cached.covers(limit)) {
                hashes.add(hash);
            } else {
                addAll(cached, sequences);
            }
        }
        if (!hashes.isEmpty()) {
            blocks(hashes, limit).values().forEach(block -> {
                addAll(block, sequences);
                addAll(block, fresh);
            });
        }
        final Map<Long, RecordCodec.Entry> records = entries(sequences.stream().mapToLong(Long::longValue).toArray());
        final Set<String> entities = new HashSet<>();
        fresh.forEach(sequence -> {
            final RecordCodec.Entry entry = records.get(sequence);
            if (entry != null) {
                entities.add(entry.record().entityId());
            }
        });
        // the ages of the entities the batch may match, for choosing the survivor of a merge
        final List<String> ageless = entities.stream().filter(entity -> known(c -> c.created, entity) == null).toList();
        if (!ageless.isEmpty()) {
            created(ageless);
        }
        final List<String> missingCounters = counterKeys.stream().filter(key -> known(c -> c.counters, key) == null).toList();
        if (!missingCounters.isEmpty()) {
            counters(missingCounters);
        }
    }

    /**
     * Follows these ids through merges in one statement per link of the longest chain (chains are
     * short: a merge's retired id points at the survivor of that moment).
     */
    void prefetchRedirects(final Collection<String> entityIds) {
        if (cache == null) {
            return;
        }
        Set<String> unknown = unknownRedirects(entityIds);
        while (!unknown.isEmpty()) {
            final Set<String> survivors = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT retired, survivor FROM " + names.table("redirects") + " WHERE retired = ANY(?)")) {
                query.setArray(1, SqlArrays.texts(connection, unknown));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keep(c -> c.redirects, rows.getString(1), rows.getString(2));
                        unknown.remove(rows.getString(1));
                        survivors.add(rows.getString(2));
                    }
                }
            } catch (final SQLException e) {
                throw SqlErrors.storeException("following entity merges", e);
            }
            unknown.forEach(entityId -> keep(c -> c.redirects, entityId, StoreCache.CURRENT));
            unknown = unknownRedirects(survivors);
        }
    }

    private Set<String> unknownRedirects(final Collection<String> entityIds) {
        final Set<String> unknown = new HashSet<>();
        for (final String entityId : entityIds) {
            if (known(c -> c.redirects, entityId) == null) {
                unknown.add(entityId);
            }
        }
        return unknown;
    }

    /**
     * Loads, in at most four statements, what maintaining these entities' golden records reads and is
     * not known yet: their records, their newest golden records and their pins.
     */
    void prefetchEntities(final Collection<String> entityIds) {
        if (cache == null) {
            return;
        }
        final List<String> memberless = entityIds.stream().filter(id -> !membersRead.containsKey(id)).toList();
        if (!memberless.isEmpty()) {
            // their records too: those not cached come in one more statement
            entries(readMembers(memberless).values().stream().flatMap(List::stream).mapToLong(Member::sequence).toArray());
        }
        final List<String> goldenless = entityIds.stream().filter(id -> known(c -> c.golden, id) == null).toList();
        if (!goldenless.isEmpty()) {
            readNewestGolden(goldenless);
        }
        if (hasPins()) {
            final List<String> pinless = entityIds.stream().filter(id -> known(c -> c.pins, id) == null).toList();
            if (!pinless.isEmpty()) {
                readPins(pinless);
            }
        }
    }

    private void readNewestGolden(final Collection<String> entityIds) {
        final Map<String, GoldenRecord> found = new HashMap<>(entityIds.size() * 2);
        try (PreparedStatement query = connection.prepareStatement("SELECT k.e, g.data FROM unnest(?::text[]) AS k(e) CROSS JOIN LATERAL (SELECT data FROM "
                + names.table("golden") + " WHERE entity_id = k.e ORDER BY version DESC LIMIT 1) g")) {
            query.setArray(1, SqlArrays.texts(connection, entityIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), GoldenRecordCodec.decode(rows.getString(2)));
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading golden records", e);
        }
        entityIds.forEach(entityId -> keep(c -> c.golden, entityId, Optional.ofNullable(found.get(entityId))));
    }

    private void readPins(final Collection<String> entityIds) {
        final Map<String, Map<String, Object>> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT entity_id, data FROM " + names.table("pins") + " WHERE entity_id = ANY(?)")) {
            query.setArray(1, SqlArrays.texts(connection, entityIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), GoldenRecordCodec.decodeValues(rows.getString(2)));
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading pinned values", e);
        }
        entityIds.forEach(entityId -> keep(c -> c.pins, entityId, found.getOrDefault(entityId, Map.of())));
    }

    private static void addAll(final Block block, final Set<Long> sequences) {
        for (final long sequence : block.sequences()) {
            sequences.add(sequence);
        }
    }

    /** Reads the records stored under these keys (those not known yet); adds the sequences of all that are stored, and of those read to {@code fresh}. */
    private void prefetchKeys(final Collection<SourceKey> keys, final Set<Long> sequences, final Set<Long> fresh) {
        final List<SourceKey> missing = new ArrayList<>();
        for (final SourceKey key : keys) {
            final Long sequence = known(c -> c.sequences, key);
            if (sequence == null) {
                missing.add(key);
            } else if (sequence != StoreCache.ABSENT) {
                sequences.add(sequence);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        final Set<SourceKey> notFound = new HashSet<>(missing);
        try (PreparedStatement query = connection.prepareStatement("SELECT r.sequence, r.entity_id, r.data FROM unnest(?::text[], ?::text[]) AS k(s, i) JOIN "
                + names.table("records") + " r ON r.source_system = k.s AND r.source_id = k.i")) {
            query.setArray(1, SqlArrays.texts(connection, missing.stream().map(SourceKey::system).toList()));
            query.setArray(2, SqlArrays.texts(connection, missing.stream().map(SourceKey::id).toList()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    final RecordCodec.Entry entry = remember(rows);
                    keep(c -> c.sequences, entry.record().key(), entry.record().sequence());
                    notFound.remove(entry.record().key());
                    sequences.add(entry.record().sequence());
                    fresh.add(entry.record().sequence());
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading the batch's stored records", e);
        }
        notFound.forEach(key -> keep(c -> c.sequences, key, StoreCache.ABSENT));
    }

    private Map<Long, Block> blocks(final Collection<Long> hashes, final int limit) {
        final Map<Long, List<Long>> found = new HashMap<>(hashes.size() * 2);
        try (PreparedStatement query = connection.prepareStatement("SELECT k.h, b.sequence FROM unnest(?::int8[]) AS k(h) CROSS JOIN LATERAL (SELECT sequence FROM "
                + names.table("blocks") + " WHERE block_hash = k.h ORDER BY sequence LIMIT ?) b")) {
            query.setArray(1, SqlArrays.longs(connection, hashes));
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.computeIfAbsent(rows.getLong(1), h -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading blocks", e);
        }
        final Map<Long, Block> blocks = new HashMap<>(hashes.size() * 2);
        for (final long hash : hashes) {
            final List<Long> sequences = found.getOrDefault(hash, List.of());
            final long[] sorted = sequences.stream().mapToLong(Long::longValue).sorted().toArray();
            final Block block = new Block(sorted, sorted.length < limit);
            blocks.put(hash, block);
            if (cache != null) {
                keep(c -> c.blocks, hash, block);
            }
        }
        return blocks;
    }

    private Map<String, Long> counters(final Collection<String> keys) {
        final Map<String, Long> values = new HashMap<>(keys.size() * 2);
        try (PreparedStatement query = connection.prepareStatement("SELECT counter_key, counter_value FROM " + names.table("counters") + " WHERE counter_key = ANY(?)")) {
            query.setArray(1, SqlArrays.texts(connection, keys));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (final SQLException e) {
            throw SqlErrors.storeException("reading frequency counters", e);
        }
        for (final String key : keys) {
            values.putIfAbsent(key, 0L);
            if (cache != null) {
                keep(c -> c.counters, key, values.get(key));
            }
        }
        return values;
    }

    /**
     * Decodes a (sequence, entity_id, data) row. The row's entity id is the current one (merges move
     * records), so it is also remembered as not redirected.
     */
    private RecordCodec.Entry remember(final ResultSet rows) throws SQLException {
        final String entityId = rows.getString(2);
        final RecordCodec.Entry stored = RecordCodec.decodeEntry(rows.getBytes(3));
        final RecordCodec.Entry entry = new RecordCodec.Entry(stored.record().withEntity(entityId), stored.blockingKeys(), stored.counterKeys());
        if (cache != null) {
            keep(c -> c.records, entry.record().sequence(), entry);
            keep(c -> c.redirects, entityId, StoreCache.CURRENT);
        }
        return entry;
    }
}
