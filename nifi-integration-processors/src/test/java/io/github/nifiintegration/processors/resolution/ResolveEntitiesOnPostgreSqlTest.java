package io.github.nifiintegration.processors.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.processors.golden.MaintainGoldenRecords;
import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.services.PostgreSqlMasterDataStoreService;
import io.github.nifiintegration.services.StandardMatchModelService;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.postgres.PostgresTestServer;
import io.github.nifiintegration.store.postgres.TableNames;
import io.github.nifiintegration.store.postgres.TestConnectionPool;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.github.nifiintegration.processors.RecordServices.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ResolveEntities and MaintainGoldenRecords on the PostgreSQL store, as a NiFi cluster runs them:
 * several "nodes" (processor instances, each with its own store service and connection pool) over
 * one database, at the same time; and what happens when the connection drops or the server restarts in the middle of a batch.
 */
class ResolveEntitiesOnPostgreSqlTest {

    private static final int PERSONS = 60;
    private static final int RECORDS_PER_FLOWFILE = 8;

    /** One node of the simulated cluster: ResolveEntities and MaintainGoldenRecords, each with its own store service and connection pool. */
    private record Node(TestRunner runner, TestConnectionPool pool, TestRunner golden) {
    }

    private static final Map<String, String> SURVIVORSHIP = Map.of(
            "Source Priority", "crm, billing, support",
            "Default Rule", "source_priority | longest",
            "given_name", "most_frequent | longest",
            "email", "union");

    private static Node node(final PostgresTestServer server, final TableNames names) throws Exception {
        final TestRunner golden = TestRunners.newTestRunner(MaintainGoldenRecords.class);
        golden.setProperty("Record Reader", io.github.nifiintegration.processors.RecordServices.addJsonReader(golden, "reader"));
        golden.setProperty("Record Writer", io.github.nifiintegration.processors.RecordServices.addJsonWriter(golden, "writer"));
        addStore(golden, server, names);
        golden.setProperty("Master Data Store", "store");
        SURVIVORSHIP.forEach(golden::setProperty);
        final TestRunner runner = TestRunners.newTestRunner(ResolveEntities.class);
        runner.setProperty(ResolveEntities.RECORD_READER, io.github.nifiintegration.processors.RecordServices.addJsonReader(runner, "reader"));
        runner.setProperty(ResolveEntities.RECORD_WRITER, io.github.nifiintegration.processors.RecordServices.addJsonWriter(runner, "writer"));
        final StandardMatchModelService model = new StandardMatchModelService();
        runner.addControllerService("model", model);
        runner.setProperty(model, StandardMatchModelService.MODEL_FILE, ResolveEntitiesTest.PERSON_MODEL.toString());
        runner.enableControllerService(model);
        final TestConnectionPool pool = addStore(runner, server, names);
        runner.setProperty(ResolveEntities.MATCH_MODEL, "model");
        runner.setProperty(ResolveEntities.MASTER_DATA_STORE, "store");
        runner.setProperty(ResolveEntities.STORE_WAIT, "20 sec");
        return new Node(runner, pool, golden);
    }

    /** A connection pool and a PostgreSQL store service (as 'store') on a runner. */
    private static TestConnectionPool addStore(final TestRunner runner, final PostgresTestServer server, final TableNames names) throws Exception {
        final TestConnectionPool pool = new TestConnectionPool(server.connections());
        runner.addControllerService("pool", pool);
        runner.enableControllerService(pool);
        final PostgreSqlMasterDataStoreService store = new PostgreSqlMasterDataStoreService();
        runner.addControllerService("store", store);
        runner.setProperty(store, PostgreSqlMasterDataStoreService.CONNECTION_POOL, "pool");
        runner.setProperty(store, PostgreSqlMasterDataStoreService.SCHEMA, names.schema());
        runner.setProperty(store, PostgreSqlMasterDataStoreService.TABLE_PREFIX, names.prefix());
        runner.enableControllerService(store);
        return pool;
    }

