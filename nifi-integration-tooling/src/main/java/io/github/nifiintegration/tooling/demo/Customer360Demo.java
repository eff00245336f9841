package io.github.nifiintegration.tooling.demo;

import io.github.nifiintegration.tooling.flow.FlowRunResult;
import io.github.nifiintegration.tooling.flow.RunFlowCommand;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo: runs templates/customer-360.json through the flow runner, exactly as NiFi would run the
 * flow definition, with a fresh embedded store, then reads what the flow wrote and checks the
 * customers it found against the sample sources' truth file.
 */
public final class Customer360Demo {

    /** The flow's writers put each outcome in a folder of its own under the output directory. */
    public static final List<String> OUTCOMES = List.of("golden", "changes", "customers", "duplicates", "resolved", "review", "invalid", "failed");

    /** One source: records read, and how many became canonical or were invalid. */
    public record SourceCounts(String mapper, long recordsIn, long canonical, long invalid) {
    }

    /** What the demo found. */
    public record Result(FlowRunResult run, List<SourceCounts> sources, int recordsResolved, int entities, long truePeople, int reviewItems,
                         Map<String, Integer> statuses, PairwiseQuality quality, GoldenRecords golden, GoldenRecords.Conflicts conflicts,
                         long customerRows, long duplicatesRemoved, Path outputDirectory) {
    }

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
        final ResolvedRecords resolved = ResolvedRecords.read(output.resolve("resolved"), output.resolve("review"));
        final int reviewItems = ResolvedRecords.readRecords(output.resolve("review")).size();
        final Map<String, String> truth = ResolvedRecords.truth(template.resolve("input/truth.csv"));
        final PairwiseQuality quality = resolved.quality(truth);
        final GoldenRecords golden = GoldenRecords.read(output.resolve("golden"), output.resolve("changes"));
        final GoldenRecords.Conflicts conflicts = golden.conflicts(ResolvedRecords.read(output.resolve("resolved")));
        final var dedupe = run.processorsOfType("DeduplicateRecords").get(0);
        final Result result = new Result(run, sources, resolved.size(), resolved.entities(), truth.values().stream().distinct().count(), reviewItems,
                resolved.statuses(), quality, golden, conflicts, dedupe.records("unique"), dedupe.records("duplicate"), output);
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
        out.printf(Locale.ROOT, "  Entities (customers):    %d (the truth file has %d people)%n", result.entities(), result.truePeople());
        out.printf(Locale.ROOT, "  Duplicates removed:      %d records of a customer already listed (DeduplicateRecords on entity_id across FlowFiles; "
                + "%d rows in the customer list)%n", result.duplicatesRemoved(), result.customerRows());
        out.printf(Locale.ROOT, "  Golden records:          %d current (change events %s)%n", result.golden().current().size(), result.golden().events());
        out.printf(Locale.ROOT, "  Conflicts resolved:      %d field values on which a customer's sources disagreed, in %d customers, each chosen by a survivorship rule (see golden_lineage)%n",
                result.conflicts().fields(), result.conflicts().entities());
        out.printf(Locale.ROOT, "  Review items:            %d (possible matches for a data steward; their golden records wait for the steward's decision)%n", result.reviewItems());
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
