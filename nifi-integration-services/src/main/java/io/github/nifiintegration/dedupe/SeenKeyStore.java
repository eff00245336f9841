package io.github.nifiintegration.dedupe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The keys a deduplicator has seen: in memory as a {@link SeenKeyTable} of 128-bit hashes, and, when
 * opened on a directory, on disk as a {@link SeenKeyLog}, so a restart remembers everything that was
 * committed. Keys are remembered for ever, or until they are older than the horizon (age-off): a key
 * is then forgotten and its next record is unique again.
 * <p>
 * Work happens in {@link Batch}es, one per FlowFile: a batch's new keys are visible to other batches
 * at once (two concurrent FlowFiles holding the same record still yield one unique copy), and reach
 * the log only when the batch commits, which the processor does after its session has committed. A
 * batch that rolls back takes its keys out again, so a FlowFile that is retried finds them new.
 * Thread-safe: batches share the table under the store's lock.
 */
public final class SeenKeyStore implements AutoCloseable {

    /**
     * What the store keeps besides the hashes.
     *
     * @param ranked        keep a rank per key (the kept record's completeness or recency), so that a better record can replace it
     * @param withIds       keep the kept record's id, so duplicates can name it
     * @param horizon       how long a key is remembered; null for ever
     * @param keyDefinition how keys are built; a directory written with another definition is refused, since its hashes mean other keys
     */
    public record Options(boolean ranked, boolean withIds, Duration horizon, String keyDefinition) {
    }

    static final String DEFINITION_FILE = "key-definition.txt";
    private static final String LOCK_FILE = "lock";
    /** Seconds are counted from 2020-01-01T00:00:00Z, so that an int lasts until 2088. */
    private static final long EPOCH_SECOND = 1_577_836_800L;
    private static final long MIN_COMPACTION_ENTRIES = 1_000_000;

    private final Options options;
    private final LongSupplier clock;
    private final SeenKeyTable table;
    private final IdArena ids;
    private final int horizonSeconds;
    private final SeenKeyLog log;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long lastPurgeSecond;
    /** What {@link Batch#checkAll} read ahead, kept so that the reads are not optimized away. */
    private long touched;

    private SeenKeyStore(final Options options, final LongSupplier clock, final int expectedKeys, final SeenKeyLog log,
                         final FileChannel lockChannel, final FileLock lock, final SeenKeyTable table, final IdArena ids) {
        this.options = options;
        this.clock = clock;
        this.horizonSeconds = options.horizon() == null ? 0 : (int) Math.max(1, options.horizon().toSeconds());
        this.table = table == null ? new SeenKeyTable(expectedKeys, options.horizon() != null, options.ranked(), options.withIds()) : table;
        this.ids = ids == null ? new IdArena() : ids;
        this.log = log;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** A store that lives in memory only: for one FlowFile, or for tests. */
    public static SeenKeyStore inMemory(final Options options, final LongSupplier clock, final int expectedKeys) {
        return new SeenKeyStore(options, clock, expectedKeys, null, null, null, null, null);
    }

    /**
     * Opens the store in a directory (created if missing), replaying its log.
     *
     * @throws IllegalStateException when the directory is in use by another store, or holds keys built another way
     * @throws UncheckedIOException  when the directory cannot be read or written
     */
    public static SeenKeyStore open(final Path directory, final Options options, final LongSupplier clock) {
        return open(directory, options, clock, 0);
    }

    /**
     * Opens the store with room for {@code expectedKeys} before the table first grows: growing rehashes
     * every key, so a table sized for the stream saves that work (and its peak of two tables).
     */
    public static SeenKeyStore open(final Path directory, final Options options, final LongSupplier clock, final int expectedKeys) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (final OverlappingFileLockException e) {
                throw new IllegalStateException("the state directory " + directory + " is in use by another deduplicator in this NiFi; give each its own directory");
            }
            if (lock == null) {
                throw new IllegalStateException("the state directory " + directory + " is in use by another process; give each deduplicator its own directory");
            }
            checkDefinition(directory, options.keyDefinition());
            final SeenKeyTable table = new SeenKeyTable(expectedKeys, options.horizon() != null, options.ranked(), options.withIds());
            final IdArena ids = new IdArena();
            final int horizon = options.horizon() == null ? 0 : (int) Math.max(1, options.horizon().toSeconds());
            final SeenKeyLog log = SeenKeyLog.open(directory, (high, low, second, rank, id) -> {
                final SeenKeyTable.Entry existing = table.get(high, low);
                if (existing == null || horizon > 0 && second - existing.seenSecond() >= horizon || options.ranked() && rank > existing.rank()) {
                    table.put(high, low, second, rank, id == null || !options.withIds() ? SeenKeyTable.NO_ID : ids.add(id));
                }
            });
            final SeenKeyStore store = new SeenKeyStore(options, clock, 0, log, lockChannel, lock, table, ids);
            store.purgeExpired(true);
            if (log.entries() > table.size() + table.size() / 4 + 1000) {
                store.compact();
            }
            return store;
        } catch (final IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open the seen keys in " + directory + ": " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static void checkDefinition(final Path directory, final String definition) throws IOException {
        final Path file = directory.resolve(DEFINITION_FILE);
        if (Files.exists(file)) {
            final String stored = Files.readString(file, StandardCharsets.UTF_8);
            if (!stored.equals(definition)) {
                throw new IllegalStateException("the state directory " + directory + " holds keys built as [" + stored + "], not as configured now ["
                        + definition + "]; the old keys cannot be compared with new ones. Choose another state directory, or empty this one to start afresh");
            }
        } else {
            Files.writeString(file, definition, StandardCharsets.UTF_8);
        }
    }