    /** The node's MaintainGoldenRecords takes what its ResolveEntities wrote ('resolved' and 'review'), as on a canvas. */
    private static void maintainGoldenRecords(final Node node) {
        int queued = 0;
        for (final String relationship : List.of("resolved", "review")) {
            for (final MockFlowFile flowFile : node.runner().getFlowFilesForRelationship(relationship)) {
                node.golden().enqueue(flowFile.getContent());
                queued++;
            }
        }
        node.golden().run(queued);
        node.golden().assertTransferCount("failure", 0);
        node.golden().assertTransferCount("original", queued);
        assertEquals(0, node.golden().getQueueSize().getObjectCount());
    }

    /** What one node finds when it resolves every FlowFile once and then maintains the golden records: the run others must equal. */
    private record SingleNodeRun(Node node, Set<Set<SourceKey>> entities, Map<Set<SourceKey>, Map<String, Object>> golden) {
    }

    private static SingleNodeRun singleNodeRun(final PostgresTestServer server, final String label, final List<Generated> records,
                                               final List<String> contents) throws Exception {
        final Node alone = node(server, PostgresTestServer.freshNames(label));
        contents.forEach(content -> alone.runner().enqueue(content));
        alone.runner().run(contents.size());
        assertEverythingRoutedOnce(List.of(alone), contents.size());
        final Set<Set<SourceKey>> entities = entities(store(alone), records);
        maintainGoldenRecords(alone);
        return new SingleNodeRun(alone, entities, goldenRecords(store(alone), entities));
    }

    /** Disables the store services of these nodes' processors (the tables stay). */
    private static void disableStores(final List<Node> nodes) {
        for (final Node node : nodes) {
            node.runner().disableControllerService(node.runner().getControllerService("store"));
            node.golden().disableControllerService(node.golden().getControllerService("store"));
        }
    }

    /** Every entity's golden values (field to value), keyed by the entity's records (entity ids depend on arrival order). */
    private static Map<Set<SourceKey>, Map<String, Object>> goldenRecords(final MasterDataStore store, final Set<Set<SourceKey>> entities) {
        final StoreReader reader = store.reader();
        final Map<Set<SourceKey>, Map<String, Object>> golden = new HashMap<>();
        for (final Set<SourceKey> entity : entities) {
            final String id = reader.currentEntityId(reader.record(entity.iterator().next()).entityId());
            final GoldenRecord record = reader.golden(id);
            assertTrue(record != null && !record.retired(), "entity " + id + " has a live golden record");
            final Map<String, Object> values = new HashMap<>();
            record.fields().forEach((field, value) -> values.put(field, value.value()));
            golden.put(entity, values);
        }
        return golden;
    }

    /** A generated record and the person it describes. */
    private record Generated(String json, String system, String id, int person) {
        SourceKey key() {
            return new SourceKey(system, id);
        }
    }

    /**
     * Persons with one to three records each, in three source systems: the copies share e-mail or
     * phone and birth date with a typing error in the name, so they are clear matches whatever the
     * order; different persons share nothing that would match.
     */
    private static List<Generated> people(final long seed) {
        final String[] given = {"Olivia", "Liam", "Amelia", "Noah", "Isla", "Oliver", "Mia", "Jack", "Grace", "William"};
        final String[] family = {"Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson"};
        final Random random = new Random(seed);
        final List<Generated> records = new ArrayList<>();
        for (int p = 0; p < PERSONS; p++) {
            final String first = given[p % given.length];
            final String last = family[(p / given.length + p) % family.length];
            final String dob = String.format("19%02d-%02d-%02d", 40 + p, 1 + p % 12, 1 + p % 28);
            final String email = first.toLowerCase() + "." + last.toLowerCase() + p + "@example.com";
            final String phone = "+614" + String.format("%08d", 10_000_000 + p * 7919);
            records.add(new Generated(ResolveEntitiesTest.person("crm", "C" + p, first, last, dob, email, phone), "crm", "C" + p, p));
            final int copies = random.nextInt(3);
            if (copies >= 1) {
                records.add(new Generated(ResolveEntitiesTest.person("billing", "B" + p, first.substring(0, first.length() - 1) + "e", last, dob, email, null),
                        "billing", "B" + p, p));
            }
            if (copies >= 2) {
                records.add(new Generated(ResolveEntitiesTest.person("support", "S" + p, first, last, dob, null, phone), "support", "S" + p, p));
            }
        }
        Collections.shuffle(records, random);
        return records;
    }

