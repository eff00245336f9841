package io.github.nifiintegration.tooling.flow;

import io.github.nifiintegration.tooling.demo.GoldenRecords;
import io.github.nifiintegration.tooling.demo.ResolvedRecords;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The second template end to end through the flow runner: one messy sign-up sheet, its repeat sign-ups found. */
class ContactListCleanupFlowTest {

    private static final Path TEMPLATE = Path.of("../templates/contact-list-cleanup.json");
    private static final Path TRUTH = Path.of("../templates/contact-list-cleanup/input/truth.csv");

    @Test
    void findsThePeopleWhoSignedUpMoreThanOnce(@TempDir final Path work) throws Exception {
        final FlowDefinition definition = FlowDefinition.load(TEMPLATE);
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final FlowRunResult run = new RunFlowCommand(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(TEMPLATE, FlowTemplatesTest.runnableParameters(definition, work));

        final Map<String, String> truth = ResolvedRecords.truth(TRUTH);
        final FlowRunResult.ProcessorCounts mapper = run.processor("Map contact list to canonical").orElseThrow();
        assertEquals(truth.size(), mapper.records(), "every row mapped or invalid");
        assertTrue(mapper.records("invalid") > 0, "the sheet has rows without a name");
        assertEquals(mapper.records("invalid"), run.processor("Write invalid rows").orElseThrow().records("success"));
        final FlowRunResult.ProcessorCounts resolve = run.processor("Resolve people").orElseThrow();
        assertEquals(mapper.records("success"), resolve.records("resolved") + resolve.records("review"));

        final Path output = work.resolve("output");
        final ResolvedRecords resolved = ResolvedRecords.read(output.resolve("resolved"), output.resolve("review"));
        assertEquals(mapper.records("success"), resolved.size());
        final long people = truth.values().stream().distinct().count();
        assertTrue(resolved.entities() < truth.size() && Math.abs(resolved.entities() - people) <= people * 0.1,
                resolved.entities() + " people found among " + truth.size() + " rows of " + people + " people");
        final PairwiseQuality quality = resolved.quality(truth);
        assertTrue(quality.precision() >= 0.95, "precision " + quality.precision());
        assertTrue(quality.recall() >= 0.85, "recall " + quality.recall());
        assertTrue(Files.isDirectory(output.resolve("invalid")));

        // the cleaned list: one record per person found, its e-mail addresses gathered from every row
        final GoldenRecords cleaned = GoldenRecords.read(output.resolve("cleaned"), output.resolve("changes"));
        assertEquals(resolved.byEntity().keySet(), cleaned.current().keySet());
        assertTrue(cleaned.current().values().stream().allMatch(person -> person.get("email").isNull() || person.get("email").isArray()), "email = union");
        assertTrue(cleaned.current().values().stream().anyMatch(person -> person.get("email").size() >= 2), "someone signed up with two addresses");
        assertTrue(cleaned.conflicts(resolved).entities() > 0, "repeat sign-ups disagree somewhere");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("every queue is empty"));
    }
}
