package io.github.nifiintegration.dedupe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeenKeyStoreTest {

    private static final SeenKeyStore.Options PLAIN = new SeenKeyStore.Options(false, false, null, "test");
    private static final SeenKeyStore.Options WITH_IDS = new SeenKeyStore.Options(false, true, null, "test");

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    private static KeyHash key(final String text) {
        return KeyHash.of(text);
    }

    @Test
    void aKeySeenTwiceIsADuplicateOfTheFirstRecord() {
        try (SeenKeyStore store = SeenKeyStore.inMemory(WITH_IDS, now::get, 10)) {
            final SeenKeyStore.Batch batch = store.begin();
            assertEquals(Verdict.Outcome.UNIQUE, batch.check(key("a"), 0, "r1").outcome());
            assertEquals(Verdict.Outcome.UNIQUE, batch.check(key("b"), 0, "r2").outcome());
            final Verdict again = batch.check(key("a"), 0, "r3");
            assertEquals(Verdict.Outcome.DUPLICATE, again.outcome());
            assertEquals("r1", again.keptId());
            assertEquals(2, store.size());
        }
    }

    @Test
    void judgingKeysTogetherGivesTheVerdictsOfJudgingThemOneByOneAndSkipsRecordsWithoutKey() {
        // enough keys to make the table grow while a chunk is judged, a key repeated inside the chunk, and gaps
        final KeyHash[] keys = new KeyHash[3000];
        final String[] ids = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 7 == 3 ? null : key("k" + (i % 5 == 4 ? i - 2 : i));
            ids[i] = "r" + i;
        }
        final Verdict[] together = new Verdict[keys.length];
        try (SeenKeyStore one = SeenKeyStore.inMemory(WITH_IDS, now::get, 10); SeenKeyStore other = SeenKeyStore.inMemory(WITH_IDS, now::get, 10)) {
            one.begin().checkAll(keys, keys.length, ids, together);
            final SeenKeyStore.Batch oneByOne = other.begin();
            int duplicates = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == null) {
                    assertEquals(null, together[i], "record " + i + " has no key and no verdict");
                    continue;
                }
                final Verdict expected = oneByOne.check(keys[i], 0, ids[i]);
                assertEquals(expected, together[i], "record " + i);
                duplicates += expected.outcome() == Verdict.Outcome.DUPLICATE ? 1 : 0;
            }
            assertTrue(duplicates > 100, "the chunk repeats keys: " + duplicates);
            assertEquals(other.size(), one.size());
        }
    }

    @Test
    void withoutIdsADuplicateNamesTheKeyHash() {
        try (SeenKeyStore store = SeenKeyStore.inMemory(PLAIN, now::get, 10)) {
            final SeenKeyStore.Batch batch = store.begin();
            batch.check(key("a"), 0, "ignored");
            assertEquals(key("a").hex(), batch.check(key("a"), 0, null).keptId());
            assertEquals(32, key("a").hex().length());
        }
    }

    @Test
    void committedKeysSurviveARestartAndRolledBackOnesDoNot() {
        try (SeenKeyStore store = SeenKeyStore.open(directory, WITH_IDS, now::get)) {
            final SeenKeyStore.Batch committed = store.begin();
            committed.check(key("kept"), 0, "first");
            committed.commit();
            final SeenKeyStore.Batch failed = store.begin();
            assertEquals(Verdict.Outcome.UNIQUE, failed.check(key("retried"), 0, "second").outcome());
            failed.rollback();
            assertEquals(1, store.size());
        }
        try (SeenKeyStore reopened = SeenKeyStore.open(directory, WITH_IDS, now::get)) {
            final SeenKeyStore.Batch batch = reopened.begin();
            final Verdict kept = batch.check(key("kept"), 0, "later");
            assertEquals(Verdict.Outcome.DUPLICATE, kept.outcome());
            assertEquals("first", kept.keptId());
            assertEquals(Verdict.Outcome.UNIQUE, batch.check(key("retried"), 0, "second").outcome());
        }
    }

    @Test
    void aRolledBackReplacementRestoresTheKeptRecord() {
        final SeenKeyStore.Options ranked = new SeenKeyStore.Options(true, true, null, "test");
        try (SeenKeyStore store = SeenKeyStore.inMemory(ranked, now::get, 10)) {
            final SeenKeyStore.Batch first = store.begin();
            first.check(key("k"), 3, "three fields");
            first.commit();
            final SeenKeyStore.Batch better = store.begin();
            final Verdict replacement = better.check(key("k"), 5, "five fields");
            assertEquals(Verdict.Outcome.REPLACEMENT, replacement.outcome());
            assertEquals("three fields", replacement.keptId());
            better.rollback();
            final Verdict afterRollback = store.begin().check(key("k"), 4, "four fields");
            assertEquals(Verdict.Outcome.REPLACEMENT, afterRollback.outcome());
            assertEquals("three fields", afterRollback.keptId());
            assertEquals(Verdict.Outcome.DUPLICATE, store.begin().check(key("k"), 4, "four again").outcome());
        }
    }

    @Test
    void keysAgeOffAfterTheHorizonAlsoAcrossARestart() {
        final SeenKeyStore.Options hour = new SeenKeyStore.Options(false, false, Duration.ofHours(1), "test");
        try (SeenKeyStore store = SeenKeyStore.open(directory, hour, now::get)) {
            final SeenKeyStore.Batch batch = store.begin();
            batch.check(key("old"), 0, null);
            batch.commit();
            now.addAndGet(Duration.ofMinutes(59).toMillis());
            final SeenKeyStore.Batch later = store.begin();
            assertEquals(Verdict.Outcome.DUPLICATE, later.check(key("old"), 0, null).outcome());
            later.check(key("young"), 0, null);
            later.commit();
        }
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        try (SeenKeyStore reopened = SeenKeyStore.open(directory, hour, now::get)) {
            assertEquals(1, reopened.size(), "the key seen 61 minutes ago is forgotten on open");
            final SeenKeyStore.Batch batch = reopened.begin();
            assertEquals(Verdict.Outcome.UNIQUE, batch.check(key("old"), 0, null).outcome());
            assertEquals(Verdict.Outcome.DUPLICATE, batch.check(key("young"), 0, null).outcome());
        }
    }

    @Test
    void openingCompactsALogOfMostlyDeadKeysAndKeepsTheLiveOnes() throws Exception {
        final SeenKeyStore.Options ranked = new SeenKeyStore.Options(true, true, Duration.ofHours(1), "test");
        try (SeenKeyStore store = SeenKeyStore.open(directory, ranked, now::get)) {
            final SeenKeyStore.Batch old = store.begin();
            for (int i = 0; i < 5_000; i++) {
                old.check(key("old " + i), 0, "old-" + i);
            }
            old.commit();
            now.addAndGet(Duration.ofMinutes(50).toMillis());
            final SeenKeyStore.Batch young = store.begin();
            young.check(key("young"), 1, "young-1");
            young.commit();
            final SeenKeyStore.Batch better = store.begin();
            assertEquals(Verdict.Outcome.REPLACEMENT, better.check(key("young"), 2, "young-2").outcome());
            better.commit();
        }
        final Path log = directory.resolve(SeenKeyLog.FILE_NAME);
        final long before = java.nio.file.Files.size(log);
        now.addAndGet(Duration.ofMinutes(20).toMillis());
        try (SeenKeyStore reopened = SeenKeyStore.open(directory, ranked, now::get)) {
            assertEquals(1, reopened.size());
            assertTrue(java.nio.file.Files.size(log) < before / 100, "the log was compacted to its one live key");
        }
        try (SeenKeyStore again = SeenKeyStore.open(directory, ranked, now::get)) {
            final Verdict young = again.begin().check(key("young"), 2, "young-3");
            assertEquals(Verdict.Outcome.DUPLICATE, young.outcome());
            assertEquals("young-2", young.keptId(), "the replacement survived the compaction");
            assertEquals(Verdict.Outcome.UNIQUE, again.begin().check(key("old 7"), 0, null).outcome());
        }
    }

    @Test
    void aDirectoryWithKeysBuiltAnotherWayIsRefused() {
        SeenKeyStore.open(directory, PLAIN, now::get).close();
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SeenKeyStore.open(directory, new SeenKeyStore.Options(false, false, null, "other"), now::get));
        assertTrue(refused.getMessage().contains("not as configured now"), refused.getMessage());
    }

    @Test
    void aDirectoryInUseIsRefused() {
        try (SeenKeyStore ignored = SeenKeyStore.open(directory, PLAIN, now::get)) {
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SeenKeyStore.open(directory, PLAIN, now::get));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        }
    }

    /** The 10M-key measurement of the benchmark command, at a scale a unit test can afford. */
    @Test
    void distinctKeysHaveNoFalsePositivesAndCostUnder48BytesEach() {
        final int keys = 300_000;
        try (SeenKeyStore store = SeenKeyStore.open(directory, PLAIN, now::get)) {
            final SeenKeyStore.Batch batch = store.begin();
            for (int i = 0; i < keys; i++) {
                assertEquals(Verdict.Outcome.UNIQUE, batch.check(key("inserted-" + i), 0, null).outcome());
            }
            batch.commit();
            assertEquals(keys, store.size());
            final double bytesPerKey = (double) store.memoryBytes() / keys;
            assertTrue(bytesPerKey < 48, "bytes per key: " + bytesPerKey);
        }
        try (SeenKeyStore reopened = SeenKeyStore.open(directory, PLAIN, now::get)) {
            final SeenKeyStore.Batch probe = reopened.begin();
            for (int i = 0; i < keys; i++) {
                assertEquals(Verdict.Outcome.UNIQUE, probe.check(key("never-inserted-" + i), 0, null).outcome(), "false positive at " + i);
                assertEquals(Verdict.Outcome.DUPLICATE, probe.check(key("inserted-" + i), 0, null).outcome(), "forgotten key " + i);
            }
            probe.rollback();
            assertEquals(keys, reopened.size());
        }
    }
}
