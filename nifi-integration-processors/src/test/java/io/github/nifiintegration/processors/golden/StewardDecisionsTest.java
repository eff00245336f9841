package io.github.nifiintegration.processors.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.github.nifiintegration.processors.golden.MaintainGoldenRecordsTest.RULES;
import static io.github.nifiintegration.processors.golden.MaintainGoldenRecordsTest.batch;
import static io.github.nifiintegration.processors.golden.MaintainGoldenRecordsTest.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merges (by resolution and by stewards), splits, cannot-links and pins, and their golden records and events. */
class StewardDecisionsTest {

    @TempDir
    Path directory;

    private static final String ANN_CRM = person("crm", "C1", "Ann", "Lee", null, "ann.lee@example.com", null, "5 Park Ave", "2024-01-01");
    private static final String ANN_SUPPORT = person("support", "T1", "Ann", "Lee", null, null, "+61411111111", null, "2024-02-02");
    /** Has Ann's e-mail and phone: it bridges the two entities above. */
    private static final String ANN_BILLING = person("billing", "B1", "Ann", "Lee", null, "ann.lee@example.com", "+61411111111", "5 Park Avenue", "2024-03-03");

    private static String entityOf(final StoreReader reader, final String system, final String id) {
        return reader.currentEntityId(reader.record(new SourceKey(system, id)).entityId());
    }

