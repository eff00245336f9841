package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.GoldenValue;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.SourceRef;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;
import io.github.nifiintegration.survivorship.GoldenRecordBuilder;
import io.github.nifiintegration.survivorship.GoldenRecordMaintainer;
import io.github.nifiintegration.survivorship.SurvivorshipRules;
import io.github.nifiintegration.survivorship.TouchedEntities;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the PostgreSQL store has to show: its schema, names, node caches and lost connections. */
class PostgreSqlMasterDataStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final PostgresTestServer server = PostgresTestServer.shared();

    private static StoredRecord record(final String id, final String entity, final long sequence, final String name) {
        final Map<String, Object> values = Map.of("name", name);
        return new StoredRecord(new SourceKey("crm", id), entity, sequence, values, RecordCodec.contentHash(values));
    }

    private static GoldenRecord golden(final String entity, final long version, final String name) {
        return new GoldenRecord(entity, version, Map.of("name", new GoldenValue(name, "most_recent", List.of(new SourceRef("crm", "1", null)))), null, null);
    }

    @Test
    void schemaAndPrefixAcceptOnlyPlainIdentifiers() {
        new TableNames("public", "mds_");
        new TableNames("mdm_2", "customer_");
        for (final String bad : List.of("", "Public", "1abc", "mds\"; DROP TABLE x; --", "a b", "a.b", "x".repeat(64))) {
            assertThrows(IllegalArgumentException.class, () -> new TableNames(bad, "mds_"), bad);
        }
        for (final String bad : List.of("", "Mds", "9_", "mds_\"", "x".repeat(41), "p;")) {
            assertThrows(IllegalArgumentException.class, () -> new TableNames("public", bad), bad);
        }
    }

    @Test
    void migrationsCreateTheTablesOnceEvenWhenNodesStartTogether() throws Exception {
        final TableNames names = PostgresTestServer.freshNames("migrate");
        final List<CompletableFuture<MasterDataStore>> nodes = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> PostgreSqlMasterDataStore.open(server.connections(), names, 100)));
        }
        for (final CompletableFuture<MasterDataStore> node : nodes) {
            node.get().close();
        }
        assertEquals(List.of("1", "2"), column("SELECT version FROM " + names.table("schema_version") + " ORDER BY version"));
        assertEquals(List.of("mds_blocks", "mds_cannot_links", "mds_counters", "mds_golden", "mds_pins", "mds_records", "mds_redirects", "mds_reviews",
                        "mds_schema_version", "mds_state"),
                column("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + names.schema() + "' ORDER BY table_name"));
        // enabled again later: nothing to do
        assertEquals(List.of(), migrate(names));
    }

    @Test
    void aStoreOfAnOlderVersionIsUpgradedWithItsDataKept() throws Exception {
        final TableNames names = PostgresTestServer.freshNames("upgrade");
        try (Connection connection = server.connection()) {
            assertEquals(List.of(1), SchemaMigrations.migrate(connection, names, SchemaMigrations.SCRIPTS.subList(0, 1)));
        }
        execute("INSERT INTO " + names.table("records") + " (sequence, source_system, source_id, entity_id, data) VALUES (1, 'crm', '1', 'E1', '"
                + "\\x" + java.util.HexFormat.of().formatHex(RecordCodec.encode(record("1", "E1", 1, "kept"), List.of(), List.of())) + "')");
        execute("UPDATE " + names.table("state") + " SET last_sequence = 1");
        try (MasterDataStore store = PostgreSqlMasterDataStore.open(server.connections(), names, 100)) {
            assertEquals(List.of("1", "2"), column("SELECT version FROM " + names.table("schema_version") + " ORDER BY version"));
            assertEquals("kept", store.reader().record(new SourceKey("crm", "1")).values().get("name"));
            assertEquals(List.of(), store.reader().cannotLinks(new SourceKey("crm", "1")).stream().toList(), "the new tables are there");
        }
    }

    @Test
    void aSchemaNewerThanTheBundleIsRefused() throws Exception {
        final TableNames names = PostgresTestServer.freshNames("newer");
        PostgreSqlMasterDataStore.open(server.connections(), names, 100).close();
        execute("INSERT INTO " + names.table("schema_version") + " (version, script) VALUES (99, 'V99__future.sql')");
        final StoreException refused = assertThrows(StoreException.class, () -> PostgreSqlMasterDataStore.open(server.connections(), names, 100));
        assertTrue(refused.getMessage().contains("newer than this bundle knows"), refused.getMessage());
    }

    @Test
    void twoStoreInstancesOnOneDatabaseNeverReadEachOthersDataStale() {
        final TableNames names = PostgresTestServer.freshNames("two_nodes");
        try (MasterDataStore nodeA = PostgreSqlMasterDataStore.open(server.connections(), names, 1000);
             MasterDataStore nodeB = PostgreSqlMasterDataStore.open(server.connections(), names, 1000)) {
            try (StoreTransaction tx = nodeA.begin(WAIT)) {
                tx.insertRecord(record("1", "E1", tx.nextSequence(), "smith"), List.of("k"), List.of("v|smith"));
                tx.insertRecord(record("2", "E2", tx.nextSequence(), "smyth"), List.of("k2"), List.of("v|smyth"));
                tx.putGolden(golden("E1", 1, "Smith"));
                tx.pin("E1", "name", "Smith");
                tx.commit();
            }
            // node B reads everything once, filling its cache
            try (StoreTransaction tx = nodeB.begin(WAIT)) {
                tx.prefetch(List.of(new SourceKey("crm", "1")), List.of("k", "k2"), List.of("v|smith"), 10);
                assertEquals("smith", tx.record(new SourceKey("crm", "1")).values().get("name"));
                assertEquals(1, tx.blockRecords("k", 10).size());
                assertEquals(1, tx.counter("v|smith"));
                assertEquals("E2", tx.currentEntityId("E2"));
                assertEquals("Smith", tx.golden("E1").fields().get("name").value());
                assertEquals(Map.of("name", "Smith"), tx.pins("E1"));
            }
            // node A changes all of it
            try (StoreTransaction tx = nodeA.begin(WAIT)) {
                tx.updateRecord(record("1", "E1", 1, "jones"), List.of("k3"), List.of("v|jones"));
                tx.insertRecord(record("3", "E3", tx.nextSequence(), "smith"), List.of("k"), List.of("v|smith"));
                tx.mergeEntities("E1", "E2");
                tx.putGolden(golden("E1", 2, "Jones"));
                tx.pin("E1", "name", "Jones");
                tx.commit();
            }
            // node B sees the new state, not its cache
            try (StoreTransaction tx = nodeB.begin(WAIT)) {
                assertEquals("jones", tx.record(new SourceKey("crm", "1")).values().get("name"));
                assertEquals(List.of(new SourceKey("crm", "3")), tx.blockRecords("k", 10).stream().map(StoredRecord::key).toList());
                assertEquals(1, tx.counter("v|smith"));
                assertEquals(1, tx.counter("v|jones"));
                assertEquals("E1", tx.currentEntityId("E2"));
                assertEquals("E1", tx.blockRecords("k2", 10).get(0).entityId());
                assertEquals(2, tx.golden("E1").version(), "never a stale golden record");
                assertEquals("Jones", tx.golden("E1").fields().get("name").value());
                assertEquals(Map.of("name", "Jones"), tx.pins("E1"));
                // and writes back: node A must see this too
                tx.updateRecord(record("3", "E3", 3, "brown"), List.of("k4"), List.of());
                tx.commit();
            }
            try (StoreTransaction tx = nodeA.begin(WAIT)) {
                assertEquals("brown", tx.record(new SourceKey("crm", "3")).values().get("name"));
                assertEquals(List.of(), tx.blockRecords("k", 10));
                assertEquals(0, tx.counter("v|smith"));
            }
        }
    }

    @Test
    void aNodeWritingAloneReadsItsBatchesFromItsCache() {
        final TestConnectionPool pool = new TestConnectionPool(server.connections());
        try (MasterDataStore store = PostgreSqlMasterDataStore.open(pool::getConnection, PostgresTestServer.freshNames("warm"), 1000)) {
            // begin: set lock_timeout, lock, read the generation; the rest from the cache
            assertEquals(3, statementsToReadABatchWritten(store, pool), "statements for a warm batch");
        }
    }

    @Test
    void aBatchLargerThanTheNodeCacheIsStillReadInAFewStatements() {
        final TestConnectionPool pool = new TestConnectionPool(server.connections());
        // a node cache of 5 entries and a batch of 50 records in 10 blocks: what the prefetch reads cannot all stay cached
        try (MasterDataStore store = PostgreSqlMasterDataStore.open(pool::getConnection, PostgresTestServer.freshNames("smallcache"), 5)) {
            final int statements = statementsToReadABatchWritten(store, pool);
            // begin (3), the prefetch (at most 5: keys, blocks, their records, entity ages, counters); no read per record afterwards
            assertTrue(statements <= 8, "statements for a batch larger than the cache: " + statements);
        }
    }

    @Test
    void maintainingTheGoldenRecordsOfABatchTakesAFewStatementsWhateverItsSize() {
        final TestConnectionPool pool = new TestConnectionPool(server.connections());
        final TableNames names = PostgresTestServer.freshNames("goldenbatch");
        // 30 entities of two records each; ten have a golden record already, two have pins, and E0 was merged into E1
        try (MasterDataStore store = PostgreSqlMasterDataStore.open(pool::getConnection, names, 5);
             StoreTransaction tx = store.begin(WAIT)) {
            for (int i = 0; i < 60; i++) {
                tx.insertRecord(record("r" + i, "E" + i % 30, tx.nextSequence(), "name" + i), List.of("b" + i), List.of());
            }
            for (int e = 0; e < 10; e++) {
                tx.putGolden(golden("E" + e, 1, "old"));
            }
            tx.pin("E2", "name", "Pinned");
            tx.pin("E3", "name", "Pinned too");
            tx.mergeEntities("E1", "E0");
            tx.commit();
        }
        final TouchedEntities touched = new TouchedEntities();
        for (int e = 0; e < 30; e++) {
            touched.add("E" + e);
        }
        final GoldenRecordMaintainer maintainer = new GoldenRecordMaintainer(new GoldenRecordBuilder(
                new SurvivorshipRules(Map.of(), SurvivorshipRules.parseChain("most_recent"), List.of(), null)), Clock.systemUTC());
        // a node that has just started: nothing is cached, everything comes from the database
        try (MasterDataStore store = PostgreSqlMasterDataStore.open(pool::getConnection, names, 5);
             StoreTransaction tx = store.begin(WAIT)) {
            final int before = pool.statements();
            final GoldenRecordMaintainer.Outcome outcome = maintainer.maintain(tx, touched);
            final int statements = pool.statements() - before;
            // merges (1), members (1), their records (1), newest golden records (1), whether any pins exist (1), pins (1)
            assertTrue(statements <= 7, "statements to maintain 30 entities: " + statements);

            final Map<String, GoldenRecord> newest = new java.util.HashMap<>();
            outcome.newVersions().forEach(version -> newest.put(version.entityId(), version));
            assertEquals(30, newest.size(), "E0 retired, E1 to E9 updated, E10 to E29 created");
            assertEquals("E1", newest.get("E0").retiredInto());
            assertEquals(2, newest.get("E1").version());
            // no timestamps: the tie-break takes the first source id, r0, which was E0's: E0's records are E1's now
            assertEquals("name0", newest.get("E1").fields().get("name").value());
            assertEquals("Pinned", newest.get("E2").fields().get("name").value());
            assertEquals(1, newest.get("E29").version());
        }
    }

    /**
     * As ResolveEntities does, writes a batch of 50 records in 10 blocks, then reads it back in a
     * second transaction (prefetch, then every block, record and a counter), checking what it reads.
     *
     * @return the statements the second transaction executed
     */
    private static int statementsToReadABatchWritten(final MasterDataStore store, final TestConnectionPool pool) {
        final List<SourceKey> keys = new ArrayList<>();
        final List<String> blocks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add(new SourceKey("crm", "r" + i));
            blocks.add("block" + i % 10);
        }
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.prefetch(keys, blocks, List.of("v|1", "v|2"), 100);
            for (int i = 0; i < 50; i++) {
                tx.insertRecord(record("r" + i, "E" + i, tx.nextSequence(), "name" + i), List.of(blocks.get(i)), List.of("v|" + i));
            }
            tx.commit();
        }
        final int before = pool.statements();
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.prefetch(keys, blocks, List.of("v|1", "v|2"), 100);
            for (final String block : blocks) {
                assertEquals(5, tx.blockRecords(block, 100).size());
            }
            keys.forEach(key -> assertEquals(key, tx.record(key).key()));
            assertEquals(1, tx.counter("v|1"));
        }
        return pool.statements() - before;
    }

    @Test
    void aConnectionLostInTheMiddleOfACommitLeavesNothingHalfWritten() {
        final TableNames names = PostgresTestServer.freshNames("dropped");
        final TestConnectionPool pool = new TestConnectionPool(server.connections());
        try (MasterDataStore store = PostgreSqlMasterDataStore.open(pool::getConnection, names, 1000)) {
            try (StoreTransaction tx = store.begin(WAIT)) {
                tx.insertRecord(record("1", "E1", tx.nextSequence(), "Alice Secretvalue"), List.of("k"), List.of("v|secretvalue"));
                tx.commit();
            }
            final StoreTransaction tx = store.begin(WAIT);
            tx.updateRecord(record("1", "E1", 1, "Alice Othervalue"), List.of("k"), List.of("v|othervalue"));
            tx.insertRecord(record("2", "E1", tx.nextSequence(), "Bob Secretvalue"), List.of("k"), List.of("v|secretvalue"));
            // the records go in (statement 1), the connection dies before the updates (statement 2)
            pool.dropConnectionAtStatement(2);
            final StoreException lost = assertThrows(StoreException.class, tx::commit);
            assertEquals(1, pool.drops());
            assertTrue(lost.getMessage().contains("08") || lost.getMessage().contains("57P01"), lost.getMessage());
            assertFalse(lost.getMessage().toLowerCase().contains("secretvalue") || lost.getMessage().contains("Alice"), lost.getMessage());
            assertNull(lost.getCause(), "the driver's exception (which may quote values) is not passed on");
            tx.close();
            // nothing of the failed commit is there, and the store works on
            assertNull(store.reader().record(new SourceKey("crm", "2")));
            assertEquals("Alice Secretvalue", store.reader().record(new SourceKey("crm", "1")).values().get("name"));
            try (StoreTransaction retry = store.begin(WAIT)) {
                assertEquals(1, retry.counter("v|secretvalue"));
                assertEquals(1, retry.blockSize("k"));
                assertEquals(2, retry.nextSequence());
            }
        }
    }

    @Test
    void aServerRestartFailsTheRunningTransactionAndTheNextOneWorks() throws Exception {
        try (PostgresTestServer own = PostgresTestServer.startNew()) {
            final TableNames names = new TableNames("public", "mds_");
            try (MasterDataStore store = PostgreSqlMasterDataStore.open(own.connections(), names, 1000)) {
                final StoreTransaction tx = store.begin(WAIT);
                tx.insertRecord(record("1", "E1", tx.nextSequence(), "before"), List.of("k"), List.of());
                own.restart();
                assertThrows(StoreException.class, tx::commit);
                tx.close();
                try (StoreTransaction after = store.begin(WAIT)) {
                    assertNull(after.record(new SourceKey("crm", "1")));
                    after.insertRecord(record("1", "E1", after.nextSequence(), "after"), List.of("k"), List.of());
                    after.commit();
                }
                assertEquals("after", store.reader().record(new SourceKey("crm", "1")).values().get("name"));
            }
        }
    }

    private List<Integer> migrate(final TableNames names) throws SQLException {
        try (Connection connection = server.connection()) {
            return SchemaMigrations.migrate(connection, names);
        }
    }

    private List<String> column(final String sql) throws SQLException {
        try (Connection connection = server.connection(); PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            final List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private void execute(final String sql) throws SQLException {
        try (Connection connection = server.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
