package io.github.nifiintegration.dedupe;

/**
 * The seen keys in memory: an open-addressing hash table (linear probing) over primitive arrays, so a
 * key costs its 128-bit hash, plus a 32-bit time stamp (age-off), an 8-byte rank and an 8-byte
 * reference to the kept record's id only when those are asked for. No object per key: ten million keys are a
 * handful of arrays, not ten million objects for the garbage collector to trace.
 * <p>
 * Slots never move except when the table is rebuilt (growth, purging expired keys), so callers refer
 * to keys by hash, never by slot. A removed key leaves a tombstone until the next rebuild. Not
 * thread-safe: {@link SeenKeyStore} serializes access.
 */
final class SeenKeyTable {

    /** One key's slot contents, as read or as they were before a change (for undo). */
    record Entry(long high, long low, int seenSecond, long rank, long idRef) {
    }

    static final long NO_ID = -1;
    private static final long TOMBSTONE_LOW = 2;
    /** Linear probing slows down sharply above this load: 0.7 costs about 6 probes for a new key, 0.8 about 13. */
    private static final double MAX_LOAD = 0.7;
    private static final int MIN_CAPACITY = 1024;

    private final boolean timed;
    private final boolean ranked;
    private final boolean withIds;
    private long[] hashes;
    private int[] seen;
    private long[] ranks;
    private long[] idRefs;
    private int capacity;
    private int size;
    private int tombstones;

