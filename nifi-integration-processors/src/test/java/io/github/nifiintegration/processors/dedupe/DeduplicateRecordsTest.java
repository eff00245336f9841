package io.github.nifiintegration.processors.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.processors.RecordServices;
import io.github.nifiintegration.services.StandardMatchModelService;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static io.github.nifiintegration.processors.RecordServices.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeduplicateRecordsTest {

    private static final Path PERSON_MODEL = Path.of("../templates/models/person.json");

    @TempDir
    Path state;

    private static TestRunner csvRunner() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(DeduplicateRecords.class);
        runner.setProperty(DeduplicateRecords.RECORD_READER, RecordServices.addCsvReader(runner, "reader"));
        runner.setProperty(DeduplicateRecords.RECORD_WRITER, RecordServices.addJsonWriter(runner, "writer"));
        return runner;
    }

    private TestRunner acrossFlowFiles() throws Exception {
        final TestRunner runner = csvRunner();
        runner.setProperty(DeduplicateRecords.SCOPE, DedupeScope.ACROSS_FLOWFILES.getValue());
        runner.setProperty(DeduplicateRecords.STATE_DIRECTORY, state.toString());
        return runner;
    }

    private static void fuzzyWithPersonModel(final TestRunner runner) throws Exception {
        final StandardMatchModelService model = new StandardMatchModelService();
        runner.addControllerService("model", model);
        runner.setProperty(model, StandardMatchModelService.MODEL_FILE, PERSON_MODEL.toString());
        runner.enableControllerService(model);
        runner.setProperty(DeduplicateRecords.STRATEGY, DedupeStrategy.FUZZY.getValue());
        runner.setProperty(DeduplicateRecords.MATCH_MODEL, "model");
    }

    private static List<String> keptIds(final List<JsonNode> duplicates) {
        return duplicates.stream().map(r -> r.get("duplicate_of").asText()).toList();
    }

    private static List<JsonNode> out(final TestRunner runner, final String relationship) throws Exception {
        return records(runner.getFlowFilesForRelationship(relationship));
    }

    private static List<String> ids(final List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asText()).collect(Collectors.toList());
    }

    private static void assertNothingLost(final TestRunner runner, final int recordsIn) throws Exception {
        assertEquals(recordsIn, out(runner, "unique").size() + out(runner, "duplicate").size() + out(runner, "failure").size(),
                "records in = unique + duplicate + failure");
    }

    @Test
    void exactDuplicatesAreFoundAfterNormalization() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty("email", "/email | email");
        runner.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        runner.enqueue("""
                id,name,email
                c1,John Smith, J.Smith@X.com\s
                c2,Jane Doe,jane@y.org
                c3,J. Smith,j.smith@x.com
                c4,Jane,JANE@Y.ORG
                """);
        runner.run();

        assertEquals(List.of("c1", "c2"), ids(out(runner, "unique")));
        final List<JsonNode> duplicates = out(runner, "duplicate");
        assertEquals(List.of("c3", "c4"), ids(duplicates));
        assertEquals("c1", duplicates.get(0).get("duplicate_of").asText());
        assertEquals("c2", duplicates.get(1).get("duplicate_of").asText());
        assertEquals("J. Smith", duplicates.get(0).get("name").asText(), "a duplicate keeps its own values");
        final MockFlowFile unique = runner.getFlowFilesForRelationship("unique").get(0);
        unique.assertAttributeEquals("dedupe.unique.count", "2");
        unique.assertAttributeEquals("dedupe.duplicate.count", "2");
        assertEquals(2, runner.getCounterValue(DeduplicateRecords.COUNTER_DUPLICATE));
        assertNothingLost(runner, 4);
    }

    @Test
    void wholeRecordsWithinAFlowFileForgetBetweenFlowFiles() throws Exception {
        final TestRunner runner = csvRunner();
        runner.setProperty(DeduplicateRecords.SCOPE, DedupeScope.FLOWFILE.getValue());
        final String content = """
                id,name
                1,Ann
                1,Ann
                1,Anne
                """;
        runner.enqueue(content);
        runner.enqueue(content);
        runner.run(2);

        assertEquals(4, out(runner, "unique").size(), "each FlowFile keeps its two distinct rows");
        final List<JsonNode> duplicates = out(runner, "duplicate");
        assertEquals(2, duplicates.size());
        assertEquals(32, duplicates.get(0).get("duplicate_of").asText().length(), "without a Record ID Path the kept record is named by its key hash");
        assertNothingLost(runner, 6);
    }

    /** Records stream in chunks; copies in the same chunk, in the one before and further back are all found, in order. */
    @Test
    void aLongFlowFileKeepsItsOrderAndFindsCopiesWithinAndAcrossChunks() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        runner.setProperty("email", "/email");
        final StringBuilder csv = new StringBuilder("id,email\n");
        final List<String> expectedUnique = new java.util.ArrayList<>();
        final List<String> expectedKept = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 4 == 3) {
                // a copy of an earlier unique record, 1 to 77 records back
                final int back = 1 + 4 * (i / 4 % 20);
                final int original = i - back >= 0 ? i - back : i - 1;
                csv.append("r").append(i).append(",p").append(original).append("@x.com\n");
                expectedKept.add("r" + original);
            } else {
                csv.append("r").append(i).append(",p").append(i).append("@x.com\n");
                expectedUnique.add("r" + i);
            }
        }
        runner.enqueue(csv.toString());
        runner.run();

        assertEquals(expectedUnique, ids(out(runner, "unique")));
        assertEquals(expectedKept, keptIds(out(runner, "duplicate")));
        assertEquals(250, expectedKept.size());
        assertNothingLost(runner, 1000);
    }

    @Test
    void duplicatesSplitAcrossFlowFilesAreFound() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty("email", "/email | lower | trim");
        runner.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        runner.enqueue("id,email\na1,a@x.com\na2,b@x.com\n");
        runner.enqueue("id,email\nb1,B@X.COM\nb2,c@x.com\n");
        runner.enqueue("id,email\nc1,c@x.com \nc2,a@x.com\n");
        runner.run(3);

        assertEquals(List.of("a1", "a2", "b2"), ids(out(runner, "unique")));
        final List<JsonNode> duplicates = out(runner, "duplicate");
        assertEquals(List.of("b1", "c1", "c2"), ids(duplicates));
        assertEquals(List.of("a2", "b2", "a1"), keptIds(duplicates));
    }

    @Test
    void aRestartAndANewProcessorOnTheSameStateRemember() throws Exception {
        final TestRunner first = acrossFlowFiles();
        first.setProperty("email", "/email | email");
        first.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        first.enqueue("id,email\n1,ann@x.com\n");
        first.run();

        // stopped and started again (disable/enable): the same instance
        first.clearTransferState();
        first.enqueue("id,email\n2,Ann@X.com\n");
        first.run();
        assertEquals("1", out(first, "duplicate").get(0).get("duplicate_of").asText());

        // a new processor instance on the same state directory
        final TestRunner second = acrossFlowFiles();
        second.setProperty("email", "/email | email");
        second.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        second.enqueue("id,email\n3, ANN@x.com\n4,bob@x.com\n");
        second.run();
        assertEquals(List.of("3"), ids(out(second, "duplicate")));
        assertEquals("1", out(second, "duplicate").get(0).get("duplicate_of").asText());
        assertEquals(List.of("4"), ids(out(second, "unique")));
    }

    @Test
    void changedKeyPartsCannotReuseTheState() throws Exception {
        final TestRunner first = acrossFlowFiles();
        first.setProperty("email", "/email | email");
        first.enqueue("id,email\n1,ann@x.com\n");
        first.run();

        final TestRunner changed = acrossFlowFiles();
        changed.setProperty("email", "/email | lower");
        changed.enqueue("id,email\n1,ann@x.com\n");
        final AssertionError refused = assertThrows(AssertionError.class, changed::run);
        final StringBuilder causes = new StringBuilder();
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            causes.append(cause.getMessage()).append('\n');
        }
        assertTrue(causes.toString().contains("not as configured now"), causes.toString());
    }

    @Test
    void ageOffForgetsKeysOlderThanTheHorizon() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty(DeduplicateRecords.AGE_OFF, "1 sec");
        runner.setProperty("id", "/id");
        runner.enqueue("id\n1\n");
        runner.enqueue("id\n1\n");
        runner.run(2, false, true);
        assertEquals(1, out(runner, "unique").size());
        assertEquals(1, out(runner, "duplicate").size(), "a copy within the horizon is a duplicate");

        Thread.sleep(2_100);
        runner.clearTransferState();
        runner.enqueue("id\n1\n2\n");
        runner.run(1, true, false);
        assertEquals(2, out(runner, "unique").size(), "after the horizon the key is forgotten");
        assertEquals(0, out(runner, "duplicate").size());
    }

    @Test
    void aValueTheKeyNormalizerRefusesGoesToFailureAndNothingIsLost() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty("email", "/email | email");
        runner.enqueue("id,email\n1,a@x.com\n2,not an address\n3,A@x.com\n4,\n");
        runner.run();

        final List<JsonNode> failed = out(runner, "failure");
        assertEquals(1, failed.size());
        assertEquals("2", failed.get(0).get("id").asText());
        assertTrue(failed.get(0).get("dedupe_error").asText().startsWith("key part 'email'"), failed.get(0).get("dedupe_error").asText());
        assertEquals(List.of("1", "4"), ids(out(runner, "unique")), "a record without any key value cannot be a duplicate");
        assertEquals(1, runner.getCounterValue(DeduplicateRecords.COUNTER_NO_KEY));
        assertNothingLost(runner, 4);
    }

    @Test
    void anUnreadableFlowFileGoesToFailureWhole() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(DeduplicateRecords.class);
        runner.setProperty(DeduplicateRecords.RECORD_READER, RecordServices.addJsonReader(runner, "reader"));
        runner.setProperty(DeduplicateRecords.RECORD_WRITER, RecordServices.addJsonWriter(runner, "writer"));
        runner.setProperty(DeduplicateRecords.SCOPE, DedupeScope.FLOWFILE.getValue());
        runner.enqueue("{ not json");
        runner.run();
        runner.assertAllFlowFilesTransferred("failure", 1);
        assertTrue(runner.getFlowFilesForRelationship("failure").get(0).getAttribute("dedupe.failure.reason") != null);
    }

    @Test
    void mostCompleteKeepsTheFullestCopyAndLaterReplacesIt() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty(DeduplicateRecords.KEEP, KeepPolicy.MOST_COMPLETE.getValue());
        runner.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        runner.setProperty("email", "/email | email");
        runner.enqueue("id,email,phone,city\n1,a@x.com,,\n2,A@x.com,555,\n3,a@x.com,,Oslo\n");
        runner.enqueue("id,email,phone,city\n4,a@x.com,555,Oslo\n5,a@x.com,,\n");
        runner.run(2);

        final List<JsonNode> unique = out(runner, "unique");
        assertEquals(List.of("2", "4"), ids(unique), "record 2 is the fullest of the first FlowFile; record 4 is fuller still");
        assertTrue(unique.get(0).get("replaces_id").isNull());
        assertEquals("2", unique.get(1).get("replaces_id").asText());
        final List<JsonNode> duplicates = out(runner, "duplicate");
        assertEquals(List.of("1", "3", "5"), ids(duplicates));
        assertEquals(List.of("2", "2", "4"), keptIds(duplicates));
    }

    @Test
    void mostRecentKeepsTheLatestByTheRecencyField() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty(DeduplicateRecords.KEEP, KeepPolicy.MOST_RECENT.getValue());
        runner.setProperty(DeduplicateRecords.RECENCY_PATH, "/updated");
        runner.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        runner.setProperty("customer", "/customer");
        runner.enqueue("id,customer,updated\n1,c1,2024-03-01\n2,c1,2024-05-01T10:00:00Z\n3,c1,2024-04-01\n");
        runner.enqueue("id,customer,updated\n4,c1,2023-01-01\n");
        runner.run(2);

        assertEquals(List.of("2"), ids(out(runner, "unique")));
        assertEquals(List.of("1", "3", "4"), ids(out(runner, "duplicate")));
    }

    @Test
    void fuzzyDuplicatesWithTyposCarryScoreAndExplanation() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(DeduplicateRecords.class);
        runner.setProperty(DeduplicateRecords.RECORD_READER, RecordServices.addJsonReader(runner, "reader"));
        runner.setProperty(DeduplicateRecords.RECORD_WRITER, RecordServices.addJsonWriter(runner, "writer"));
        fuzzyWithPersonModel(runner);
        runner.setProperty(DeduplicateRecords.SCOPE, DedupeScope.ACROSS_FLOWFILES.getValue());
        runner.setProperty(DeduplicateRecords.STATE_DIRECTORY, state.toString());
        runner.setProperty(DeduplicateRecords.RECORD_ID_PATH, "/id");
        runner.enqueue("""
                [{"id": "p1", "given_name": "Katherine", "family_name": "Johnson", "birth_date": "1981-04-12", "email": "kjohnson@example.com", "postal_code": "2000"},
                 {"id": "p2", "given_name": "Peter", "family_name": "Okafor", "birth_date": "1975-11-02", "email": "pokafor@example.com", "postal_code": "3000"}]
                """);
        runner.enqueue("""
                [{"id": "p3", "given_name": "Katherin", "family_name": "Jonson", "birth_date": "1981-04-12", "email": "kjohnson@example.com", "postal_code": "2000"},
                 {"id": "p4", "given_name": "Maria", "family_name": "Rossi", "birth_date": "1990-01-30", "email": "mrossi@example.com", "postal_code": "4000"}]
                """);
        runner.run(2);

        assertEquals(List.of("p1", "p2", "p4"), ids(out(runner, "unique")));
        final List<JsonNode> duplicates = out(runner, "duplicate");
        assertEquals(List.of("p3"), ids(duplicates));
        final JsonNode copy = duplicates.get(0);
        assertEquals("p1", copy.get("duplicate_of").asText());
        assertEquals("p1", copy.get("duplicate_match_id").asText());
        assertTrue(copy.get("duplicate_score").asDouble() >= 0.9, copy.toString());
        assertTrue(copy.get("duplicate_explanation").asText().contains("email exact"), copy.get("duplicate_explanation").asText());
        assertNothingLost(runner, 4);
    }

    @Test
    void fuzzyKeyPartsAndFuzzyAgeOffAreRefused() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        fuzzyWithPersonModel(runner);
        runner.assertValid();
        runner.setProperty("email", "/email");
        runner.assertNotValid();
        runner.removeProperty("email");
        runner.setProperty(DeduplicateRecords.AGE_OFF, "1 day");
        runner.assertNotValid();
    }

    @Test
    void anUnknownNormalizerIsRefusedAtValidation() throws Exception {
        final TestRunner runner = acrossFlowFiles();
        runner.setProperty("email", "/email | emial");
        runner.assertNotValid();
        runner.setProperty("email", "/email | email");
        runner.assertValid();
    }
}
