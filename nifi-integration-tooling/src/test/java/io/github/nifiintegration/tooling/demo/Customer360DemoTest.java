package io.github.nifiintegration.tooling.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.tooling.flow.FlowRunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * customer-360 end to end, as ./run-demo.sh runs it: the flow definition through the flow runner,
 * with NiFi's ListFile, FetchFile, readers, writers and PutFile, checked against the truth file.
 */
class Customer360DemoTest {

    private static final Path PROJECT = Path.of("..");
    private static final Path TRUTH = PROJECT.resolve("templates/customer-360/input/truth.csv");

    @Test
    void runsTheFlowDefinitionAndFindsTheCustomersOfTheTruthFile(@TempDir final Path work) throws Exception {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final Customer360Demo.Result result = new Customer360Demo(PROJECT, work, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        final FlowRunResult run = result.run();
        final Map<String, String> truth = ResolvedRecords.truth(TRUTH);
        final Map<String, Long> truthPerSource = truth.keySet().stream().collect(Collectors.groupingBy(key -> key.split(",")[0], Collectors.counting()));

        // every source file is listed, fetched and mapped once; every source record comes out canonical or invalid
        for (final String lister : List.of("List CRM export", "List billing accounts", "List support tickets")) {
            assertEquals(1, run.processor(lister).orElseThrow().flowFiles("success"), lister);
        }
        assertEquals(Map.of("Map CRM export to canonical", truthPerSource.get("crm"), "Map billing accounts to canonical", truthPerSource.get("billing"),
                        "Map support tickets to canonical", truthPerSource.get("support")),
                result.sources().stream().collect(Collectors.toMap(Customer360Demo.SourceCounts::mapper, Customer360Demo.SourceCounts::recordsIn)));
        for (final Customer360Demo.SourceCounts source : result.sources()) {
            assertEquals(source.recordsIn(), source.canonical() + source.invalid(), source.mapper());
        }
        final long canonical = result.sources().stream().mapToLong(Customer360Demo.SourceCounts::canonical).sum();
        final long invalid = result.sources().stream().mapToLong(Customer360Demo.SourceCounts::invalid).sum();
        assertEquals(truth.size(), canonical + invalid, "nothing lost between the sources and the mappers");
        assertEquals(5, invalid, "the CRM sample's planted 'n/a' e-mail addresses");

        // every canonical record is resolved or sent to review, and written by PutFile
        final FlowRunResult.ProcessorCounts resolve = run.processor("Resolve customers").orElseThrow();
        assertEquals(canonical, resolve.records("resolved") + resolve.records("review"));
        assertEquals(0, resolve.flowFiles("failure"));
        assertEquals(canonical, result.recordsResolved(), "the written files hold every resolved record");
        assertEquals(resolve.records("review"), result.reviewItems());
        assertEquals(resolve.records("resolved"), run.processor("Write resolved customers").orElseThrow().records("success"));
        assertEquals(0, run.processor("Write failed FlowFiles").orElseThrow().flowFilesIn());
        final List<JsonNode> invalidRecords = ResolvedRecords.readRecords(result.outputDirectory().resolve("invalid"));
        assertEquals(invalid, invalidRecords.size());
        assertTrue(invalidRecords.stream().allMatch(record -> record.get("mapping_errors").toString().contains("'n/a' is not a valid e-mail address")));
        assertTrue(Files.isRegularFile(work.resolve("store").resolve("store.mv.db")) || Files.list(work.resolve("store")).findAny().isPresent(),
                "the embedded store persisted");

        // the customers found against the truth file
        final long truePeople = truth.values().stream().distinct().count();
        assertTrue(Math.abs(result.entities() - truePeople) <= truePeople * 0.05, result.entities() + " entities for " + truePeople + " people");
        assertTrue(result.quality().precision() >= 0.99, "precision " + result.quality().precision());
        assertTrue(result.quality().recall() >= 0.95, "recall " + result.quality().recall());
        assertTrue(result.statuses().getOrDefault("MATCHED", 0) > 300, result.statuses().toString());

        // one current golden record per resolved customer, every value with its lineage; the sources' disagreements settled
        final Map<String, JsonNode> golden = result.golden().current();
        final ResolvedRecords resolvedOnly = ResolvedRecords.read(result.outputDirectory().resolve("resolved"));
        assertEquals(resolvedOnly.byEntity().keySet(), golden.keySet(), "a golden record for every customer of the resolved records, no other");
        for (final JsonNode record : golden.values()) {
            final java.util.Set<String> withLineage = new java.util.HashSet<>();
            record.get("golden_lineage").forEach(lineage -> withLineage.add(lineage.get("field").asText()));
            for (final String field : List.of("given_name", "family_name")) {
                assertTrue(record.hasNonNull(field) && withLineage.contains(field), record.toString());
            }
        }
        assertTrue(result.golden().events().get("CREATED") >= golden.size(), result.golden().events().toString());
        assertEquals(result.statuses().getOrDefault("MERGED", 0), result.golden().events().getOrDefault("MERGED", 0),
                "a MERGED change event for every merge ResolveEntities made");
        assertTrue(result.conflicts().fields() >= result.conflicts().entities() && result.conflicts().entities() > 50,
                "the samples plant conflicting values: " + result.conflicts());
        assertEquals(0, run.processor("Maintain golden customers").orElseThrow().flowFiles("failure"));

        // deduplication by customer: nothing lost, and one row per resolved customer in the list
        assertEquals(0, run.processor("Keep one row per customer").orElseThrow().flowFiles("failure"));
        assertEquals(run.processor("Resolve customers").orElseThrow().records("resolved"), result.customerRows() + result.duplicatesRemoved());
        final long resolvedEntities = ResolvedRecords.read(result.outputDirectory().resolve("resolved")).entities();
        assertTrue(result.customerRows() >= resolvedEntities && result.customerRows() <= resolvedEntities + result.statuses().getOrDefault("MERGED", 0),
                "one row per customer (a merge can leave one extra): " + result.customerRows() + " rows, " + resolvedEntities + " entities");

        final String output = printed.toString(StandardCharsets.UTF_8);
        for (final String line : List.of("Records in per source:", "Entities (customers):", "Duplicates removed:", "Conflicts resolved:",
                "Golden records:", "Review items:", "Against truth.csv:", "Written to ")) {
            assertTrue(output.contains(line), "prints " + line);
        }
    }
}
