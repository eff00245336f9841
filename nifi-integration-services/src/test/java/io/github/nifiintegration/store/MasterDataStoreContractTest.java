package io.github.nifiintegration.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every master data store promises, written once and run against each implementation (the
 * embedded store and PostgreSQL): the same expectations, word for word.
 */
public abstract class MasterDataStoreContractTest {

    protected static final Duration WAIT = Duration.ofSeconds(10);

    protected MasterDataStore store;

    /** Opens a new, empty store. */
    protected abstract MasterDataStore openNewStore() throws Exception;

    /** Closes the store and opens the same one again, as after a restart. */
    protected abstract MasterDataStore reopenStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = openNewStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static StoredRecord record(final String id, final String entity, final long sequence, final Object... fieldsAndValues) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            values.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return new StoredRecord(new SourceKey("crm", id), entity, sequence, values, RecordCodec.contentHash(values));
    }

    private static List<String> ids(final List<StoredRecord> records) {
        return records.stream().map(record -> record.key().id()).toList();
    }

    /** Inserts a record with the next sequence, and returns it. */
    private static StoredRecord insert(final StoreTransaction tx, final String id, final String entity, final List<String> blocks, final List<String> counters) {
        final StoredRecord record = record(id, entity, tx.nextSequence(), "name", "name of " + id);
        tx.insertRecord(record, blocks, counters);
        return record;
    }

    @Test
    void committedRecordsAreReadBackWithTheirEntityBlocksAndCounters() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("smith"), List.of("n|name", "v|name|smith"));
            insert(tx, "2", "E1", List.of("smith", "jones"), List.of("n|name", "v|name|smith"));
            tx.commit();
        }
        final StoreReader reader = store.reader();
        assertEquals("E1", reader.record(new SourceKey("crm", "1")).entityId());
        assertEquals("name of 2", reader.record(new SourceKey("crm", "2")).values().get("name"));
        assertNull(reader.record(new SourceKey("crm", "3")));
        assertNull(reader.record(new SourceKey("erp", "1")), "the source system is part of the key");
        assertEquals(List.of(new SourceKey("crm", "1"), new SourceKey("crm", "2")), reader.members("E1"));
        assertEquals(2, reader.counter("v|name|smith"));
        assertEquals(0, reader.counter("v|name|never"));
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals(List.of("1", "2"), ids(tx.blockRecords("smith", 10)));
            assertEquals(List.of("2"), ids(tx.blockRecords("jones", 10)));
            assertEquals(List.of(), tx.blockRecords("nobody", 10));
            assertEquals(2, tx.blockSize("smith"));
            assertEquals(0, tx.blockSize("nobody"));
            assertEquals(3, tx.nextSequence(), "sequences continue after the last committed one");
        }
    }

    @Test
    void aTransactionReadsItsOwnWritesBeforeItCommits() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("smith"), List.of("v|name|smith"));
            assertEquals("E1", tx.record(new SourceKey("crm", "1")).entityId());
            assertEquals(List.of("1"), ids(tx.blockRecords("smith", 10)));
            assertEquals(1, tx.blockSize("smith"));
            assertEquals(1, tx.counter("v|name|smith"));
            assertEquals(List.of(new SourceKey("crm", "1")), tx.members("E1"));
            assertEquals(1, tx.entityCreated("E1"));
            assertEquals(-1, tx.entityCreated("E9"));
            tx.commit();
        }
    }

    @Test
    void rollbackUndoesEveryKindOfChange() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("smith"), List.of("v|name|smith"));
            insert(tx, "2", "E2", List.of("jones"), List.of("v|name|jones"));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "3", "E3", List.of("smith"), List.of("v|name|smith"));
            tx.updateRecord(record("2", "E2", 2, "name", "changed"), List.of("brown"), List.of("v|name|brown"));
            tx.mergeEntities("E1", "E2");
            tx.putReview(new SourceKey("crm", "3"), "E1=0.8");
            assertEquals("E1", tx.currentEntityId("E2"));
            tx.rollback();
        }
        final StoreReader reader = store.reader();
        assertNull(reader.record(new SourceKey("crm", "3")));
        assertEquals("name of 2", reader.record(new SourceKey("crm", "2")).values().get("name"));
        assertEquals("E2", reader.currentEntityId("E2"));
        assertEquals(List.of(new SourceKey("crm", "2")), reader.members("E2"));
        assertEquals(1, reader.counter("v|name|smith"));
        assertEquals(0, reader.counter("v|name|brown"));
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals(List.of("1"), ids(tx.blockRecords("smith", 10)));
            assertEquals(List.of("2"), ids(tx.blockRecords("jones", 10)));
            assertEquals(0, tx.blockSize("brown"));
            assertNull(tx.review(new SourceKey("crm", "3")));
            assertEquals(3, tx.nextSequence(), "a rolled-back transaction leaves no gap in the sequence");
        }
    }

    @Test
    void closingWithoutCommitRollsBack() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("smith"), List.of());
        }
        assertNull(store.reader().record(new SourceKey("crm", "1")));
    }

    @Test
    void anUpdateReplacesTheRecordsBlockingKeysAndCounters() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("smith", "1980"), List.of("v|name|smith"));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            final StoredRecord stored = tx.record(new SourceKey("crm", "1"));
            tx.updateRecord(record("1", "E1", stored.sequence(), "name", "jones"), List.of("jones", "1980"), List.of("v|name|jones"));
            assertEquals(List.of(), tx.blockRecords("smith", 10), "within the transaction too");
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals("jones", tx.record(new SourceKey("crm", "1")).values().get("name"));
            assertEquals(List.of(), tx.blockRecords("smith", 10));
            assertEquals(List.of("1"), ids(tx.blockRecords("jones", 10)));
            assertEquals(List.of("1"), ids(tx.blockRecords("1980", 10)), "a key kept by the update stays, once");
            assertEquals(1, tx.blockSize("1980"));
            assertEquals(0, tx.counter("v|name|smith"));
            assertEquals(1, tx.counter("v|name|jones"));
        }
    }

    @Test
    void aMergeMovesRecordsAndRetiredIdsFollowEveryMerge() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("a"), List.of());
            insert(tx, "2", "E2", List.of("b"), List.of());
            insert(tx, "3", "E3", List.of("c"), List.of());
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.mergeEntities("E2", "E3");
            assertEquals("E2", tx.record(new SourceKey("crm", "3")).entityId());
            assertEquals(List.of(new SourceKey("crm", "2"), new SourceKey("crm", "3")), tx.members("E2"));
            assertEquals(2, tx.entityCreated("E2"));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.mergeEntities("E1", "E2");
            tx.commit();
        }
        final StoreReader reader = store.reader();
        assertEquals("E1", reader.currentEntityId("E3"), "a chain of merges is followed to the end");
        assertEquals("E1", reader.currentEntityId("E2"));
        assertEquals("E1", reader.currentEntityId("E1"));
        assertEquals("E7", reader.currentEntityId("E7"), "an unknown id is its own current id");
        assertEquals(List.of(new SourceKey("crm", "1"), new SourceKey("crm", "2"), new SourceKey("crm", "3")), reader.members("E1"));
        assertEquals(List.of(), reader.members("E2"));
        assertEquals("E1", reader.record(new SourceKey("crm", "3")).entityId());
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals(1, tx.entityCreated("E1"));
            assertEquals(-1, tx.entityCreated("E3"));
            assertEquals("E1", tx.blockRecords("c", 10).get(0).entityId(), "block reads see the moved record");
        }
    }

    @Test
    void aBlockListsItsOldestRecordsFirstUpToTheLimit() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            for (int i = 1; i <= 3; i++) {
                insert(tx, String.valueOf(i), "E" + i, List.of("common"), List.of());
            }
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            for (int i = 4; i <= 5; i++) {
                insert(tx, String.valueOf(i), "E" + i, List.of("common"), List.of());
            }
            assertEquals(List.of("1", "2"), ids(tx.blockRecords("common", 2)));
            assertEquals(List.of("1", "2", "3", "4", "5"), ids(tx.blockRecords("common", 10)));
            assertEquals(5, tx.blockSize("common"));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals(List.of("1", "2", "3"), ids(tx.blockRecords("common", 3)));
            assertEquals(5, tx.blockSize("common"));
            tx.updateRecord(record("1", "E1", 1, "name", "moved"), List.of("other"), List.of());
            assertEquals(List.of("2", "3", "4"), ids(tx.blockRecords("common", 3)), "a record moved out of a block leaves room for the next");
            assertEquals(4, tx.blockSize("common"));
        }
    }

    @Test
    void theReviewQueueKeepsOneEntryPerRecord() {
        final SourceKey key = new SourceKey("crm", "1");
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.putReview(key, "E1=0.8");
            tx.putReview(key, "E1=0.85;E2=0.7");
            assertEquals("E1=0.85;E2=0.7", tx.review(key));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals("E1=0.85;E2=0.7", tx.review(key));
            tx.removeReview(key);
            assertNull(tx.review(key));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertNull(tx.review(key));
        }
    }

    @Test
    void insertingARecordThatIsStoredAlreadyFails() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of(), List.of());
            tx.commit();
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            final StoredRecord again = record("1", "E9", tx.nextSequence(), "name", "again");
            assertThrows(StoreException.class, () -> tx.insertRecord(again, List.of(), List.of()));
        }
    }

    @Test
    void anEndedTransactionRefusesWrites() {
        final StoreTransaction tx = store.begin(WAIT);
        tx.commit();
        final StoredRecord late = record("1", "E1", 1);
        assertThrows(StoreException.class, () -> tx.insertRecord(late, List.of(), List.of()));
        tx.close();
    }

    @Test
    void valuesOfEveryKindAndSizeSurviveARestart() throws Exception {
        final String longText = "x".repeat(100_000);
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.insertRecord(record("1", "E1", tx.nextSequence(), "long", longText, "cyrillic", "Петров", "amount", new BigDecimal("12.50"),
                    "phones", List.of("+61400000000", "+61400000001")), List.of("k"), List.of("n|long"));
            tx.commit();
        }
        store = reopenStore();
        final StoredRecord stored = store.reader().record(new SourceKey("crm", "1"));
        assertNotNull(stored, "committed data survives a restart");
        assertEquals(longText, stored.values().get("long"));
        assertEquals("Петров", stored.values().get("cyrillic"));
        assertEquals(new BigDecimal("12.50"), stored.values().get("amount"));
        assertEquals(List.of("+61400000000", "+61400000001"), stored.values().get("phones"));
        assertEquals(RecordCodec.contentHash(stored.values()), stored.contentHash());
        assertEquals(1, store.reader().counter("n|long"));
        try (StoreTransaction tx = store.begin(WAIT)) {
            assertEquals(List.of("1"), ids(tx.blockRecords("k", 10)));
            assertEquals(2, tx.nextSequence());
        }
    }

    @Test
    void aSecondWriterWaitsForTheFirstAndGivesUpAfterItsWaitTime() throws Exception {
        final StoreTransaction first = store.begin(WAIT);
        insert(first, "1", "E1", List.of("k"), List.of());
        final long start = System.nanoTime();
        final CompletableFuture<Throwable> impatient = CompletableFuture.supplyAsync(() -> {
            try (StoreTransaction tx = store.begin(Duration.ofMillis(300))) {
                return null;
            } catch (final StoreException expected) {
                return expected;
            }
        });
        assertTrue(impatient.get(10, TimeUnit.SECONDS) instanceof StoreException, "no second writer while the first is open");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "it waited before giving up");
        final CompletableFuture<List<String>> patient = CompletableFuture.supplyAsync(() -> {
            try (StoreTransaction tx = store.begin(WAIT)) {
                return ids(tx.blockRecords("k", 10));
            }
        });
        Thread.sleep(100);
        first.commit();
        assertEquals(List.of("1"), patient.get(10, TimeUnit.SECONDS), "the next writer starts after the commit and sees it");
    }

    @Test
    void prefetchingChangesNoAnswer() {
        try (StoreTransaction tx = store.begin(WAIT)) {
            insert(tx, "1", "E1", List.of("a", "b"), List.of("v|x|1"));
            insert(tx, "2", "E2", List.of("b"), List.of("v|x|1", "v|x|2"));
            tx.commit();
        }
        final List<SourceKey> keys = List.of(new SourceKey("crm", "1"), new SourceKey("crm", "2"), new SourceKey("crm", "9"));
        final List<List<Object>> answers = new ArrayList<>();
        for (final boolean prefetch : new boolean[]{false, true}) {
            try (StoreTransaction tx = store.begin(WAIT)) {
                if (prefetch) {
                    tx.prefetch(keys, List.of("a", "b", "c"), List.of("v|x|1", "v|x|2", "v|x|3"), 1);
                }
                insert(tx, "3", "E3", List.of("b", "c"), List.of("v|x|3"));
                answers.add(List.of(ids(tx.blockRecords("b", 10)), ids(tx.blockRecords("b", 1)), ids(tx.blockRecords("c", 10)),
                        tx.blockSize("b"), tx.counter("v|x|1"), tx.counter("v|x|3"), tx.record(keys.get(1)).entityId(),
                        String.valueOf(tx.record(keys.get(2)))));
            }
        }
        assertEquals(List.of(List.of("1", "2", "3"), List.of("1"), List.of("3"), 3L, 2L, 1L, "E2", "null"), answers.get(0));
        assertEquals(answers.get(0), answers.get(1));
    }
}
