package io.github.nifiintegration.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every master data store must do with golden records, pins, cannot-links and moved records.
 * Each store implementation runs it by extending this class.
 */
public abstract class StewardDataContractTest {

    private static final SourceKey CRM_1 = new SourceKey("crm", "1");
    private static final SourceKey BILLING_7 = new SourceKey("billing", "7");

    protected MasterDataStore store;

    /** A store over the same data every time it is called (a restart when called again after {@link #closeStore()}). */
    protected abstract MasterDataStore openStore();

    @BeforeEach
    void openTheStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void inTransaction(final Consumer<StoreTransaction> work) {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(10))) {
            work.accept(tx);
            tx.commit();
        }
    }

    private void restart() {
        store.close();
        store = openStore();
    }

    private static void insert(final StoreTransaction tx, final SourceKey key, final String entity) {
        tx.insertRecord(new StoredRecord(key, entity, tx.nextSequence(), Map.of("name", key.id()), "h-" + key.id()), List.of("b:" + key.id()), List.of());
    }

    private static GoldenRecord golden(final String entity, final long version, final Object name) {
        return new GoldenRecord(entity, version, Map.of("name", new GoldenValue(name, "source_priority", List.of(SourceRef.of(CRM_1, "2026-01-02")))),
                null, "2026-11-26T10:00:00Z");
    }

    @Test
    void goldenRecordVersionsAreKeptAndMustFollowEachOther() {
        inTransaction(tx -> tx.putGolden(golden("E-1", 1, "Ann")));
        inTransaction(tx -> tx.putGolden(golden("E-1", 2, new BigDecimal("12.50"))));
        restart();

        final StoreReader reader = store.reader();
        assertEquals(2, reader.golden("E-1").version());
        assertEquals(new BigDecimal("12.50"), reader.golden("E-1").fields().get("name").value());
        assertEquals("Ann", reader.goldenVersion("E-1", 1).fields().get("name").value());
        assertEquals(List.of(SourceRef.of(CRM_1, "2026-01-02")), reader.goldenVersion("E-1", 1).fields().get("name").sources());
        assertNull(reader.goldenVersion("E-1", 3));
        assertNull(reader.golden("E-2"));

        // a writer that computed from version 1 must not overwrite version 2
        final StoreException stale = assertThrows(StoreException.class, () -> inTransaction(tx -> tx.putGolden(golden("E-1", 2, "Bob"))));
        assertTrue(stale.getMessage().contains("version 2"), stale.getMessage());
        assertEquals(new BigDecimal("12.50"), store.reader().golden("E-1").fields().get("name").value());
    }

    @Test
    void aRolledBackGoldenRecordIsNotThere() {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(10))) {
            tx.putGolden(golden("E-1", 1, "Ann"));
            tx.pin("E-1", "name", "Ann");
            tx.rollback();
        }
        assertNull(store.reader().golden("E-1"));
        assertTrue(store.reader().pins("E-1").isEmpty());
    }

    @Test
    void listsSurviveAsLists() {
        final GoldenRecord withList = new GoldenRecord("E-1", 1,
                Map.of("emails", new GoldenValue(List.of("a@x.com", "b@x.com"), "union", List.of(SourceRef.of(CRM_1, null), SourceRef.of(BILLING_7, null)))),
                null, null);
        inTransaction(tx -> tx.putGolden(withList));
        assertTrue(withList.sameContent(store.reader().golden("E-1")));
    }

    @Test
    void pinsPersistAndMoveWithAMerge() {
        inTransaction(tx -> {
            insert(tx, CRM_1, "E-1");
            insert(tx, BILLING_7, "E-2");
            tx.pin("E-1", "name", "Ann Lee");
            tx.pin("E-2", "name", "Anne Lee");
            tx.pin("E-2", "phone", "+61400000000");
            tx.pin("E-2", "fax", "gone");
            tx.unpin("E-2", "fax");
        });
        restart();
        assertEquals(Map.of("name", "Anne Lee", "phone", "+61400000000"), store.reader().pins("E-2"));

        inTransaction(tx -> tx.mergeEntities("E-1", "E-2"));
        // the survivor's own pin wins where both pinned a field
        assertEquals(Map.of("name", "Ann Lee", "phone", "+61400000000"), store.reader().pins("E-1"));
        assertTrue(store.reader().pins("E-2").isEmpty());
        assertEquals("E-1", store.reader().currentEntityId("E-2"));
    }

    @Test
    void cannotLinksAreSymmetricPersistAndRollBack() {
        assertFalse(store.reader().hasCannotLinks());
        inTransaction(tx -> tx.addCannotLink(CRM_1, BILLING_7));
        restart();
        assertTrue(store.reader().hasCannotLinks());
        assertEquals(Set.of(BILLING_7), store.reader().cannotLinks(CRM_1));
        assertEquals(Set.of(CRM_1), store.reader().cannotLinks(BILLING_7));

        final SourceKey other = new SourceKey("support", "9");
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(10))) {
            tx.addCannotLink(other, CRM_1);
            assertEquals(Set.of(BILLING_7, other), tx.cannotLinks(CRM_1));
            tx.rollback();
        }
        assertEquals(Set.of(BILLING_7), store.reader().cannotLinks(CRM_1));
        assertThrows(StoreException.class, () -> inTransaction(tx -> tx.addCannotLink(CRM_1, CRM_1)));
    }

    @Test
    void aMovedRecordChangesEntity() {
        inTransaction(tx -> {
            insert(tx, CRM_1, "E-1");
            insert(tx, BILLING_7, "E-1");
        });
        inTransaction(tx -> tx.moveRecord(BILLING_7, "E-9"));
        restart();
        assertEquals(List.of(CRM_1), store.reader().members("E-1"));
        assertEquals(List.of(BILLING_7), store.reader().members("E-9"));
        assertEquals("E-9", store.reader().record(BILLING_7).entityId());
        assertThrows(StoreException.class, () -> inTransaction(tx -> tx.moveRecord(new SourceKey("crm", "404"), "E-9")));
    }
}