    private static List<String> flowFiles(final List<Generated> records) {
        final List<String> contents = new ArrayList<>();
        for (int from = 0; from < records.size(); from += RECORDS_PER_FLOWFILE) {
            contents.add(ResolveEntitiesTest.batch(records.subList(from, Math.min(records.size(), from + RECORDS_PER_FLOWFILE)).stream()
                    .map(Generated::json).toArray(String[]::new)));
        }
        return contents;
    }

    /** The entities as sets of source keys, read back from the store (ids followed through every merge). */
    private static Set<Set<SourceKey>> entities(final MasterDataStore store, final List<Generated> records) {
        final StoreReader reader = store.reader();
        final Map<String, Set<SourceKey>> byEntity = new HashMap<>();
        for (final Generated record : records) {
            final String entity = reader.currentEntityId(reader.record(record.key()).entityId());
            byEntity.computeIfAbsent(entity, e -> new TreeSet<>(java.util.Comparator.comparing(SourceKey::toString))).add(record.key());
        }
        for (final Map.Entry<String, Set<SourceKey>> entity : byEntity.entrySet()) {
            assertEquals(entity.getValue(), new HashSet<>(reader.members(entity.getKey())), "members of " + entity.getKey());
        }
        return byEntity.values().stream().map(Set::copyOf).collect(Collectors.toSet());
    }

    private static Set<Set<SourceKey>> truth(final List<Generated> records) {
        final Map<Integer, Set<SourceKey>> byPerson = new HashMap<>();
        records.forEach(record -> byPerson.computeIfAbsent(record.person(), p -> new HashSet<>()).add(record.key()));
        return byPerson.values().stream().map(Set::copyOf).collect(Collectors.toSet());
    }

    private static MasterDataStore store(final Node node) {
        return ((MasterDataStoreService) node.runner().getControllerService("store")).getStore();
    }

