package io.github.nifiintegration.processors.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.processors.RecordServices;
import io.github.nifiintegration.services.MasterDataLookupService;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreReader;
import org.apache.nifi.processors.standard.LookupRecord;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.nifiintegration.processors.golden.MaintainGoldenRecordsTest.RULES;
import static io.github.nifiintegration.processors.golden.MaintainGoldenRecordsTest.batch;
import static io.github.nifiintegration.processors.golden.MaintainGoldenRecordsTest.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NiFi's own LookupRecord enriching a stream with golden records through MasterDataLookupService. */
class MasterDataLookupServiceTest {

    @TempDir
    Path directory;

    private static TestRunner lookupRecord(final GoldenFlow flow, final Map<String, String> keys) throws Exception {
        // LookupRecord 2.6.0 still names its properties by their old ids
        final TestRunner runner = TestRunners.newTestRunner(LookupRecord.class);
        runner.setProperty("record-reader", RecordServices.addJsonReader(runner, "reader"));
        runner.setProperty("record-writer", RecordServices.addJsonWriter(runner, "writer"));
        final GoldenFlow.SharedStore store = new GoldenFlow.SharedStore(flow.store());
        runner.addControllerService("store", store);
        runner.enableControllerService(store);
        final MasterDataLookupService lookup = new MasterDataLookupService();
        runner.addControllerService("golden", lookup);
        runner.setProperty(lookup, MasterDataLookupService.MASTER_DATA_STORE, "store");
        runner.enableControllerService(lookup);
        runner.setProperty("lookup-service", "golden");
        runner.setProperty("result-record-path", "/customer");
        runner.setProperty("routing-strategy", "route-to-matched-unmatched");
        keys.forEach(runner::setProperty);
        return runner;
    }

    @Test
    void lookupRecordEnrichesOrdersWithTheGoldenCustomerBySourceKey() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(List.of(
                    person("crm", "C1", "Katherine", "Smith", "1980-03-05", "kate@example.com", "+61400000001", "1 Main St", "2024-01-10"),
                    person("billing", "B1", "Kate", "Smith", "1980-03-05", "kate@example.com", "+61400000002", "1 Main Street", "2025-06-01"))));
            final String kate = flow.store().reader().record(new SourceKey("billing", "B1")).entityId();

            final TestRunner runner = lookupRecord(flow, Map.of("source_system", "/source_system", "source_id", "/source_id"));
            runner.enqueue("[{\"order_id\": 1, \"source_system\": \"billing\", \"source_id\": \"B1\"},"
                    + "{\"order_id\": 2, \"source_system\": \"billing\", \"source_id\": \"B404\"}]");
            runner.run();
            runner.assertTransferCount("failure", 0);
            final JsonNode matched = RecordServices.records(runner.getFlowFilesForRelationship("matched")).get(0);
            assertEquals(1, matched.get("order_id").asInt());
            assertEquals(kate, matched.get("customer").get("entity_id").asText());
            // the golden customer, not billing's own values: Kate and Katherine tie on frequency, the longer wins
            assertEquals("Katherine", matched.get("customer").get("given_name").asText());
            assertEquals("+61400000002", matched.get("customer").get("phone").asText());
            final JsonNode unmatched = RecordServices.records(runner.getFlowFilesForRelationship("unmatched")).get(0);
            assertEquals(2, unmatched.get("order_id").asInt());
        }
    }

    @Test
    void aRetiredEntityIdIsFollowedToItsSurvivor() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(List.of(person("crm", "C1", "Ann", "Lee", null, "ann.lee@example.com", null, null, "2024-01-01"),
                    person("support", "T1", "Ann", "Lee", null, null, "+61411111111", null, "2024-02-02"))));
            final StoreReader reader = flow.store().reader();
            final String retired = reader.record(new SourceKey("support", "T1")).entityId();
            flow.ingest(batch(List.of(person("billing", "B1", "Ann", "Lee", null, "ann.lee@example.com", "+61411111111", null, "2024-03-03"))));
            final String survivor = reader.currentEntityId(retired);
            assertNotEquals(retired, survivor);

            final TestRunner runner = lookupRecord(flow, Map.of("entity_id", "/entity_id"));
            runner.enqueue("[{\"entity_id\": \"" + retired + "\"}]");
            runner.run();
            final JsonNode matched = RecordServices.records(runner.getFlowFilesForRelationship("matched")).get(0);
            assertEquals(survivor, matched.get("customer").get("entity_id").asText());
            assertEquals("+61411111111", matched.get("customer").get("phone").asText());
            assertTrue(matched.get("customer").get("golden_version").asInt() >= 1);
        }
    }
}