    public Batch begin() {
        return begin(128);
    }

    /** @param expectedKeys how many keys the batch will likely check: room made at once instead of growing as it goes */
    public Batch begin(final int expectedKeys) {
        return new Batch(Math.max(16, expectedKeys));
    }

    /** Keys remembered now. */
    public synchronized int size() {
        return table.size();
    }

    /** Heap the remembered keys take: the table's arrays and the kept records' ids. */
    public synchronized long memoryBytes() {
        return table.bytes() + (options.withIds() ? ids.bytes() : 0);
    }

    private int nowSecond() {
        return (int) (clock.getAsLong() / 1000 - EPOCH_SECOND);
    }

    /** Drops expired keys from memory, at most once a minute unless forced (a rebuild costs a pass over the table). */
    private void purgeExpired(final boolean force) {
        if (horizonSeconds == 0) {
            return;
        }
        final int now = nowSecond();
        if (force || now - lastPurgeSecond >= Math.min(60, horizonSeconds)) {
            table.purgeSeenBefore(now - horizonSeconds + 1);
            lastPurgeSecond = now;
        }
    }

    /** Rewrites the log with the live keys only. */
    private void compact() throws IOException {
        final int compactedAt = nowSecond();
        log.rewrite(sink -> {
            final long[] written = {0};
            final IOException[] failure = {null};
            table.forEach(entry -> {
                if (failure[0] == null) {
                    try {
                        // a table without age-off keeps no time stamps: its keys count from the compaction
                        sink.put(entry.high(), entry.low(), horizonSeconds > 0 ? entry.seenSecond() : compactedAt, options.ranked(), entry.rank(),
                                entry.idRef() == SeenKeyTable.NO_ID ? null : ids.get(entry.idRef()));
                        written[0]++;
                    } catch (final IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return written[0];
        });
    }

    /** Forces the log to disk and releases the directory. */
    @Override
    public synchronized void close() {
        try {
            if (log != null) {
                log.close();
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot close the seen-keys log: " + e.getMessage(), e);
        } finally {
            try {
                if (lock != null) {
                    lock.release();
                }
            } catch (final IOException ignored) {
                // the channel is closed next, which releases the lock as well
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** One FlowFile's work on the store. Not for use by several threads at once. */
    public final class Batch {

        /** Keys this batch inserted, two longs each: most batches only insert, and a pair of longs costs no object. */
        private long[] inserted;
        private int insertedKeys;
        /** Keys this batch overwrote, as they were before. */
        private final List<SeenKeyTable.Entry> overwritten = new ArrayList<>();
        private ByteBuffer encoded;
        /** One time stamp per batch: a FlowFile's records are seen at the same moment. */
        private final int now = nowSecond();
        private boolean done;

        private Batch(final int expectedKeys) {
            inserted = new long[2 * expectedKeys];
            encoded = ByteBuffer.allocate(log == null ? 0 : expectedKeys * SeenKeyLog.MIN_ENTRY_BYTES + SeenKeyLog.MAX_ENTRY_BYTES);
        }

        /**
         * Judges one record's key and remembers it. A key seen within the horizon makes the record a
         * duplicate of the kept record, unless {@code rank} is higher than the kept record's and the
         * store keeps ranks: then the record replaces it.
         *
         * @param id the record's id, kept so that later duplicates can name it (null: the key's hex form names it)
         */
        public Verdict check(final KeyHash key, final long rank, final String id) {
            synchronized (SeenKeyStore.this) {
                return checkHoldingLock(key, rank, id);
            }
        }

        /**
         * Judges many records' keys in order, as {@link #check} would one after another, under one
         * acquisition of the store's lock. Their table slots are read together first: in a large table
         * each key's slot is a cache miss, and reading them in one tight loop lets the processor wait
         * for those misses together instead of one after another.
         *
         * @param keys     the keys; a null key (a record without one) is skipped and its verdict left as it was
         * @param ids      the records' ids, or null when records have none
         * @param verdicts where the verdicts go, by the keys' positions
         */
        public void checkAll(final KeyHash[] keys, final int count, final String[] ids, final Verdict[] verdicts) {
            synchronized (SeenKeyStore.this) {
                touched ^= table.touch(keys, count);
                for (int i = 0; i < count; i++) {
                    if (keys[i] != null) {
                        verdicts[i] = checkHoldingLock(keys[i], 0, ids == null ? null : ids[i]);
                    }
                }
            }
        }

        private Verdict checkHoldingLock(final KeyHash key, final long rank, final String id) {
            final int slot = table.probe(key.high(), key.low());
            if (slot >= 0 && !(horizonSeconds > 0 && now - table.seenSecondAt(slot) >= horizonSeconds)) {
                final long idRef = table.idRefAt(slot);
                final String keptId = idRef == SeenKeyTable.NO_ID ? key.hex() : ids.get(idRef);
                if (!options.ranked() || rank <= table.rankAt(slot)) {
                    return new Verdict(Verdict.Outcome.DUPLICATE, keptId);
                }
                overwritten.add(table.entryAt(slot));
                table.update(slot, now, rank, idRef(id));
                log(key, rank, id);
                return new Verdict(Verdict.Outcome.REPLACEMENT, keptId);
            }
            if (slot >= 0) {
                // seen, but longer ago than the horizon: this record starts afresh
                overwritten.add(table.entryAt(slot));
                table.update(slot, now, rank, idRef(id));
            } else {
                if (2 * insertedKeys + 2 > inserted.length) {
                    inserted = java.util.Arrays.copyOf(inserted, 2 * inserted.length);
                }
                inserted[2 * insertedKeys] = key.high();
                inserted[2 * insertedKeys + 1] = key.low();
                insertedKeys++;
                table.insert(slot, key.high(), key.low(), now, rank, idRef(id));
            }
            log(key, rank, id);
            return Verdict.UNIQUE;
        }

        private long idRef(final String id) {
            return options.withIds() && id != null ? ids.add(id) : SeenKeyTable.NO_ID;
        }

        private void log(final KeyHash key, final long rank, final String id) {
            if (log != null) {
                encoded = SeenKeyLog.encode(encoded, key.high(), key.low(), now, options.ranked(), rank, options.withIds() ? id : null);
            }
        }

        /** Keys this batch added or replaced. */
        public int changedKeys() {
            return insertedKeys + overwritten.size();
        }

        /**
         * Makes the batch's keys durable: appends them to the log (written to the operating system;
         * forced to disk when the store closes or compacts).
         *
         * @throws UncheckedIOException when the log cannot be written; the keys stay remembered in memory
         */
        public void commit() {
            if (done) {
                return;
            }
            done = true;
            synchronized (SeenKeyStore.this) {
                if (log == null || changedKeys() == 0) {
                    return;
                }
                try {
                    log.append(encoded, changedKeys());
                    purgeExpired(false);
                    if (log.entries() > 2L * table.size() + MIN_COMPACTION_ENTRIES) {
                        compact();
                    }
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot append to the seen-keys log: " + e.getMessage(), e);
                }
            }
        }

        /** Takes the batch's keys back: the store is as if the batch had never run. */
        public void rollback() {
            if (done) {
                return;
            }
            done = true;
            synchronized (SeenKeyStore.this) {
                // overwritten keys first, back to what they held; then the inserted ones go (an insert
                // the batch itself overwrote is first restored, then removed)
                for (int i = overwritten.size() - 1; i >= 0; i--) {
                    final SeenKeyTable.Entry before = overwritten.get(i);
                    table.put(before.high(), before.low(), before.seenSecond(), before.rank(), before.idRef());
                }
                for (int i = 0; i < insertedKeys; i++) {
                    table.remove(inserted[2 * i], inserted[2 * i + 1]);
                }
            }
        }
    }
}
