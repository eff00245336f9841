package io.github.nifiintegration.store.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * One node's copy of committed data it has read or written: records, source keys, blocks, counters,
 * entity redirects and pins (Caffeine, bounded); golden records are not cached (see {@link #golden}).
 * <p>
 * <b>Why it is never stale.</b> Every entry describes the database at one {@link #generation()}: the
 * number that each commit, on any node, increases while it holds the store's write lock. A transaction
 * takes that lock and then reads the generation; when it differs from the cache's, some other node
 * (or a failed commit) changed the database since, and the whole cache is dropped before anything is
 * read from it. A transaction's own writes go into the cache only after its commit succeeded, under
 * the generation that commit produced. So a node that writes alone keeps its cache warm from batch to
 * batch, and a node that shares the store with busy neighbours falls back to reading the database,
 * never to old data. Only a writer transaction (holding the lock) fills the cache; a golden-records
 * transaction reads it only when its generation is the database's; lookups without a transaction read
 * the database.
 */
final class StoreCache {

    /** A record that is not stored. */
    static final long ABSENT = -1;
    /** An entity id that was not merged into another. */
    static final String CURRENT = "";

    /** The first records of a block, oldest first; {@code complete} when they are all of them. */
    record Block(long[] sequences, boolean complete) {

        boolean covers(final int limit) {
            return complete || sequences.length >= limit;
        }

        /**
         * This block as a transaction sees it: its sequences and {@code adds} in order, without
         * {@code removals}, at most {@code limit} of them. One pass over two sorted runs: this is asked
         * for every blocking key of every record.
         */
        long[] merged(final SortedSet<Long> adds, final Set<Long> removals, final int limit) {
            final long[] merged = new long[Math.min(limit, sequences.length + adds.size())];
            final Iterator<Long> added = adds.iterator();
            long nextAdded = added.hasNext() ? added.next() : Long.MAX_VALUE;
            int i = 0;
            int count = 0;
            while (count < merged.length && (i < sequences.length || nextAdded != Long.MAX_VALUE)) {
                final long next;
                if (i < sequences.length && sequences[i] <= nextAdded) {
                    next = sequences[i++];
                    if (next == nextAdded) {
                        nextAdded = added.hasNext() ? added.next() : Long.MAX_VALUE;
                    }
                } else {
                    next = nextAdded;
                    nextAdded = added.hasNext() ? added.next() : Long.MAX_VALUE;
                }
                if (!removals.contains(next)) {
                    merged[count++] = next;
                }
            }
            return count == merged.length ? merged : Arrays.copyOf(merged, count);
        }
    }

    final Cache<Long, RecordCodec.Entry> records;
    final Cache<SourceKey, Long> sequences;
    final Cache<Long, Block> blocks;
    final Cache<String, Long> counters;
    final Cache<String, String> redirects;
    /**
     * Never filled: only the key under which a transaction keeps the golden records it read. Golden
     * records are written under a lock of their own, without the write lock, so no commit of them
     * moves the generation, and a node could not tell that its copy is out of date.
     */
    final Cache<String, Optional<GoldenRecord>> golden;
    /** An entity's pins (empty: none). */
    final Cache<String, Map<String, Object>> pins;
    /** An entity's age: the sequence of its oldest record ({@link #ABSENT}: it has none). */
    final Cache<String, Long> created;
    /** Whether any entity has pins; null when not known. */
    Boolean anyPins;
    /** Whether any cannot-link exists; null when not known. */
    Boolean anyCannotLinks;
    /** Volatile: golden-records transactions read it without the write lock. */
    private volatile long generation = -1;

    StoreCache(final int size) {
        records = Caffeine.newBuilder().maximumSize(size).build();
        sequences = Caffeine.newBuilder().maximumSize(size).build();
        blocks = Caffeine.newBuilder().maximumSize(size).build();
        counters = Caffeine.newBuilder().maximumSize(size).build();
        redirects = Caffeine.newBuilder().maximumSize(size).build();
        golden = Caffeine.newBuilder().maximumSize(size).build();
        pins = Caffeine.newBuilder().maximumSize(size).build();
        created = Caffeine.newBuilder().maximumSize(size).build();
    }

    long generation() {
        return generation;
    }

    /** Called with the database's generation under the write lock: drops everything when someone else wrote. */
    void useGeneration(final long current) {
        if (current != generation) {
            invalidateAll();
            generation = current;
        }
    }

    /** After a commit of this node: the cache now describes that commit's generation. */
    void advanceTo(final long committedGeneration) {
        generation = committedGeneration;
    }

    void invalidateAll() {
        records.invalidateAll();
        sequences.invalidateAll();
        blocks.invalidateAll();
        counters.invalidateAll();
        redirects.invalidateAll();
        golden.invalidateAll();
        pins.invalidateAll();
        created.invalidateAll();
        anyPins = null;
        anyCannotLinks = null;
        generation = -1;
    }
}
