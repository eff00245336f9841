package io.github.nifiintegration.tooling;

import io.github.nifiintegration.tooling.benchmark.DedupeBenchmark;
import io.github.nifiintegration.tooling.benchmark.GoldenRecordBenchmark;
import io.github.nifiintegration.tooling.benchmark.MappingBenchmark;
import io.github.nifiintegration.tooling.benchmark.ResolutionBenchmark;
import io.github.nifiintegration.tooling.demo.Customer360Demo;
import io.github.nifiintegration.tooling.estimation.EstimateModelCommand;
import io.github.nifiintegration.tooling.flow.FlowRunException;
import io.github.nifiintegration.tooling.flow.InvalidFlowException;
import io.github.nifiintegration.tooling.flow.RunFlowCommand;
import io.github.nifiintegration.tooling.quality.QualityCommand;
import io.github.nifiintegration.tooling.generate.ContactListSample;
import io.github.nifiintegration.tooling.generate.SampleSources;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The tooling's command line: {@code ./run-tool.sh <command> [options]}. */
public final class Main {

    private static final String USAGE = """
            usage: ./run-tool.sh <command> [arguments]
              demo                                  run templates/customer-360.json end to end with the flow runner
                                                    and check the customers against the truth file (./run-demo.sh)
              run-flow <definition.json> [--param name=value ...]
                                                    run a NiFi flow definition offline (nifi-mock) until every queue
                                                    is empty; prints each processor's counts per relationship
              generate-samples [dir] [people] [seed] remake the customer-360 sample sources and truth file
                                                    (default: templates/customer-360/input 300 42)
              generate-contact-list [dir] [people] [seed]
                                                    remake the contact-list-cleanup sample and truth file
                                                    (default: templates/contact-list-cleanup/input 150 7)
              estimate-model records.json template.json out.json [seed] [label-field]
                                                    estimate m, u and the prior of a match model from canonical
                                                    records (a JSON array), without labels, or from the labels
                                                    in label-field (each record's true entity)
              quality [datasets] [names]            match quality (precision, recall, F1) over the labelled data sets
                                                    (default: ../shared/datasets; names: only those data sets),
                                                    weights estimated without labels and learned from labels
              benchmark-mapping [records]           MapToCanonicalRecord vs UpdateRecord vs ConvertRecord
                                                    on the same generated records (default: 1000000)
              benchmark-resolution [sizes] [tasks]  ResolveEntities with the embedded store at each size and
                                                    number of concurrent tasks (default: 10000,100000,1000000 1,2)
              benchmark-postgres [sizes] [tasks]    ResolveEntities with the PostgreSQL store, on a PostgreSQL 14
                                                    server it starts itself (default: 100000,1000000 1,2,4)
              benchmark-dedupe [records] [keys] [parts]
                                                    DeduplicateRecords vs DeduplicateRecord vs ConvertRecord (exact),
                                                    distinct keys in the seen-key store (keys), fuzzy on person records
                                                    (default: 1000000 10000000 exact,keys,fuzzy)
              benchmark-golden [sizes] [store] [tasks] [overlap|sequential]
                                                    ResolveEntities and MaintainGoldenRecords on the embedded store or
                                                    'postgres'; sequential: one after the other, so MaintainGoldenRecords
                                                    is timed alone (default: 100000,1000000 embedded 1 sequential;
                                                    on postgres: 1,2,4 tasks, overlapping as on a canvas)
            """;

