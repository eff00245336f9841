package io.github.nifiintegration.tooling.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.ResolvedOutput;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;
import org.apache.nifi.util.TestRunner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The second step of the demo: the canonical records of every source go through ResolveEntities
 * with a fresh embedded store and the person model, source after source, and the entities found are
 * checked against the sample's truth file.
 */
public final class ResolutionDemo {

    /** What resolution made of the sample sources. */
    public record Result(int records, int entities, Map<String, Integer> statuses, PairwiseQuality quality, Path output) {
    }

    private final Path templateDirectory;
    private final Path model;
    private final Path outputDirectory;
    private final PrintStream out;

    public ResolutionDemo(final Path templateDirectory, final Path model, final Path outputDirectory, final PrintStream out) {
        this.templateDirectory = templateDirectory;
        this.model = model;
        this.outputDirectory = outputDirectory;
        this.out = out;
    }

    public Result run(final List<MappingDemo.SourceResult> mapped) throws Exception {
        final Path store = outputDirectory.resolve("store");
        deleteRecursively(store);
        final TestRunner runner = RecordServiceSetup.resolveEntities(model, store);
        RecordServiceSetup.jsonReader(runner);
        RecordServiceSetup.jsonWriter(runner, true);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        runner.assertValid();

        out.println("Resolving the canonical records to customers (ResolveEntities, embedded store, model " + model + ")");
        final Map<String, String> truth = truth();
        final PairwiseQuality quality = new PairwiseQuality();
        final Map<String, Integer> statuses = new TreeMap<>();
        final Set<String> entities = new HashSet<>();
        final StringBuilder resolvedJson = new StringBuilder("[");
        int records = 0;
        for (final MappingDemo.SourceResult source : mapped) {
            runner.enqueue(source.output());
            runner.run(1, false, records == 0);
            int fromSource = 0;
            for (final JsonNode record : ResolvedOutput.drain(runner)) {
                fromSource++;
                statuses.merge(record.get("match_status").asText(), 1, Integer::sum);
                entities.add(record.get("entity_id").asText());
                final String key = record.get("source_system").asText() + "," + record.get("source_id").asText();
                quality.add(record.get("entity_id").asText(), truth.getOrDefault(key, "unknown:" + key));
                resolvedJson.append(resolvedJson.length() > 1 ? ",\n" : "\n").append(record);
            }
            out.printf(Locale.ROOT, "  %-8s %d canonical records resolved%n", source.source(), fromSource);
            records += fromSource;
        }
        runner.stop();
        runner.disableControllerService(runner.getControllerService(RecordServiceSetup.STORE));
        final Path output = outputDirectory.resolve("resolved.json");
        Files.writeString(output, resolvedJson.append("\n]\n"));
        out.printf(Locale.ROOT, "%nRecords resolved: %d into %d entities (%s)%n", records, entities.size(), statuses);
        out.printf(Locale.ROOT, "Against truth.csv: pairwise precision %.3f, recall %.3f, F1 %.3f (%d true pairs)%n",
                quality.precision(), quality.recall(), quality.f1(), quality.truePairs());
        out.println("Resolved records with their entity ids: " + output.toAbsolutePath().normalize());
        return new Result(records, entities.size(), statuses, quality, output);
    }

    private Map<String, String> truth() throws Exception {
        final Map<String, String> truth = new HashMap<>();
        final List<String> lines = Files.readAllLines(templateDirectory.resolve("input/truth.csv"));
        for (final String line : lines.subList(1, lines.size())) {
            final int last = line.lastIndexOf(',');
            truth.put(line.substring(0, last), line.substring(last + 1));
        }
        return truth;
    }

    private static void deleteRecursively(final Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