    private static long storedRecords(final PostgresTestServer server, final TableNames names) throws Exception {
        try (var connection = server.connection(); var query = connection.prepareStatement("SELECT count(*) FROM " + names.table("records"));
             var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertEverythingRoutedOnce(final List<Node> nodes, final int flowFiles) {
        int routed = 0;
        for (final Node node : nodes) {
            node.runner().assertTransferCount(ResolveEntities.REL_FAILURE, 0);
            routed += node.runner().getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED).size()
                    + node.runner().getFlowFilesForRelationship(ResolveEntities.REL_REVIEW).size();
            assertEquals(0, node.runner().getQueueSize().getObjectCount(), "nothing left in the queue");
        }
        assertTrue(routed >= flowFiles, "every FlowFile came out: " + routed + " of " + flowFiles);
    }

    @Test
    void twoNodesOnOverlappingDataFindTheEntitiesAndGoldenRecordsOfOneNode() throws Exception {
        final PostgresTestServer server = PostgresTestServer.shared();
        for (int repetition = 0; repetition < 8; repetition++) {
            final List<Generated> records = people(100 + repetition);
            final List<String> contents = flowFiles(records);

            // one node, every FlowFile once
            final SingleNodeRun alone = singleNodeRun(server, "single", records, contents);
            final Set<Set<SourceKey>> expected = alone.entities();
            assertEquals(truth(records), expected, "the single-node run finds the generated persons");
            final Map<Set<SourceKey>, Map<String, Object>> expectedGolden = alone.golden();

            // two nodes at the same time: A in order, B in reverse, and both get the middle third (the same records twice)
            final TableNames shared = PostgresTestServer.freshNames("cluster");
            final Node nodeA = node(server, shared);
            final Node nodeB = node(server, shared);
            final int third = contents.size() / 3;
            for (int i = 0; i < contents.size(); i++) {
                if (i < 2 * third) {
                    nodeA.runner().enqueue(contents.get(i));
                }
                if (i >= third) {
                    nodeB.runner().enqueue(contents.get(contents.size() - 1 - i + third));
                }
            }
            // each node with two concurrent tasks, as a NiFi node would run it
            nodeA.runner().setThreadCount(2);
            nodeB.runner().setThreadCount(2);
            final int queuedA = nodeA.runner().getQueueSize().getObjectCount();
            final int queuedB = nodeB.runner().getQueueSize().getObjectCount();
            final CompletableFuture<Void> runA = CompletableFuture.runAsync(() -> nodeA.runner().run(queuedA));
            final CompletableFuture<Void> runB = CompletableFuture.runAsync(() -> nodeB.runner().run(queuedB));
            CompletableFuture.allOf(runA, runB).get(120, TimeUnit.SECONDS);

            assertEverythingRoutedOnce(List.of(nodeA, nodeB), queuedA + queuedB);
            assertEquals(records.size(), storedRecords(server, shared), "repetition " + repetition + ": every source record stored once");
            assertEquals(expected, entities(store(nodeA), records), "repetition " + repetition + ": the cluster's entities are the single node's");
            assertEquals(expected, entities(store(nodeB), records), "both nodes see the same entities");
            // both nodes maintain the golden records of what they resolved, at the same time, on the same entities
            final CompletableFuture<Void> goldenA = CompletableFuture.runAsync(() -> maintainGoldenRecords(nodeA));
            final CompletableFuture<Void> goldenB = CompletableFuture.runAsync(() -> maintainGoldenRecords(nodeB));
            CompletableFuture.allOf(goldenA, goldenB).get(120, TimeUnit.SECONDS);
            assertEquals(expectedGolden, goldenRecords(store(nodeA), expected), "repetition " + repetition + ": the golden records are the single node's");
            // and each node's output says so: a record's entity id (followed through merges) is its entity in the store
            for (final Node node : List.of(nodeA, nodeB)) {
                final StoreReader reader = store(node).reader();
                for (final MockFlowFile flowFile : node.runner().getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED)) {
                    for (final JsonNode out : records(flowFile)) {
                        final SourceKey key = new SourceKey(out.get("source_system").asText(), out.get("source_id").asText());
                        assertEquals(reader.currentEntityId(reader.record(key).entityId()), reader.currentEntityId(out.get("entity_id").asText()), key.toString());
                    }
                }
            }
            disableStores(List.of(alone.node(), nodeA, nodeB));
        }
    }

