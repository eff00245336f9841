package io.github.nifiintegration.tooling.demo;

import io.github.nifiintegration.processors.mapping.MapToCanonicalRecord;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo: maps each customer-360 sample source onto the canonical customer with
 * MapToCanonicalRecord, exactly as configured in {@code templates/customer-360/mappings/*.properties}
 * (processor property name = value), and prints what happened to every record.
 */
public final class MappingDemo {

    /** One source: its data file and its mapping configuration. */
    private record Source(String name, Path data, Path mapping) {
    }

    /** What the processor made of one source. */
    public record SourceResult(String source, int recordsIn, int canonical, int invalid, int failedFlowFiles, Path output,
                               List<String> invalidExamples) {
    }

    private final Path templateDirectory;
    private final Path outputDirectory;
    private final PrintStream out;

    public MappingDemo(final Path templateDirectory, final Path outputDirectory, final PrintStream out) {
        this.templateDirectory = templateDirectory;
        this.outputDirectory = outputDirectory;
        this.out = out;
    }

    public List<SourceResult> run() throws Exception {
        final Path input = templateDirectory.resolve("input");
        final List<Source> sources = List.of(
                new Source("crm", input.resolve("crm.csv"), templateDirectory.resolve("mappings/crm.properties")),
                new Source("billing", input.resolve("billing.json"), templateDirectory.resolve("mappings/billing.properties")),
                new Source("support", input.resolve("support.csv"), templateDirectory.resolve("mappings/support.properties")));
        for (final Source source : sources) {
            if (!Files.isRegularFile(source.data()) || !Files.isRegularFile(source.mapping())) {
                throw new IllegalStateException("Missing sample source " + source.data() + " or mapping " + source.mapping()
                        + ": run from the project root, or remake the samples with ./run-tool.sh generate-samples");
            }
        }
        Files.createDirectories(outputDirectory);
        out.println("Mapping the customer-360 sample sources onto the canonical customer (MapToCanonicalRecord)");
        final List<SourceResult> results = new ArrayList<>();
        for (final Source source : sources) {
            out.printf("  %-8s %s ... ", source.name(), templateDirectory.relativize(source.data()));
            out.flush();
            final SourceResult result = map(source);
            out.printf("%d records -> %d canonical, %d invalid%n", result.recordsIn(), result.canonical(), result.invalid());
            results.add(result);
        }
        out.println();
        for (final SourceResult result : results) {
            for (final String example : result.invalidExamples()) {
                out.println("  invalid " + result.source() + " " + example);
            }
        }
        out.println();
        out.printf("Canonical records: %d; invalid: %d (of %d source records). Written to %s%n",
                results.stream().mapToInt(SourceResult::canonical).sum(), results.stream().mapToInt(SourceResult::invalid).sum(),
                results.stream().mapToInt(SourceResult::recordsIn).sum(), outputDirectory.toAbsolutePath().normalize());
        return results;
    }

    private SourceResult map(final Source source) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(MapToCanonicalRecord.class);
        RecordServiceSetup.readerFor(runner, source.data().getFileName().toString());
        RecordServiceSetup.jsonWriter(runner, true);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        for (final Map.Entry<String, String> property : loadMapping(source.mapping()).entrySet()) {
            runner.setProperty(property.getKey(), property.getValue());
        }
        runner.assertValid();
        runner.enqueue(source.data());
        runner.run();

        final Relationship success = relationship(runner, "success");
        final Relationship invalid = relationship(runner, "invalid");
        final Relationship failure = relationship(runner, "failure");
        final List<MockFlowFile> canonical = runner.getFlowFilesForRelationship(success);
        final List<MockFlowFile> invalidFlowFiles = runner.getFlowFilesForRelationship(invalid);
        final int canonicalCount = count(canonical);
        final int invalidCount = count(invalidFlowFiles);
        final Path output = outputDirectory.resolve("canonical-" + source.name() + ".json");
        Files.write(output, canonical.isEmpty() ? new byte[0] : canonical.get(0).toByteArray());
        if (!invalidFlowFiles.isEmpty()) {
            Files.write(outputDirectory.resolve("invalid-" + source.name() + ".json"), invalidFlowFiles.get(0).toByteArray());
        }
        return new SourceResult(source.name(), canonicalCount + invalidCount, canonicalCount, invalidCount,
                runner.getFlowFilesForRelationship(failure).size(), output, invalidExamples(invalidFlowFiles));
    }

    private static List<String> invalidExamples(final List<MockFlowFile> invalid) throws IOException {
        final List<String> examples = new ArrayList<>();
        for (final MockFlowFile flowFile : invalid) {
            final com.fasterxml.jackson.databind.JsonNode records = new com.fasterxml.jackson.databind.ObjectMapper().readTree(flowFile.getContent());
            for (final com.fasterxml.jackson.databind.JsonNode record : records) {
                if (examples.size() == 3) {
                    return examples;
                }
                examples.add(record.get("source_id").asText() + ": " + record.get("mapping_errors").get(0).asText());
            }
        }
        return examples;
    }

    /**
     * Reads {@code Property Name = value} lines ({@code #} starts a comment line). Split at the first
     * '=': property names never contain one, RecordPath predicates in values may.
     */
    static Map<String, String> loadMapping(final Path file) throws IOException {
        final Map<String, String> mapping = new TreeMap<>();
        int lineNumber = 0;
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": expected 'Property Name = value', got: " + line);
            }
            mapping.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return mapping;
    }

    private static Relationship relationship(final TestRunner runner, final String name) {
        return runner.getProcessor().getRelationships().stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private static int count(final List<MockFlowFile> flowFiles) {
        return flowFiles.stream().mapToInt(f -> Integer.parseInt(f.getAttribute("record.count"))).sum();
    }
}