    private Main() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        final String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> new Customer360Demo(Path.of(""), Path.of("target/demo"), System.out).run();
            case "run-flow" -> runFlow(rest);
            case "generate-samples" -> {
                final Path directory = Path.of(arg(rest, 0, "templates/customer-360/input"));
                final int people = Integer.parseInt(arg(rest, 1, "300"));
                final long seed = Long.parseLong(arg(rest, 2, "42"));
                final SampleSources.Summary summary = new SampleSources(seed).write(directory, people);
                System.out.printf("Wrote %s: %d people as %d CRM rows, %d billing accounts, %d support tickets (seed %d), truth in truth.csv%n",
                        directory, summary.people(), summary.crm(), summary.billing(), summary.support(), seed);
            }
            case "generate-contact-list" -> {
                final Path directory = Path.of(arg(rest, 0, "templates/contact-list-cleanup/input"));
                final long seed = Long.parseLong(arg(rest, 2, "7"));
                final ContactListSample.Summary summary = new ContactListSample(seed).write(directory, Integer.parseInt(arg(rest, 1, "150")));
                System.out.printf("Wrote %s: %d people as %d sign-up rows (%d without a name), seed %d, truth in truth.csv%n",
                        directory, summary.people(), summary.rows(), summary.rowsWithoutName(), seed);
            }
            case "estimate-model" -> {
                if (rest.length < 3) {
                    System.err.print(USAGE);
                    System.exit(2);
                }
                new EstimateModelCommand(System.out).run(Path.of(rest[0]), Path.of(rest[1]), Path.of(rest[2]), Long.parseLong(arg(rest, 3, "42")),
                        rest.length > 4 ? rest[4] : null);
            }
            case "quality" -> new QualityCommand(Path.of(arg(rest, 0, "../shared/datasets")), Path.of("templates/models/quality"),
                    Path.of("target/quality"), System.out, rest.length > 1 ? List.of(rest).subList(1, rest.length) : List.of()).run();
            case "benchmark-mapping" -> new MappingBenchmark(Integer.parseInt(arg(rest, 0, "1000000")), System.out).run();
            case "benchmark-resolution" -> new ResolutionBenchmark(numbers(arg(rest, 0, "10000,100000,1000000")), numbers(arg(rest, 1, "1,2")),
                    Path.of("templates/models/person.json"), System.out).run();
            case "benchmark-postgres" -> ResolutionBenchmark.onPostgreSql(numbers(arg(rest, 0, "100000,1000000")), numbers(arg(rest, 1, "1,2,4")),
                    Path.of("templates/models/person.json"), System.out).run();
            case "benchmark-dedupe" -> new DedupeBenchmark(Integer.parseInt(arg(rest, 0, "1000000")), Integer.parseInt(arg(rest, 1, "10000000")),
                    List.of(arg(rest, 2, "exact,keys,fuzzy").split(",")), Path.of("templates/models/person.json"), System.out).run();
            case "benchmark-golden" -> ("postgres".equals(arg(rest, 1, "embedded"))
                    ? GoldenRecordBenchmark.onPostgreSql(numbers(arg(rest, 0, "100000,1000000")), numbers(arg(rest, 2, "1,2,4")),
                            overlapping(arg(rest, 3, "overlap")), Path.of("templates/models/person.json"), System.out)
                    : new GoldenRecordBenchmark(numbers(arg(rest, 0, "100000,1000000")), numbers(arg(rest, 2, "1")),
                            overlapping(arg(rest, 3, "sequential")), Path.of("templates/models/person.json"), System.out)).run();
            default -> {
                System.err.println("unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    private static void runFlow(final String[] arguments) throws Exception {
        try {
            new RunFlowCommand(System.out).run(List.of(arguments));
        } catch (final InvalidFlowException e) {
            System.out.flush();
            System.err.println("ERROR: " + e.getMessage());
            System.err.println("Nothing was run. Fix the components named above in the flow definition (or the --param values) and run again.");
            System.exit(1);
        } catch (final FlowRunException | IllegalArgumentException e) {
            System.out.flush();
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    private static java.util.List<Integer> numbers(final String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private static boolean overlapping(final String mode) {
        return switch (mode) {
            case "overlap" -> true;
            case "sequential" -> false;
            default -> {
                System.err.println("ERROR: benchmark-golden: the fourth argument is 'overlap' (both processors at once, as on a canvas) or "
                        + "'sequential' (one after the other), not '" + mode + "'");
                System.exit(2);
                yield false;
            }
        };
    }

    private static String arg(final String[] args, final int index, final String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
