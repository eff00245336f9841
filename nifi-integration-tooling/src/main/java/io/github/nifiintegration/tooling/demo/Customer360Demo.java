package io.github.nifiintegration.tooling.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.tooling.flow.FlowRunResult;
import io.github.nifiintegration.tooling.flow.RunFlowCommand;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo: runs templates/customer-360.json through the flow runner, exactly as NiFi would run the
 * flow definition, with a fresh embedded store, then reads what the flow wrote and checks the
 * customers it found against the sample sources' truth file.
 */
public final class Customer360Demo {

    /** The flow's writers put each outcome in a folder of its own under the output directory. */
    public static final List<String> OUTCOMES = List.of("resolved", "review", "invalid", "failed");

    /** One source: records read, and how many became canonical or were invalid. */
    public record SourceCounts(String mapper, long recordsIn, long canonical, long invalid) {
    }

    /** What the demo found. */
    public record Result(FlowRunResult run, List<SourceCounts> sources, int recordsResolved, int entities, int reviewItems,
                         Map<String, Integer> statuses, PairwiseQuality quality, Path outputDirectory) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path projectDirectory;
    private final Path workDirectory;
    private final PrintStream out;

    /**
     * @param projectDirectory where templates/ is
     * @param workDirectory    emptied, then holds the flow's output/ and store/
     */
    public Customer360Demo(final Path projectDirectory, final Path workDirectory, final PrintStream out) {
        this.projectDirectory = projectDirectory;
        this.workDirectory = workDirectory;
        this.out = out;
    }

    public Result run() throws Exception {
        final Path template = projectDirectory.resolve("templates/customer-360");
        final Path output = workDirectory.resolve("output");
        final Path store = workDirectory.resolve("store");
        deleteRecursively(output);
        deleteRecursively(store);
        final Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("input.directory", template.resolve("input").toString());
        parameters.put("model.file", projectDirectory.resolve("templates/models/person.json").toString());
        parameters.put("output.directory", output.toString());
        parameters.put("store.directory", store.toString());
        out.println("Running the customer-360 flow definition (templates/customer-360.json) with a fresh embedded store");
        final FlowRunResult run = new RunFlowCommand(out).run(projectDirectory.resolve("templates/customer-360.json"), parameters);

        final List<SourceCounts> sources = run.processorsOfType("MapToCanonicalRecord").stream()
                .map(mapper -> new SourceCounts(mapper.name(), mapper.records(), mapper.records("success"), mapper.records("invalid"))).toList();
        final List<JsonNode> resolved = readRecords(output.resolve("resolved"));
        final List<JsonNode> review = readRecords(output.resolve("review"));
        final List<JsonNode> all = new ArrayList<>(resolved);
        all.addAll(review);
        final Map<String, String> survivors = survivingEntityIds(all);
        final Map<String, String> truth = truth(template.resolve("input/truth.csv"));
        final PairwiseQuality quality = new PairwiseQuality();
        final Map<String, Integer> statuses = new TreeMap<>();
        for (final JsonNode record : all) {
            final String key = record.path("source_system").asText() + "," + record.path("source_id").asText();
            quality.add(survivor(record.path("entity_id").asText(), survivors), truth.getOrDefault(key, "unknown:" + key));
            statuses.merge(record.path("match_status").asText(), 1, Integer::sum);
        }
        final int entities = (int) all.stream().map(record -> survivor(record.path("entity_id").asText(), survivors)).distinct().count();
        final Result result = new Result(run, sources, all.size(), entities, review.size(), statuses, quality, output);
        print(result);
        return result;
    }

    private void print(final Result result) throws IOException {
        out.println();
        out.println("customer-360, end to end");
        out.println("  Records in per source:");
        for (final SourceCounts source : result.sources()) {
            out.printf(Locale.ROOT, "    %-36s %4d records -> %4d canonical, %d invalid%n", source.mapper(), source.recordsIn(), source.canonical(), source.invalid());
        }
        out.printf(Locale.ROOT, "  Records resolved:        %d (%s)%n", result.recordsResolved(), result.statuses());
        out.printf(Locale.ROOT, "  Entities (customers):    %d%n", result.entities());
        out.printf(Locale.ROOT, "  Duplicates removed:      not yet: the deduplication step (issue 5) is not in the flow; %d records joined a customer already known%n",
                result.recordsResolved() - result.entities());
        out.println("  Conflicts resolved:      not yet: golden records with survivorship (issue 6) are not in the flow");
        out.printf(Locale.ROOT, "  Review items:            %d (possible matches for a data steward)%n", result.reviewItems());
        out.printf(Locale.ROOT, "  Against truth.csv:       pairwise precision %.3f, recall %.3f, F1 %.3f (%d true pairs)%n",
                result.quality().precision(), result.quality().recall(), result.quality().f1(), result.quality().truePairs());
        out.println("  Written to " + result.outputDirectory().toAbsolutePath().normalize() + ":");
        for (final String outcome : OUTCOMES) {
            final Path folder = result.outputDirectory().resolve(outcome);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    out.printf("    %-9s %s%n", outcome + "/", files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.joining(", ")));
                }
            }
        }
        out.println("  (each file keeps the name of the source file it came from and holds JSON records)");
    }

    /** Every JSON array of records the flow wrote into a folder. */
    public static List<JsonNode> readRecords(final Path folder) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return records;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (final Path file : files.sorted().toList()) {
                JSON.readTree(file.toFile()).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Entities merged later in the run retire their ids; records written before the merge still carry
     * the retired id, so follow each retired id to the entity that absorbed it.
     */
    private static Map<String, String> survivingEntityIds(final List<JsonNode> records) {
        final Map<String, String> survivors = new HashMap<>();
        for (final JsonNode record : records) {
            record.path("merged_entity_ids").forEach(retired -> survivors.put(retired.asText(), record.path("entity_id").asText()));
        }
        return survivors;
    }

    private static String survivor(final String entityId, final Map<String, String> survivors) {
        String current = entityId;
        for (int hops = 0; survivors.containsKey(current) && hops < survivors.size(); hops++) {
            current = survivors.get(current);
        }
        return current;
    }

    /** {@code source_system,source_id -> entity_id} from a truth file. */
    public static Map<String, String> truth(final Path file) throws IOException {
        final Map<String, String> truth = new HashMap<>();
        final List<String> lines = Files.readAllLines(file);
        for (final String line : lines.subList(1, lines.size())) {
            final int last = line.lastIndexOf(',');
            truth.put(line.substring(0, last), line.substring(last + 1));
        }
        return truth;
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
