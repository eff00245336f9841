package io.github.nifiintegration.tooling.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the runner moves FlowFiles: along every connection of a relationship, until every queue is empty. */
class FlowExecutionTest {

    private static final Path FAN_OUT = Path.of("src/test/resources/flows/fan-out.json");

    @Test
    void sendsACopyAlongEveryConnectionOfARelationshipAndListsFilesWrittenJustBefore(@TempDir final Path work) throws Exception {
        final Path input = Files.createDirectories(work.resolve("input"));
        for (final String name : List.of("one.txt", "two.txt", "three.txt")) {
            // written a moment before the run: ListFile holds back files younger than its listing lag
            Files.writeString(input.resolve(name), "content of " + name);
        }
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final FlowRunResult result = new RunFlowCommand(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(FAN_OUT, Map.of("in", input.toString(), "out", work.resolve("output").toString()));

        assertEquals(3, result.processor("List files").orElseThrow().flowFiles("success"));
        final FlowRunResult.ProcessorCounts fetch = result.processor("Fetch files").orElseThrow();
        assertEquals(3, fetch.flowFilesIn());
        assertEquals(3, fetch.flowFiles("success"));
        assertEquals(List.of("Copy to a", "Copy to b"), fetch.destinations().get("success"));
        for (final String copy : List.of("a", "b")) {
            assertEquals(3, result.processor("Copy to " + copy).orElseThrow().flowFiles("success"));
            assertEquals("content of two.txt", Files.readString(work.resolve("output").resolve(copy).resolve("two.txt")));
        }
        assertEquals(List.of("List files", "Fetch files", "Copy to a", "Copy to b"),
                result.processors().stream().map(FlowRunResult.ProcessorCounts::name).toList(), "flow order");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("success 3 -> Copy to a, Copy to b"), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSecondRunListsNothingNewAndEndsAtOnce(@TempDir final Path work) throws Exception {
        final Path input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("one.txt"), "one");
        final FlowDefinition definition = FlowDefinition.load(FAN_OUT);
        try (AssembledFlow flow = new FlowAssembler(ComponentCatalog.fromClasspath())
                .assemble(definition, Map.of("in", input.toString(), "out", work.resolve("output").toString()))) {
            final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertEquals(1, new FlowExecution(flow, quiet).run().processor("Copy to a").orElseThrow().flowFiles("success"));
            // the same ListFile, with its listing state, lists nothing the second time
            assertEquals(0, new FlowExecution(flow, quiet).run().processor("List files").orElseThrow().flowFiles("success"));
        }
    }
}
