package io.github.nifiintegration.processors.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreReader;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three sources (crm, billing, support) that disagree about the same customers: name spelling,
 * e-mail, phone, street, dates. The golden record of each entity is known for the configured rules.
 */
class MaintainGoldenRecordsTest {

    @TempDir
    Path directory;

    static final Map<String, String> RULES = Map.of(
            "Source Priority", "crm, billing, support",
            "Timestamp Field", "updated_at",
            "Default Rule", "source_priority | most_recent",
            "given_name", "most_frequent | longest",
            "email", "union",
            "phone", "most_recent",
            "street", "longest",
            "updated_at", "max");

    static final List<String> CRM = List.of(
            person("crm", "C1", "Katherine", "Smith", "1980-03-05", "kate@example.com", "+61400000001", "1 Main St", "2024-01-10"),
            person("crm", "C2", "Robert", "Brown", "1975-11-30", "rob@brown.example", "+61411111111", "9 High Rd", "2022-02-02"));
    static final List<String> BILLING = List.of(
            person("billing", "B1", "Kate", "Smith", "1980-03-05", "kate@example.com", "+61400000002", "1 Main Street", "2025-06-01"),
            person("billing", "B2", "Bob", "Brown", "1975-11-30", "rob@brown.example", null, "9 High Road", "2024-12-12"));
    static final List<String> SUPPORT = List.of(
            person("support", "S1", "Katherine", "Smyth", "1980-03-05", "kate@example.com", "+61400000001", null, "2023-05-05"),
            person("support", "S3", "Li", "Wei", "1990-01-01", "li.wei@example.cn", "+61422222222", "3 Bay Pde", "2021-07-07"));