    private static JsonNode lastEvent(final GoldenFlow flow, final String type) {
        return flow.events.stream().filter(e -> e.get("event_type").asText().equals(type)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " event in " + flow.events));
    }

    @Test
    void aMergeRecomputesTheSurvivorFromBothSidesAndRetiresTheOtherId() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(List.of(ANN_CRM, ANN_SUPPORT)));
            final StoreReader reader = flow.store().reader();
            final String older = entityOf(reader, "crm", "C1");
            final String younger = entityOf(reader, "support", "T1");
            assertNotEquals(older, younger);

            flow.ingest(batch(List.of(ANN_BILLING)));
            assertEquals(older, entityOf(reader, "support", "T1"));
            final JsonNode merged = lastEvent(flow, "MERGED");
            assertEquals(older, merged.get("entity_id").asText());
            assertEquals(younger, merged.get("related_entity_ids").get(0).asText());

            final GoldenRecord survivor = reader.golden(older);
            assertEquals("+61411111111", survivor.fields().get("phone").value(), "the retired side's phone reaches the survivor");
            assertEquals(new SourceKey("billing", "B1"), survivor.fields().get("phone").sources().get(0).key(), "most recent phone: billing's");
            assertEquals(new SourceKey("crm", "C1"), survivor.fields().get("family_name").sources().get(0).key());
            // the retired id resolves to the survivor, and its last golden record says where it went
            assertEquals(older, reader.currentEntityId(younger));
            assertEquals(older, reader.golden(younger).retiredInto());
            assertTrue(flow.goldenRecords.stream().anyMatch(g -> g.get("entity_id").asText().equals(younger) && g.get("retired_into").asText().equals(older)));
        }
    }

    @Test
    void aSplitFormsItsOwnEntityRecomputesBothAndHoldsAgainstLaterRecords() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(List.of(ANN_CRM, ANN_BILLING)));
            final StoreReader reader = flow.store().reader();
            final String ann = entityOf(reader, "crm", "C1");
            assertEquals(ann, entityOf(reader, "billing", "B1"));
            assertEquals("5 Park Avenue", reader.golden(ann).fields().get("street").value());

            assertEquals(List.of(), flow.decide("[{\"decision\": \"split\", \"source_system\": \"billing\", \"source_id\": \"B1\"}]"));
            final String splitOut = entityOf(reader, "billing", "B1");
            assertNotEquals(ann, splitOut);
            assertEquals("5 Park Ave", reader.golden(ann).fields().get("street").value(), "the origin is recomputed without the split record");
            assertEquals("5 Park Avenue", reader.golden(splitOut).fields().get("street").value());
            final JsonNode split = lastEvent(flow, "SPLIT");
            assertEquals(ann, split.get("entity_id").asText());
            assertEquals(splitOut, split.get("related_entity_ids").get(0).asText());
            assertEquals(splitOut, lastEvent(flow, "CREATED").get("entity_id").asText());

            // the split record changes, and a new record matching both arrives: neither brings it back
            flow.ingest(batch(List.of(person("billing", "B1", "Ann", "Lee", null, "ann.lee@example.com", "+61411111111", "5 Park Avenue", "2024-04-04"),
                    person("support", "T9", "Ann", "Lee", null, "ann.lee@example.com", "+61411111111", null, "2024-05-05"))));
            assertNotEquals(entityOf(reader, "crm", "C1"), entityOf(reader, "billing", "B1"));
        }
    }

    @Test
    void decisionsPersistAcrossRestartsAndHoldAgainstLaterRecords() throws Exception {
        final Path store = directory.resolve("store");
        final String ann;
        try (GoldenFlow flow = new GoldenFlow(store, RULES)) {
            flow.ingest(batch(List.of(ANN_CRM)));
            ann = entityOf(flow.store().reader(), "crm", "C1");
            assertEquals(List.of(), flow.decide("[{\"decision\": \"pin\", \"entity_id\": \"" + ann + "\", \"field\": \"given_name\", \"value\": \"Annabel\"},"
                    + "{\"decision\": \"cannot_link\", \"source_system\": \"crm\", \"source_id\": \"C1\", \"other_source_system\": \"billing\", \"other_source_id\": \"B1\"}]"));
            assertEquals("Annabel", flow.store().reader().golden(ann).fields().get("given_name").value());
            assertEquals("UPDATED", lastEvent(flow, "UPDATED").get("event_type").asText());
        }
        // a new store instance and new processors on the same directory: a restart
        try (GoldenFlow flow = new GoldenFlow(store, RULES)) {
            flow.ingest(batch(List.of(ANN_BILLING, person("crm", "C1", "Ann", "Leigh", null, "ann.lee@example.com", null, "5 Park Ave", "2025-01-01"))));
            final StoreReader reader = flow.store().reader();
            assertNotEquals(entityOf(reader, "crm", "C1"), entityOf(reader, "billing", "B1"), "the cannot-link holds after the restart");
            final GoldenRecord golden = reader.golden(entityOf(reader, "crm", "C1"));
            assertEquals("Annabel", golden.fields().get("given_name").value(), "the pin survives the recomputation");
            assertEquals("pinned", golden.fields().get("given_name").rule());
            assertEquals("Leigh", golden.fields().get("family_name").value());
        }
    }

    @Test
    void aStewardMergeUnitesEntitiesUnlessACannotLinkForbidsIt() throws Exception {
        try (GoldenFlow flow = new GoldenFlow(directory, RULES)) {
            flow.ingest(batch(List.of(ANN_CRM, ANN_SUPPORT, person("crm", "C7", "Zoe", "Ng", "1999-09-09", "zoe@example.com", null, null, "2020-01-01"))));
            final StoreReader reader = flow.store().reader();
            final String crm = entityOf(reader, "crm", "C1");
            final String support = entityOf(reader, "support", "T1");
            final String zoe = entityOf(reader, "crm", "C7");
            assertEquals(List.of(), flow.decide("[{\"decision\": \"merge\", \"entity_id\": \"" + support + "\", \"other_entity_id\": \"" + crm + "\"}]"));
            assertEquals(crm, reader.currentEntityId(support), "the older entity survives");
            assertEquals("+61411111111", reader.golden(crm).fields().get("phone").value());
            assertEquals(List.of(support), List.of(lastEvent(flow, "MERGED").get("related_entity_ids").get(0).asText()));

            final List<JsonNode> invalid = flow.decide("[{\"decision\": \"cannot_link\", \"source_system\": \"crm\", \"source_id\": \"C7\", \"other_source_system\": \"crm\", \"other_source_id\": \"C1\"},"
                    + "{\"decision\": \"merge\", \"entity_id\": \"" + zoe + "\", \"other_entity_id\": \"" + crm + "\"},"
                    + "{\"decision\": \"merge\", \"entity_id\": \"E-unknown\", \"other_entity_id\": \"" + crm + "\"},"
                    + "{\"decision\": \"promote\", \"entity_id\": \"" + crm + "\"}]");
            assertEquals(3, invalid.size());
            assertTrue(invalid.get(0).get("decision_error").asText().contains("cannot-link"), invalid.get(0).toString());
            assertTrue(invalid.get(1).get("decision_error").asText().contains("E-unknown"), invalid.get(1).toString());
            assertTrue(invalid.get(2).get("decision_error").asText().contains("promote"), invalid.get(2).toString());
            assertNotEquals(reader.currentEntityId(zoe), reader.currentEntityId(crm));
            assertEquals("1", flow.steward.getFlowFilesForRelationship("applied").get(0).getAttribute("record.count"), "the cannot-link was applied");
        }
    }
}
