package io.github.nifiintegration.processors.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.processors.RecordServices;
import io.github.nifiintegration.services.EmbeddedMasterDataStoreService;
import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.services.StandardMatchModelService;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.StoreTransaction;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.github.nifiintegration.processors.RecordServices.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolveEntitiesTest {

    static final Path PERSON_MODEL = Path.of("../templates/models/person.json");

    @TempDir
    Path storeDirectory;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = newRunner(storeDirectory);
    }

    @AfterEach
    void tearDown() {
        runner.disableControllerService(runner.getControllerService("store"));
    }

    static TestRunner newRunner(final Path storeDirectory) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ResolveEntities.class);
        runner.setProperty(ResolveEntities.RECORD_READER, RecordServices.addJsonReader(runner, "reader"));
        runner.setProperty(ResolveEntities.RECORD_WRITER, RecordServices.addJsonWriter(runner, "writer"));
        final StandardMatchModelService model = new StandardMatchModelService();
        runner.addControllerService("model", model);
        runner.setProperty(model, StandardMatchModelService.MODEL_FILE, PERSON_MODEL.toString());
        runner.enableControllerService(model);
        final EmbeddedMasterDataStoreService store = new EmbeddedMasterDataStoreService();
        runner.addControllerService("store", store);
        runner.setProperty(store, EmbeddedMasterDataStoreService.DIRECTORY, storeDirectory.toString());
        runner.enableControllerService(store);
        runner.setProperty(ResolveEntities.MATCH_MODEL, "model");
        runner.setProperty(ResolveEntities.MASTER_DATA_STORE, "store");
        return runner;
    }

    static String person(final String system, final String id, final String given, final String family, final String dob, final String email, final String phone) {
        return "{" + field("source_system", system) + ", " + field("source_id", id) + ", \"mapped_at\": \"" + java.time.Instant.now() + "\", "
                + field("given_name", given) + ", " + field("family_name", family) + ", " + field("birth_date", dob) + ", "
                + field("email", email) + ", " + field("phone", phone) + "}";
    }

    private static String field(final String name, final String value) {
        return "\"" + name + "\": " + (value == null ? "null" : "\"" + value + "\"");
    }

    static String batch(final String... records) {
        return "[" + String.join(",\n", records) + "]";
    }

    private List<JsonNode> runAndGet(final String content) throws Exception {
        runner.clearTransferState();
        runner.enqueue(content);
        runner.run();
        runner.assertTransferCount(ResolveEntities.REL_FAILURE, 0);
        return records(runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED));
    }

    @Test
    void resolvesAgainstEverythingSeenBeforeAcrossFlowFilesAndRestarts() throws Exception {
        final List<JsonNode> first = runAndGet(batch(
                person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678"),
                person("crm", "C2", "Mary", "Jones", "1975-11-30", "mary.jones@example.org", "+61498765432")));
        assertEquals(List.of("NEW", "NEW"), statuses(first));
        final String john = first.get(0).get("entity_id").asText();
        final String mary = first.get(1).get("entity_id").asText();
        assertNotEquals(john, mary);

        // a later FlowFile, through the same processor
        final List<JsonNode> second = runAndGet(batch(person("billing", "B1", "Jon", "Smith", "1980-03-05", "john.smith@example.com", null)));
        assertEquals("MATCHED", second.get(0).get("match_status").asText());
        assertEquals(john, second.get(0).get("entity_id").asText());
        assertTrue(second.get(0).get("match_probability").asDouble() > 0.99);
        assertTrue(second.get(0).get("match_explanation").asText().contains("email exact +"), second.get(0).get("match_explanation").asText());

        // restart: the store service is disabled and a new processor and service instance open the same directory
        runner.disableControllerService(runner.getControllerService("store"));
        runner = newRunner(storeDirectory);
        final List<JsonNode> third = runAndGet(batch(person("support", "T1", "Mary", "Jones", "1975-11-30", null, "+61498765432")));
        assertEquals("MATCHED", third.get(0).get("match_status").asText());
        assertEquals(mary, third.get(0).get("entity_id").asText());
    }

    @Test
    void recordsOfOneFlowFileResolveAgainstEachOther() throws Exception {
        final List<JsonNode> out = runAndGet(batch(
                person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", null),
                person("crm", "C2", "John", "Smith", "1980-03-05", "john.smith@example.com", null)));
        assertEquals(List.of("NEW", "MATCHED"), statuses(out));
        assertEquals(out.get(0).get("entity_id"), out.get(1).get("entity_id"));
    }

    @Test
    void aRecordThatMatchesTwoEntitiesMergesThemAndSaysSo() throws Exception {
        final List<JsonNode> apart = runAndGet(batch(
                person("crm", "C1", "Ann", "Lee", null, "ann.lee@example.com", null),
                person("support", "T1", "Ann", "Lee", null, null, "+61411111111")));
        final String older = apart.get(0).get("entity_id").asText();
        final String younger = apart.get(1).get("entity_id").asText();
        assertNotEquals(older, younger);

        final List<JsonNode> bridged = runAndGet(batch(person("billing", "B1", "Ann", "Lee", "1990-01-01", "ann.lee@example.com", "+61411111111")));
        final JsonNode bridge = bridged.get(0);
        assertEquals("MERGED", bridge.get("match_status").asText());
        assertEquals(older, bridge.get("entity_id").asText());
        assertEquals("[\"" + younger + "\"]", bridge.get("merged_entity_ids").toString());

        final MockFlowFile out = runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED).get(0);
        out.assertAttributeEquals("resolution.merged.count", "1");
        out.assertAttributeEquals("resolution.merged.entity.ids", younger + ">" + older);
        final List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertTrue(events.stream().anyMatch(e -> e.getEventType() == ProvenanceEventType.ROUTE && e.getDetails() != null
                && e.getDetails().contains(younger + ">" + older)), events.toString());
        assertEquals(1, runner.getCounterValue(ResolveEntities.COUNTER_MERGED));

        final StoreReader reader = store().reader();
        assertEquals(older, reader.currentEntityId(younger), "the retired id resolves to the survivor");
        assertEquals(3, reader.members(older).size());
    }

    @Test
    void replaysChangeNothingAndUpdatesAreStoredInPlace() throws Exception {
        final String john = person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678");
        final String entity = runAndGet(batch(john)).get(0).get("entity_id").asText();
        final List<JsonNode> replay = runAndGet(batch(john));
        assertEquals("UNCHANGED", replay.get(0).get("match_status").asText(), "mapped_at differs on every run and is not part of the record's identity");
        assertEquals(entity, replay.get(0).get("entity_id").asText());

        final List<JsonNode> update = runAndGet(batch(person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", "+61400000001")));
        assertEquals("UPDATED", update.get(0).get("match_status").asText());
        assertEquals(entity, update.get(0).get("entity_id").asText());
        assertEquals(1, store().reader().members(entity).size(), "still one record, one entity");
        assertEquals("+61400000001", store().reader().record(new SourceKey("crm", "C1")).values().get("phone"));
    }

    @Test
    void possibleMatchesGoToReviewWithTheirCandidates() throws Exception {
        final String chris = runAndGet(batch(withPostcode(person("crm", "C1", "Chris", "Taylor", "1975-06-01", null, null)))).get(0).get("entity_id").asText();
        runner.clearTransferState();
        // same name and postcode, another birth date, nothing else: worth a look, not a decision
        runner.enqueue(batch(withPostcode(person("support", "T1", "Chris", "Taylor", "1982-11-23", null, null))));
        runner.run();
        runner.assertAllFlowFilesTransferred(ResolveEntities.REL_REVIEW, 1);
        final JsonNode maybe = records(runner.getFlowFilesForRelationship(ResolveEntities.REL_REVIEW).get(0)).get(0);
        assertEquals("REVIEW", maybe.get("match_status").asText());
        assertEquals(chris, maybe.get("match_candidates").get(0).get("entity_id").asText());
        assertEquals("crm", maybe.get("match_candidates").get(0).get("source_system").asText());
        final double probability = maybe.get("match_candidates").get(0).get("probability").asDouble();
        assertTrue(probability >= 0.5 && probability < 0.9, "probability " + probability);
    }

    @Test
    void concurrentTasksNeverSplitOneNewPersonIntoTwoEntities() throws Exception {
        for (int repetition = 0; repetition < 20; repetition++) {
            final Path directory = storeDirectory.resolve("run-" + repetition);
            final TestRunner concurrent = newRunner(directory);
            concurrent.setThreadCount(4);
            for (int flowFile = 0; flowFile < 4; flowFile++) {
                concurrent.enqueue(batch(
                        person("src" + flowFile, "dup", "Olivia", "Nguyen", "1988-08-08", "olivia.nguyen@example.com", "+61433333333"),
                        person("src" + flowFile, "other", "Person" + flowFile, "Unique" + flowFile, "1950-01-0" + (flowFile + 1), null, null)));
            }
            concurrent.run(4);
            concurrent.assertTransferCount(ResolveEntities.REL_FAILURE, 0);
            final List<JsonNode> out = records(concurrent.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED));
            assertEquals(8, out.size());
            final Set<String> oliviaEntities = out.stream().filter(r -> r.get("source_id").asText().equals("dup"))
                    .map(r -> r.get("entity_id").asText()).collect(Collectors.toSet());
            assertEquals(1, oliviaEntities.size(), "repetition " + repetition + ": " + oliviaEntities);
            assertEquals(5, out.stream().map(r -> r.get("entity_id").asText()).collect(Collectors.toSet()).size());
            concurrent.disableControllerService(concurrent.getControllerService("store"));
        }
    }

    @Test
    void aFlowFileThatBreaksHalfwayLeavesNothingInTheStore() throws Exception {
        runner.enqueue("[" + person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", null) + ", {\"source_system\": \"crm\", \"source_id\": ");
        runner.run();
        runner.assertAllFlowFilesTransferred(ResolveEntities.REL_FAILURE, 1);
        assertNotNull(runner.getFlowFilesForRelationship(ResolveEntities.REL_FAILURE).get(0).getAttribute("resolution.failure.reason"));
        assertNull(store().reader().record(new SourceKey("crm", "C1")), "the first record of the broken FlowFile was rolled back");
        // the store is usable afterwards
        assertEquals("NEW", runAndGet(batch(person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", null))).get(0).get("match_status").asText());
    }

    @Test
    void aStoreFailureRollsBackTheSessionAndTheStoreAndTheFlowFileIsRetried() throws Exception {
        final FailingStoreService failing = new FailingStoreService((MasterDataStoreService) runner.getControllerService("store"));
        runner.addControllerService("failing", failing);
        runner.enableControllerService(failing);
        runner.setProperty(ResolveEntities.MASTER_DATA_STORE, "failing");

        failing.failNextCommit.set(true);
        runner.enqueue(batch(person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", null),
                person("crm", "C2", "Mary", "Jones", "1975-11-30", null, null)));
        runner.run();
        runner.assertTransferCount(ResolveEntities.REL_RESOLVED, 0);
        runner.assertTransferCount(ResolveEntities.REL_FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the FlowFile is back in the queue");
        assertNull(store().reader().record(new SourceKey("crm", "C1")));

        runner.clearTransferState();
        runner.run(1, true, false);
        runner.assertAllFlowFilesTransferred(ResolveEntities.REL_RESOLVED, 1);
        assertEquals(List.of("NEW", "NEW"), statuses(records(runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED))));
        assertNotNull(store().reader().record(new SourceKey("crm", "C1")));
    }

    @Test
    void badRecordsFailOneByOneWithAReasonAndNothingIsLost() throws Exception {
        final String longName = "x".repeat(200_000);
        runner.enqueue(batch(
                person("crm", null, "No", "Id", null, null, null),
                person("crm", "", "Empty", "Id", null, null, null),
                "{\"source_system\": \"crm\", \"source_id\": 42, \"given_name\": 7, \"family_name\": \"Numbers\", \"birth_date\": 19800305}",
                person("crm", "L1", longName, "Long", "1980-01-01", null, null),
                person("crm", "U1", "Иван", "Петров", "1980-01-01", "ivan@example.ru", null),
                person("crm", "U2", "小明", "王", "1990-02-02", null, null),
                person("crm", "E1", "", "   ", "", "", ""),
                "{\"source_system\": \"crm\", \"source_id\": \"N1\", \"address\": {\"city\": \"Perth\"}}"));
        runner.run();
        final List<JsonNode> resolved = records(runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED));
        final List<JsonNode> failed = records(runner.getFlowFilesForRelationship(ResolveEntities.REL_FAILURE));
        assertEquals(8, resolved.size() + failed.size(), "every record comes out");
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(failed.get(0).get("resolution_error").asText().contains("no 'source_id' value"));
        assertTrue(failed.get(1).get("resolution_error").asText().contains("no 'source_id' value"));
        assertTrue(failed.get(2).get("resolution_error").asText().contains("field 'address' holds a nested record"));
        assertEquals(Set.of("42", "L1", "U1", "U2", "E1"), resolved.stream().map(r -> r.get("source_id").asText()).collect(Collectors.toSet()));
        assertEquals(longName, store().reader().record(new SourceKey("crm", "L1")).values().get("given_name"), "long values are stored whole");
        assertEquals("Петров", store().reader().record(new SourceKey("crm", "U1")).values().get("family_name"));
        assertEquals(3, runner.getCounterValue(ResolveEntities.COUNTER_FAILED));

        // the non-Latin records are matched like any other
        runner.clearTransferState();
        runner.enqueue(batch(person("billing", "B9", "Иван", "Петров", "1980-01-01", "ivan@example.ru", null)));
        runner.run();
        assertEquals("MATCHED", records(runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED)).get(0).get("match_status").asText());
    }

    @Test
    void anEmptyFlowFileYieldsAnEmptyResolvedFlowFile() throws Exception {
        runner.enqueue("[]");
        runner.run();
        runner.assertAllFlowFilesTransferred(ResolveEntities.REL_RESOLVED, 1);
        runner.getFlowFilesForRelationship(ResolveEntities.REL_RESOLVED).get(0).assertAttributeEquals("record.count", "0");
    }

    @Test
    void fullExplanationsListEveryComparison() throws Exception {
        runner.setProperty(ResolveEntities.EXPLANATION, ExplanationDetail.FULL.getValue());
        runAndGet(batch(person("crm", "C1", "John", "Smith", "1980-03-05", "john.smith@example.com", null)));
        final JsonNode second = runAndGet(batch(person("crm", "C2", "John", "Smith", "1980-05-03", "john.smith@example.com", null))).get(0);
        final JsonNode explanation = second.get("match_explanation");
        assertEquals(6, explanation.size());
        final JsonNode birthDate = explanation.get(2);
        assertEquals("birth_date", birthDate.get("comparison").asText());
        assertEquals("date_swap", birthDate.get("level").asText());
        assertEquals("1980-05-03", birthDate.get("value").asText());
        assertEquals("1980-03-05", birthDate.get("candidate_value").asText());
        double sum = 0;
        for (final JsonNode contribution : explanation) {
            sum += contribution.get("weight").asDouble();
        }
        assertTrue(Math.abs(second.get("match_weight").asDouble() - sum - Math.log(1e-6 / (1 - 1e-6)) / Math.log(2)) < 1e-6);
    }

    @Test
    void modelServiceReportsModelErrorsWithTheirPath() throws Exception {
        final StandardMatchModelService model = new StandardMatchModelService();
        runner.addControllerService("bad-model", model);
        runner.setProperty(model, StandardMatchModelService.MODEL_JSON, "{\"blocking\": [], \"comparisons\": [{\"field\": \"email\", \"levels\": [{\"type\": \"exact\", \"m\": 2, \"u\": 0.1}]}]}");
        runner.assertNotValid(model);
        final String explanation = runner.validate(model).toString();
        assertTrue(explanation.contains("comparisons[0].levels[0].m: must be a probability between 0 and 1, not 2"), explanation);
        assertTrue(explanation.contains("blocking: give at least one blocking rule"), explanation);
    }

    private MasterDataStore store() {
        return ((MasterDataStoreService) runner.getControllerService("store")).getStore();
    }

    private static String withPostcode(final String person) {
        return person.substring(0, person.length() - 1) + ", \"postal_code\": \"2000\"}";
    }

    private static List<String> statuses(final List<JsonNode> records) {
        return records.stream().map(r -> r.get("match_status").asText()).toList();
    }

    /** Wraps a real store; its next commit fails the way a lost database connection would. */
    static final class FailingStoreService extends AbstractControllerService implements MasterDataStoreService {
        final AtomicBoolean failNextCommit = new AtomicBoolean();
        private final MasterDataStoreService delegate;

        FailingStoreService(final MasterDataStoreService delegate) {
            this.delegate = delegate;
        }

        @Override
        public MasterDataStore getStore() {
            final MasterDataStore real = delegate.getStore();
            return new MasterDataStore() {
                @Override
                public StoreTransaction begin(final Duration wait) {
                    final StoreTransaction tx = real.begin(wait);
                    return (StoreTransaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{StoreTransaction.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit") && failNextCommit.getAndSet(false)) {
                            tx.rollback();
                            throw new StoreException("connection lost");
                        }
                        try {
                            return method.invoke(tx, args);
                        } catch (final InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
                }

                @Override
                public StoreReader reader() {
                    return real.reader();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