    @Test
    void goldenRecordsMaintainedWhileResolutionRunsEndAsTheSingleNodes() throws Exception {
        final PostgresTestServer server = PostgresTestServer.shared();
        final List<Generated> records = people(300);
        final List<String> contents = flowFiles(records);

        final SingleNodeRun alone = singleNodeRun(server, "single", records, contents);
        final Set<Set<SourceKey>> expected = alone.entities();
        final Map<Set<SourceKey>, Map<String, Object>> expectedGolden = alone.golden();

        // node A resolves one FlowFile after another; node B maintains golden records of what A wrote, while A goes on
        final TableNames shared = PostgresTestServer.freshNames("overlap");
        final Node nodeA = node(server, shared);
        final Node nodeB = node(server, shared);
        List<byte[]> written = List.of();
        boolean goldenScheduled = false;
        for (int i = 0; i <= contents.size(); i++) {
            final List<byte[]> forGolden = written;
            final boolean schedule = !goldenScheduled && !forGolden.isEmpty();
            goldenScheduled |= schedule;
            forGolden.forEach(content -> nodeB.golden().enqueue(content));
            final CompletableFuture<Void> golden = CompletableFuture.runAsync(() -> {
                if (!forGolden.isEmpty()) {
                    nodeB.golden().run(forGolden.size(), false, schedule);
                }
            });
            if (i < contents.size()) {
                nodeA.runner().enqueue(contents.get(i));
                nodeA.runner().run(1, false, i == 0);
            }
            golden.get(60, TimeUnit.SECONDS);
            written = new java.util.ArrayList<>();
            for (final String relationship : List.of("resolved", "review")) {
                for (final MockFlowFile flowFile : nodeA.runner().getFlowFilesForRelationship(relationship)) {
                    written.add(flowFile.toByteArray());
                }
            }
            nodeA.runner().clearTransferState();
        }
        assertEquals(List.of(), nodeB.golden().getFlowFilesForRelationship("failure").stream().map(f -> f.getAttribute("golden.failure.reason")).toList());
        assertEquals(0, nodeB.golden().getQueueSize().getObjectCount());
        assertEquals(expected, entities(store(nodeA), records));
        assertEquals(expectedGolden, goldenRecords(store(nodeB), expected), "each golden record ends computed from its entity's newest records");
        disableStores(List.of(alone.node(), nodeA, nodeB));
    }

