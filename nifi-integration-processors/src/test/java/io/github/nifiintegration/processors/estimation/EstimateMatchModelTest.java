package io.github.nifiintegration.processors.estimation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.matching.ComparisonLevel;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.processors.RecordServices;
import io.github.nifiintegration.services.StandardMatchModelService;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateMatchModelTest {

    private static final String[] GIVEN = {"john", "mary", "peter", "susan", "david", "linda", "james", "karen", "paul", "emma", "mark", "alice",
            "tom", "ruth", "sam", "grace", "adam", "chloe", "noah", "ivy"};
    private static final String[] FAMILY = {"smith", "jones", "brown", "taylor", "wilson", "nguyen", "martin", "white", "walker", "clarke",
            "kelly", "young", "king", "wright", "hill", "scott", "green", "baker", "adams", "ross", "hall", "wood", "reid", "ward", "cook"};

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestRunners.newTestRunner(EstimateMatchModel.class);
        runner.setProperty(EstimateMatchModel.RECORD_READER, RecordServices.addJsonReader(runner, "reader"));
        final StandardMatchModelService template = new StandardMatchModelService();
        runner.addControllerService("template", template);
        runner.setProperty(template, StandardMatchModelService.MODEL_FILE, "../templates/models/person.json");
        runner.enableControllerService(template);
        runner.setProperty(EstimateMatchModel.TEMPLATE_MODEL, "template");
    }

    @Test
    void learnsFromLabelsWhenALabelFieldIsSet() throws Exception {
        runner.setProperty(EstimateMatchModel.LABEL_FIELD, "person");
        runner.enqueue(sample());
        runner.run();
        runner.assertAllFlowFilesTransferred(EstimateMatchModel.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(EstimateMatchModel.REL_SUCCESS).get(0);
        out.assertAttributeEquals("estimation.method", "labels");
        final MatchModel model = MatchModelJson.parse(out.getContent());
        // every copy has a typo in the given name: among true pairs only two copies of one person (sharing the typo) agree exactly
        final ComparisonLevel exactGiven = model.comparisons().get(0).levels().get(0);
        assertTrue(exactGiven.m() < 0.2, exactGiven.toString());
        final ComparisonLevel exactEmail = model.comparisons().stream().filter(c -> c.field().equals("email")).findFirst().orElseThrow().levels().get(0);
        assertTrue(exactEmail.m() > 0.9, exactEmail.toString());
        // 900 copies, a few of the same person: a little over 900 true pairs among 3,900 records
        final double pairs = model.prior() * 3900 * 3899 / 2.0;
        assertTrue(pairs > 900 && pairs < 1100, "prior " + model.prior() + " = " + pairs + " true pairs");
        final MatchModel template = MatchModelJson.parse(java.nio.file.Files.readString(java.nio.file.Path.of("../templates/models/person.json")));
        assertEquals(template.matchThreshold(), model.matchThreshold(), "the template's threshold unless tuning is asked for");

        runner.clearTransferState();
        runner.setProperty(EstimateMatchModel.TUNE_THRESHOLD, "true");
        runner.enqueue(sample());
        runner.run();
        final MockFlowFile tuned = runner.getFlowFilesForRelationship(EstimateMatchModel.REL_SUCCESS).get(0);
        final MatchModel tunedModel = MatchModelJson.parse(tuned.getContent());
        assertTrue(tunedModel.matchThreshold() != template.matchThreshold(), "tuned threshold " + tunedModel.matchThreshold());
        assertEquals(String.format(java.util.Locale.ROOT, "%.6g", tunedModel.matchThreshold()), tuned.getAttribute("estimation.match.threshold"));
        assertEquals(MatchModelJson.write(model.withThresholds(tunedModel.matchThreshold(), tunedModel.reviewThreshold())), tuned.getContent(),
                "tuning changes the thresholds, not the weights");
    }

    @Test
    void aRecordWithoutALabelSendsTheSampleToFailure() {
        runner.setProperty(EstimateMatchModel.LABEL_FIELD, "person");
        runner.enqueue("[{\"given_name\": \"ann\", \"person\": \"p1\"}, {\"given_name\": \"anne\"}]");
        runner.run();
        runner.assertAllFlowFilesTransferred(EstimateMatchModel.REL_FAILURE, 1);
        assertTrue(runner.getFlowFilesForRelationship(EstimateMatchModel.REL_FAILURE).get(0).getAttribute("estimation.failure.reason")
                .startsWith("record 2 has no 'person' label"));
    }

    /** 3,000 people and 900 copies of them with a typo in the given name and no phone: the truth the estimate should find. */
    private static String sample() throws Exception {
        final Random random = new Random(5);
        final List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            final Map<String, Object> person = new LinkedHashMap<>();
            person.put("source_system", "crm");
            person.put("source_id", "C" + i);
            person.put("person", "P" + i);
            person.put("given_name", GIVEN[random.nextInt(GIVEN.length)]);
            person.put("family_name", FAMILY[random.nextInt(FAMILY.length)]);
            person.put("birth_date", String.format("%d-%02d-%02d", 1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            person.put("email", person.get("given_name") + "." + person.get("family_name") + i + "@example.com");
            person.put("phone", "+6141" + String.format("%07d", random.nextInt(10_000_000)));
            people.add(person);
        }
        final List<Map<String, Object>> records = new ArrayList<>(people);
        for (int i = 0; i < 900; i++) {
            final Map<String, Object> copy = new LinkedHashMap<>(people.get(random.nextInt(people.size())));
            copy.put("source_system", "billing");
            copy.put("source_id", "B" + i);
            final String given = (String) copy.get("given_name");
            copy.put("given_name", given.substring(0, given.length() - 1) + "x");
            copy.remove("phone");
            records.add(copy);
        }
        return new ObjectMapper().writeValueAsString(records);
    }

    @Test
    void writesAnEstimatedModelThatTheModelServiceReads() throws Exception {
        final String sample = sample();
        runner.enqueue(sample);
        runner.run();
        runner.assertAllFlowFilesTransferred(EstimateMatchModel.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(EstimateMatchModel.REL_SUCCESS).get(0);
        out.assertAttributeEquals("mime.type", "application/json");
        out.assertAttributeEquals("estimation.records", "3900");
        out.assertAttributeEquals("estimation.converged", "true");
        assertTrue(Long.parseLong(out.getAttribute("estimation.blocked.pairs")) >= 900);

        final MatchModel model = MatchModelJson.parse(out.getContent());
        final ComparisonLevel exactEmail = model.comparisons().stream().filter(c -> c.field().equals("email")).findFirst().orElseThrow().levels().get(0);
        assertTrue(exactEmail.m() > 0.5 && exactEmail.u() < 0.001, exactEmail.toString());
        final ComparisonLevel exactGiven = model.comparisons().get(0).levels().get(0);
        assertTrue(exactGiven.m() < 0.3, "every copy has a typo in the given name, so an exact given name is rare among matches: " + exactGiven);
        assertTrue(exactGiven.u() > 0.02, "with 20 given names, random pairs share one often: " + exactGiven);

        // the same records and seed give the same model
        runner.clearTransferState();
        runner.enqueue(sample);
        runner.run();
        assertEquals(out.getContent(), runner.getFlowFilesForRelationship(EstimateMatchModel.REL_SUCCESS).get(0).getContent());
    }

    @Test
    void tooFewOrUnreadableRecordsGoToFailureWithAReason() {
        runner.enqueue("[{\"given_name\": \"alone\"}]");
        runner.enqueue("[{\"given_name\": ");
        runner.run(2);
        runner.assertAllFlowFilesTransferred(EstimateMatchModel.REL_FAILURE, 2);
        assertTrue(runner.getFlowFilesForRelationship(EstimateMatchModel.REL_FAILURE).get(0).getAttribute("estimation.failure.reason").contains("at least two records"));
        assertTrue(runner.getFlowFilesForRelationship(EstimateMatchModel.REL_FAILURE).get(1).getAttribute("estimation.failure.reason") != null);
    }
}