    static String person(final String system, final String id, final String given, final String family, final String dob, final String email,
                         final String phone, final String street, final String updated) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("source_system", system);
        values.put("source_id", id);
        values.put("given_name", given);
        values.put("family_name", family);
        values.put("birth_date", dob);
        values.put("email", email);
        values.put("phone", phone);
        values.put("street", street);
        values.put("updated_at", updated);
        final StringBuilder json = new StringBuilder("{");
        values.forEach((field, value) -> json.append(json.length() > 1 ? ", " : "").append('"').append(field).append("\": ")
                .append(value == null ? "null" : "\"" + value + "\""));
        return json.append('}').toString();
    }

    static String batch(final List<String> records) {
        return "[" + String.join(",\n", records) + "]";
    }

    private static List<String> all() {
        final List<String> all = new ArrayList<>(CRM);
        all.addAll(BILLING);
        all.addAll(SUPPORT);
        return all;
    }

    /** Each field of a golden record as "value <- rule <- source records", the way a person checks it. */
    static Map<String, String> describe(final GoldenRecord golden) {
        final Map<String, String> described = new TreeMap<>();
        golden.fields().forEach((field, value) -> described.put(field, value.value() + " <- " + value.rule() + " <- "
                + value.sources().stream().map(s -> s.system() + "/" + s.id()).toList()));
        return described;
    }

    /** Every source record's golden record, described: independent of entity ids, which depend on who came first. */
    static Map<String, Map<String, String>> goldenBySourceRecord(final StoreReader reader) {
        final Map<String, Map<String, String>> bySource = new TreeMap<>();
        for (final String key : List.of("crm/C1", "crm/C2", "billing/B1", "billing/B2", "support/S1", "support/S3")) {
            final String[] parts = key.split("/");
            final String entity = reader.currentEntityId(reader.record(new SourceKey(parts[0], parts[1])).entityId());
            bySource.put(key, describe(reader.golden(entity)));
        }
        return bySource;
    }

    @Test
    void eachEntityGetsTheGoldenRecordItsRulesDescribeWithLineageForEveryField() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(all()));
            final Map<String, Map<String, String>> golden = goldenBySourceRecord(flow.store().reader());

            final Map<String, String> kate = golden.get("crm/C1");
            assertEquals(kate, golden.get("billing/B1"));
            assertEquals(kate, golden.get("support/S1"));
            assertEquals("Katherine <- most_frequent <- [crm/C1]", kate.get("given_name"));
            assertEquals("Smith <- source_priority <- [crm/C1]", kate.get("family_name"));
            assertEquals("1980-03-05 <- source_priority <- [crm/C1]", kate.get("birth_date"));
            assertEquals("[kate@example.com] <- union <- [crm/C1, billing/B1, support/S1]", kate.get("email"));
            assertEquals("+61400000002 <- most_recent <- [billing/B1]", kate.get("phone"));
            assertEquals("1 Main Street <- longest <- [billing/B1]", kate.get("street"));
            assertEquals("2025-06-01 <- max <- [billing/B1]", kate.get("updated_at"));

            final Map<String, String> rob = golden.get("crm/C2");
            assertEquals(rob, golden.get("billing/B2"));
            // Robert and Bob once each: the longer spelling breaks the most_frequent tie
            assertEquals("Robert <- longest <- [crm/C2]", rob.get("given_name"));
            assertEquals("+61411111111 <- most_recent <- [crm/C2]", rob.get("phone"));
            assertEquals("9 High Road <- longest <- [billing/B2]", rob.get("street"));

            assertEquals("Li <- most_frequent <- [support/S3]", golden.get("support/S3").get("given_name"));
            assertNotEquals(kate, golden.get("support/S3"));

            // the golden relationship carries the same values, with lineage records per field
            assertEquals(3, flow.goldenRecords.size());
            final JsonNode kateOut = flow.goldenRecords.stream().filter(r -> "Katherine".equals(r.get("given_name").asText())).findFirst().orElseThrow();
            assertEquals(1, kateOut.get("golden_version").asInt());
            assertEquals("kate@example.com", kateOut.get("email").get(0).asText());
            final JsonNode phoneLineage = lineage(kateOut, "phone").get(0);
            assertEquals("billing", phoneLineage.get("source_system").asText());
            assertEquals("B1", phoneLineage.get("source_id").asText());
            assertEquals("2025-06-01", phoneLineage.get("source_timestamp").asText());
            assertEquals("most_recent", phoneLineage.get("rule").asText());
            assertEquals(3, lineage(kateOut, "email").size());
            assertEquals(List.of("CREATED", "CREATED", "CREATED"), flow.events.stream().map(e -> e.get("event_type").asText()).toList());
        }
    }

    private static List<JsonNode> lineage(final JsonNode golden, final String field) {
        final List<JsonNode> entries = new ArrayList<>();
        golden.get("golden_lineage").forEach(entry -> {
            if (entry.get("field").asText().equals(field)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    @Test
    void theGoldenRecordsDoNotDependOnArrivalOrderOrBatchSize() throws Exception {
        Map<String, Map<String, String>> expected;
        try (GoldenFlow flow = new GoldenFlow(directory.resolve("reference"), RULES)) {
            flow.ingest(batch(all()));
            expected = goldenBySourceRecord(flow.store().reader());
        }
        final List<List<List<String>>> orders = List.of(
                List.of(CRM, BILLING, SUPPORT), List.of(SUPPORT, BILLING, CRM), List.of(BILLING, SUPPORT, CRM));
        int run = 0;
        for (final List<List<String>> order : orders) {
            for (final int batchSize : new int[]{1, 2, 6}) {
                final List<String> records = new ArrayList<>();
                order.forEach(records::addAll);
                try (GoldenFlow flow = new GoldenFlow(directory.resolve("run" + run++), RULES)) {
                    for (int start = 0; start < records.size(); start += batchSize) {
                        flow.ingest(batch(records.subList(start, Math.min(records.size(), start + batchSize))));
                    }
                    assertEquals(expected, goldenBySourceRecord(flow.store().reader()), "order " + order.get(0).get(0) + "..., batches of " + batchSize);
                }
            }
        }
    }

    @Test
    void replayingTheSameSourceRecordsMakesNoVersionAndNoEvent() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(all()));
            final int versions = flow.goldenRecords.size();
            final int events = flow.events.size();
            flow.ingest(batch(all()));
            flow.ingest(batch(SUPPORT));
            assertEquals(versions, flow.goldenRecords.size());
            assertEquals(events, flow.events.size());
            assertEquals("2", flow.golden.getFlowFilesForRelationship("original").get(0).getAttribute("golden.unchanged.count"));

            // a real change makes version 2 and an UPDATED event naming the old and the new value
            flow.ingest(batch(List.of(person("billing", "B2", "Bob", "Brown", "1975-11-30", "rob@brown.example", "+61433333333", "9 High Road", "2025-01-01"))));
            assertEquals(1, flow.events.size() - events);
            final JsonNode updated = flow.events.get(flow.events.size() - 1);
            assertEquals("UPDATED", updated.get("event_type").asText());
            assertEquals(2, updated.get("golden_version").asInt());
            final Map<String, String> changes = new TreeMap<>();
            updated.get("changes").forEach(c -> changes.put(c.get("field").asText(), c.get("old_value").asText() + " -> " + c.get("new_value").asText()));
            assertEquals(Map.of("phone", "+61411111111 -> +61433333333", "updated_at", "2024-12-12 -> 2025-01-01"), changes);
            final String rob = flow.store().reader().record(new SourceKey("crm", "C2")).entityId();
            assertEquals("+61411111111", flow.store().reader().goldenVersion(rob, 1).fields().get("phone").value(), "version 1 stays readable");
        }
    }

    @Test
    void recordsWithoutAnEntityIdAreRoutedToFailureWithTheReason() throws Exception {
        final TestRunner runner;
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            runner = flow.golden;
            runner.enqueue("[{\"entity_id\": null, \"given_name\": \"Nobody\"}]");
            runner.run();
            runner.assertTransferCount(MaintainGoldenRecords.REL_ORIGINAL, 1);
            final JsonNode failed = io.github.nifiintegration.processors.RecordServices.records(runner.getFlowFilesForRelationship(MaintainGoldenRecords.REL_FAILURE)).get(0);
            assertEquals("Nobody", failed.get("given_name").asText());
            assertTrue(failed.get("golden_error").asText().contains("entity_id"), failed.get("golden_error").asText());
        }
    }

    @Test
    void badRuleChainsAreInvalidWithTheReason() {
        final TestRunner runner = TestRunners.newTestRunner(MaintainGoldenRecords.class);
        runner.setProperty("given_name", "newest_first");
        final var results = ((org.apache.nifi.util.MockProcessContext) runner.getProcessContext()).validate();
        assertTrue(results.stream().anyMatch(r -> r.getSubject().equals("given_name") && r.getExplanation().contains("most_recent")), results.toString());
    }
}