    @Test
    void aConnectionDroppedAnywhereInABatchRollsItBackAndTheRetryLosesAndDuplicatesNothing() throws Exception {
        final PostgresTestServer server = PostgresTestServer.shared();
        final List<Generated> records = people(7);
        final List<String> contents = flowFiles(records);
        final TableNames names = PostgresTestServer.freshNames("drops");
        final Node node = node(server, names);
        final TestRunner runner = node.runner();
        contents.forEach(runner::enqueue);
        // drop the connection at a different statement of each batch: while starting the transaction, while reading, while committing
        int dropAt = 1;
        int attempts = 0;
        while (runner.getQueueSize().getObjectCount() > 0 && attempts++ < 200) {
            final int resolvedBefore = runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED).size() + runner.getFlowFilesForRelationship(ResolveEntities.REL_REVIEW).size();
            final int queuedBefore = runner.getQueueSize().getObjectCount();
            final boolean drop = attempts % 2 == 1;
            if (drop) {
                node.pool().dropConnectionAtStatement(dropAt);
                dropAt = dropAt % 12 + 1;
            }
            runner.run(1, false, attempts == 1);
            final int resolvedAfter = runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED).size() + runner.getFlowFilesForRelationship(ResolveEntities.REL_REVIEW).size();
            if (drop && node.pool().drops() > 0 && resolvedAfter == resolvedBefore) {
                assertEquals(queuedBefore, runner.getQueueSize().getObjectCount(), "a failed batch goes back to the queue");
            }
            node.pool().dropConnectionAtStatement(-1);
        }
        runner.run(1, true, false);
        assertTrue(node.pool().drops() >= contents.size() / 2, "connections were dropped: " + node.pool().drops());
        assertEverythingRoutedOnce(List.of(node), contents.size());
        assertEquals(records.size(), storedRecords(server, names), "every source record stored once");
        assertEquals(truth(records), entities(store(node), records));
        assertNoValuesLogged(runner, records);
        runner.disableControllerService(runner.getControllerService("store"));
    }

    @Test
    void aConnectionDroppedWhileMaintainingGoldenRecordsIsRetriedAndChangesNothingOfTheOutcome() throws Exception {
        final PostgresTestServer server = PostgresTestServer.shared();
        final List<Generated> records = people(11);
        final List<String> contents = flowFiles(records);

        final SingleNodeRun clean = singleNodeRun(server, "goldenclean", records, contents);
        final Set<Set<SourceKey>> expected = clean.entities();
        final Map<Set<SourceKey>, Map<String, Object>> expectedGolden = clean.golden();

        final Node node = node(server, PostgresTestServer.freshNames("goldendrops"));
        contents.forEach(content -> node.runner().enqueue(content));
        node.runner().run(contents.size());
        final TestRunner golden = node.golden();
        final TestConnectionPool pool = (TestConnectionPool) golden.getControllerService("pool");
        int queued = 0;
        for (final String relationship : List.of("resolved", "review")) {
            for (final MockFlowFile flowFile : node.runner().getFlowFilesForRelationship(relationship)) {
                golden.enqueue(flowFile.getContent());
                queued++;
            }
        }
        // drop the connection at a different statement each time: taking the lock, reading, committing
        int dropAt = 1;
        int attempts = 0;
        while (golden.getQueueSize().getObjectCount() > 0 && attempts++ < 200) {
            if (attempts % 2 == 1) {
                pool.dropConnectionAtStatement(dropAt);
                dropAt = dropAt % 10 + 1;
            }
            golden.run(1, false, attempts == 1);
            pool.dropConnectionAtStatement(-1);
        }
        assertTrue(pool.drops() >= queued / 2, "connections were dropped: " + pool.drops());
        golden.assertTransferCount("failure", 0);
        golden.assertTransferCount("original", queued);
        assertEquals(expectedGolden, goldenRecords(store(node), expected), "the golden records of a run without failures");
        disableStores(List.of(clean.node(), node));
    }

    @Test
    void aServerRestartInTheMiddleOfAFlowLosesAndDuplicatesNothing() throws Exception {
        final List<Generated> records = people(9);
        final List<String> contents = flowFiles(records);
        try (PostgresTestServer server = PostgresTestServer.startNew()) {
            final TableNames names = new TableNames("public", "mds_");
            final Node node = node(server, names);
            final TestRunner runner = node.runner();
            contents.forEach(runner::enqueue);
            runner.run(contents.size() / 2, false, true);
            final int before = runner.getQueueSize().getObjectCount();

            server.stop();
            runner.run(2, false, false);
            assertEquals(before, runner.getQueueSize().getObjectCount(), "while the database is down FlowFiles stay queued");
            runner.assertTransferCount(ResolveEntities.REL_FAILURE, 0);
            assertFalse(runner.getLogger().getWarnMessages().isEmpty(), "the failure is reported");

            server.start();
            runner.run(before, true, false);
            assertEverythingRoutedOnce(List.of(node), contents.size());
            assertEquals(records.size(), storedRecords(server, names));
            assertEquals(truth(records), entities(store(node), records));
            assertNoValuesLogged(runner, records);
            runner.disableControllerService(runner.getControllerService("store"));
        }
    }

    /** Warnings and errors (what becomes bulletins) name FlowFiles and reasons, never record values. */
    private static void assertNoValuesLogged(final TestRunner runner, final List<Generated> records) {
        final List<LogMessage> messages = new ArrayList<>(runner.getLogger().getWarnMessages());
        messages.addAll(runner.getLogger().getErrorMessages());
        messages.addAll(runner.getControllerServiceLogger("store").getWarnMessages());
        messages.addAll(runner.getControllerServiceLogger("store").getErrorMessages());
        final String logged = messages.stream().map(message -> message.getMsg() + " " + java.util.Arrays.toString(message.getArgs())
                + (message.getThrowable() == null ? "" : " " + message.getThrowable())).collect(Collectors.joining("\n"));
        for (final String value : List.of("@example.com", "+614", "Nguyen", "Olivia")) {
            assertFalse(logged.contains(value), "a record value (" + value + ") in the logs: " + logged);
        }
    }
}
