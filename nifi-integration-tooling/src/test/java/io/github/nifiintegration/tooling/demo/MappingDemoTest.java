package io.github.nifiintegration.tooling.demo;

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

/** The demo over the bundled sample sources, as ./run-demo.sh runs it: every record is accounted for. */
class MappingDemoTest {

    private static final Path TEMPLATE = Path.of("../templates/customer-360");

    @Test
    void mapsEverySampleRecordToCanonicalOrInvalid(@TempDir final Path output) throws Exception {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final List<MappingDemo.SourceResult> results = new MappingDemo(TEMPLATE, output, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        final Map<String, Long> truthRecords = truthCountsBySource();
        assertEquals(3, results.size());
        for (final MappingDemo.SourceResult result : results) {
            assertEquals(truthRecords.get(result.source()).intValue(), result.recordsIn(), "every source record of " + result.source() + " came out");
            assertEquals(result.recordsIn(), result.canonical() + result.invalid());
            assertEquals(0, result.failedFlowFiles());
            assertTrue(Files.size(result.output()) > 0);
        }
        final MappingDemo.SourceResult crm = results.get(0);
        assertTrue(crm.invalid() > 0, "the CRM sample has planted 'n/a' e-mail addresses");
        assertTrue(crm.invalidExamples().stream().allMatch(example -> example.contains("email: 'n/a' is not a valid e-mail address")), crm.invalidExamples().toString());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Canonical records: "));

        // the demo's second step: the canonical records resolved to customers, checked against the truth file
        final ResolutionDemo.Result resolved = new ResolutionDemo(TEMPLATE, Path.of("../templates/models/person.json"), output,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(results);
        assertEquals(results.stream().mapToInt(MappingDemo.SourceResult::canonical).sum(), resolved.records(), "every canonical record is resolved");
        final long truePeople = Files.readAllLines(TEMPLATE.resolve("input/truth.csv")).stream().skip(1).map(line -> line.split(",")[2]).distinct().count();
        assertTrue(resolved.entities() >= truePeople * 0.95 && resolved.entities() <= truePeople * 1.05, resolved.entities() + " entities for " + truePeople + " people");
        assertTrue(resolved.quality().precision() >= 0.99, "precision " + resolved.quality().precision());
        assertTrue(resolved.quality().recall() >= 0.95, "recall " + resolved.quality().recall());
        assertTrue(resolved.statuses().get("MATCHED") > 300, resolved.statuses().toString());
    }

    private static Map<String, Long> truthCountsBySource() throws Exception {
        return Files.readAllLines(TEMPLATE.resolve("input/truth.csv")).stream().skip(1)
                .collect(java.util.stream.Collectors.groupingBy(line -> line.split(",")[0], java.util.stream.Collectors.counting()));
    }
}