    /**
     * @param timed keep each key's time stamp (for age-off); without it a check touches one array only,
     *              which saves a cache miss per new key and 4 bytes per slot
     */
    SeenKeyTable(final int expectedKeys, final boolean timed, final boolean ranked, final boolean withIds) {
        this.timed = timed;
        this.ranked = ranked;
        this.withIds = withIds;
        allocate(Math.max(MIN_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8, (long) (expectedKeys / MAX_LOAD) + 1)));
    }

    private void allocate(final int slots) {
        capacity = slots;
        hashes = new long[2 * slots];
        seen = timed ? new int[slots] : null;
        ranks = ranked ? new long[slots] : null;
        idRefs = withIds ? new long[slots] : null;
        size = 0;
        tombstones = 0;
    }

    int size() {
        return size;
    }

    /** Heap taken by the table's arrays. */
    long bytes() {
        return 16L * capacity + (timed ? 4L * capacity : 0) + (ranked ? 8L * capacity : 0) + (withIds ? 8L * capacity : 0);
    }

    /** The key's entry, or null when the table does not hold it. */
    Entry get(final long high, final long low) {
        final int slot = find(high, low);
        return slot < 0 ? null : entry(slot);
    }

    /**
     * One probe for both questions a check asks: the key's slot when the table holds it, otherwise
     * {@code -(slot + 1)} of the slot an insert would take (valid until the table changes).
     */
    int probe(final long high, final long low) {
        int slot = home(low);
        int firstFree = -1;
        while (true) {
            final long h = hashes[2 * slot];
            final long l = hashes[2 * slot + 1];
            if (h == high && l == low) {
                return slot;
            }
            if (h == 0) {
                if (l == 0) {
                    return -((firstFree < 0 ? slot : firstFree) + 1);
                }
                if (l == TOMBSTONE_LOW && firstFree < 0) {
                    firstFree = slot;
                }
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
    }

    /**
     * Reads the first slot each key would probe and returns the values read combined, so the reads
     * cannot be left out. A record's probe is a cache miss in a large table; reading the slots of
     * many coming keys in one tight loop lets the processor wait for those misses together
     * instead of one after another, and the probes that follow find the slots in cache.
     */
    long touch(final KeyHash[] keys, final int count) {
        final long[] table = hashes;
        long combined = 0;
        for (int i = 0; i < count; i++) {
            if (keys[i] != null) {
                combined ^= table[2 * home(keys[i].low())];
            }
        }
        return combined;
    }

    /** The key's time stamp; 0 in a table without time stamps. */
    int seenSecondAt(final int slot) {
        return timed ? seen[slot] : 0;
    }

    long rankAt(final int slot) {
        return ranked ? ranks[slot] : 0;
    }

    long idRefAt(final int slot) {
        return withIds ? idRefs[slot] : NO_ID;
    }

    /** The entry in a slot {@link #probe} found. */
    Entry entryAt(final int slot) {
        return entry(slot);
    }

    /** Overwrites the entry in a slot {@link #probe} found. */
    void update(final int slot, final int seenSecond, final long rank, final long idRef) {
        if (timed) {
            seen[slot] = seenSecond;
        }
        if (ranked) {
            ranks[slot] = rank;
        }
        if (withIds) {
            idRefs[slot] = idRef;
        }
    }

    /** Inserts an absent key into the free slot {@link #probe} returned ({@code -(slot + 1)}), growing the table when it is full. */
    void insert(final int probed, final long high, final long low, final int seenSecond, final long rank, final long idRef) {
        if ((size + tombstones + 1) > capacity * MAX_LOAD) {
            put(high, low, seenSecond, rank, idRef);
            return;
        }
        final int slot = -probed - 1;
        if (hashes[2 * slot] == 0 && hashes[2 * slot + 1] == TOMBSTONE_LOW) {
            tombstones--;
        }
        hashes[2 * slot] = high;
        hashes[2 * slot + 1] = low;
        size++;
        update(slot, seenSecond, rank, idRef);
    }

    /** Inserts the key, or overwrites its entry when present. */
    void put(final long high, final long low, final int seenSecond, final long rank, final long idRef) {
        int slot = find(high, low);
        if (slot < 0) {
            if ((size + tombstones + 1) > capacity * MAX_LOAD) {
                rebuild(size + 1 > capacity * MAX_LOAD * 0.75 ? grownCapacity() : capacity, Integer.MIN_VALUE);
            }
            slot = freeSlot(high, low);
            if (hashes[2 * slot + 1] == TOMBSTONE_LOW && hashes[2 * slot] == 0) {
                tombstones--;
            }
            size++;
        }
        hashes[2 * slot] = high;
        hashes[2 * slot + 1] = low;
        update(slot, seenSecond, rank, idRef);
    }

    /** Removes the key (leaving a tombstone); no effect when absent. */
    void remove(final long high, final long low) {
        final int slot = find(high, low);
        if (slot >= 0) {
            hashes[2 * slot] = 0;
            hashes[2 * slot + 1] = TOMBSTONE_LOW;
            size--;
            tombstones++;
        }
    }

    /** Drops every key seen before {@code oldestKeptSecond}, rebuilding the table at its current size. */
    int purgeSeenBefore(final int oldestKeptSecond) {
        final int before = size;
        rebuild(capacity, oldestKeptSecond);
        return before - size;
    }

    /** Calls the visitor with every live entry (for writing a snapshot). */
    void forEach(final java.util.function.Consumer<Entry> visitor) {
        for (int slot = 0; slot < capacity; slot++) {
            if (occupied(slot)) {
                visitor.accept(entry(slot));
            }
        }
    }

    private Entry entry(final int slot) {
        return new Entry(hashes[2 * slot], hashes[2 * slot + 1], seenSecondAt(slot), ranked ? ranks[slot] : 0, withIds ? idRefs[slot] : NO_ID);
    }

    private boolean occupied(final int slot) {
        final long high = hashes[2 * slot];
        final long low = hashes[2 * slot + 1];
        return high != 0 || low != 0 && low != TOMBSTONE_LOW;
    }

    private int home(final long low) {
        return (int) Math.unsignedMultiplyHigh(low, capacity);
    }

    /** The slot holding the key, or -1. */
    private int find(final long high, final long low) {
        int slot = home(low);
        while (true) {
            final long h = hashes[2 * slot];
            final long l = hashes[2 * slot + 1];
            if (h == high && l == low) {
                return slot;
            }
            if (h == 0 && l == 0) {
                return -1;
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
    }

    /** The first empty slot or tombstone on the key's probe path (the key is known to be absent). */
    private int freeSlot(final long high, final long low) {
        int slot = home(low);
        while (occupied(slot)) {
            if (++slot == capacity) {
                slot = 0;
            }
        }
        return slot;
    }

    private int grownCapacity() {
        final long grown = (long) capacity * 3 / 2;
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the seen-key table is full at " + size + " keys");
        }
        return (int) grown;
    }

    private void rebuild(final int newCapacity, final int oldestKeptSecond) {
        final long[] oldHashes = hashes;
        final int[] oldSeen = seen;
        final long[] oldRanks = ranks;
        final long[] oldIds = idRefs;
        final int oldCapacity = capacity;
        allocate(newCapacity);
        for (int slot = 0; slot < oldCapacity; slot++) {
            final long high = oldHashes[2 * slot];
            final long low = oldHashes[2 * slot + 1];
            if ((high != 0 || low != 0 && low != TOMBSTONE_LOW) && (!timed || oldSeen[slot] >= oldestKeptSecond)) {
                final int target = freeSlot(high, low);
                hashes[2 * target] = high;
                hashes[2 * target + 1] = low;
                if (timed) {
                    seen[target] = oldSeen[slot];
                }
                if (ranked) {
                    ranks[target] = oldRanks[slot];
                }
                if (withIds) {
                    idRefs[target] = oldIds[slot];
                }
                size++;
            }
        }
    }

    @Override
    public String toString() {
        return "SeenKeyTable[size=" + size + ", capacity=" + capacity + ", bytes=" + bytes() + "]";
    }
}
