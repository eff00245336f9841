package io.github.nifiintegration.tooling.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.dedupe.KeyHash;
import io.github.nifiintegration.dedupe.SeenKeyStore;
import io.github.nifiintegration.dedupe.Verdict;
import io.github.nifiintegration.processors.dedupe.DeduplicateRecords;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.generate.DuplicateDataset;
import io.github.nifiintegration.tooling.generate.Person;
import io.github.nifiintegration.tooling.generate.PersonGenerator;
import io.github.nifiintegration.tooling.quality.DedupeGroups;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;
import org.apache.nifi.processors.standard.ConvertRecord;
import org.apache.nifi.processors.standard.DeduplicateRecord;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code ./run-tool.sh benchmark-dedupe [records] [keys] [parts]}: DeduplicateRecords against NiFi's own
 * processors, in one JVM, with the same CSVReader and JsonRecordSetWriter:
 * <ol>
 *   <li><b>exact</b>: generated records with 10% exact duplicates (each a copy of an earlier record of
 *       its FlowFile, so that single-FlowFile DeduplicateRecord can find them all), FlowFiles of
 *       10,000: ConvertRecord (reading and writing alone, the floor), DeduplicateRecord (single
 *       file, hash-set filter), DeduplicateRecords exact across FlowFiles (persisted, whole-record
 *       key) and within a FlowFile. Warm-up, then interleaved rounds, best of each;</li>
 *   <li><b>keys</b>: distinct keys through the seen-key store: bytes per key, false positives among as
 *       many keys never inserted, keys forgotten, and the time a restart takes to load them;</li>
 *   <li><b>fuzzy</b>: generated person records with 30% damaged copies, DeduplicateRecords fuzzy across
 *       FlowFiles with the person model: records/s and pairwise F1 against the generator's truth.</li>
 * </ol>
 */
public final class DedupeBenchmark {

    private static final int RECORDS_PER_FLOWFILE = 10_000;
    /** Interleaved rounds, best of each; more on a busy machine: TOOL_JAVA_OPTS="-Xmx8g -Ddedupe.rounds=5". */
    private static final int ROUNDS = Math.max(1, Integer.getInteger("dedupe.rounds", 3));
    private static final String FLOOR = "ConvertRecord (floor)";
    private static final String NIFI_DEDUPE = "DeduplicateRecord (single file, hash set)";
    private static final String OURS_ACROSS = "DeduplicateRecords exact, across FlowFiles";
    private static final String OURS_FLOWFILE = "DeduplicateRecords exact, within a FlowFile";
    private static final List<String> COUNTED = List.of("success", "unique", "non-duplicate", "duplicate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int records;
    private final int keys;
    private final List<String> parts;
    private final Path model;
    private final PrintStream out;

    public DedupeBenchmark(final int records, final int keys, final List<String> parts, final Path model, final PrintStream out) {
        this.records = records;
        this.keys = keys;
        this.parts = parts;
        this.model = model;
        this.out = out;
    }

    public void run() throws Exception {
        out.printf(Locale.ROOT, "Deduplication benchmark; JVM %s, %d cores, max heap %,d MB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        if (parts.contains("exact")) {
            exact();
        }
        if (parts.contains("keys")) {
            keys();
        }
        if (parts.contains("fuzzy")) {
            fuzzy();
        }
    }

    // ---------------------------------------------------------------- exact

    private void exact() {
        out.printf(Locale.ROOT, "%nExact: %,d generated records, 10%% exact duplicates, FlowFiles of %,d; CSVReader (inferred schema) -> JsonRecordSetWriter%n",
                records, RECORDS_PER_FLOWFILE);
        final List<byte[]> flowFiles = exactInput(records);

        final Map<String, Supplier<TestRunner>> processors = new LinkedHashMap<>();
        processors.put(FLOOR, () -> withServices(ConvertRecord.class));
        processors.put(NIFI_DEDUPE, DedupeBenchmark::nifiDeduplicateRecord);
        processors.put(OURS_ACROSS, () -> deduplicateRecords(true, records));
        processors.put(OURS_FLOWFILE, () -> deduplicateRecords(false, 0));

        final List<byte[]> warmUp = flowFiles.subList(0, Math.min(flowFiles.size(), 10));
        out.println("Warming up each processor on " + warmUp.size() + " FlowFiles ...");
        processors.forEach((name, factory) -> check(name, ProcessorTiming.time(name, factory, warmUp, (long) warmUp.size() * RECORDS_PER_FLOWFILE, COUNTED)));

        final Map<String, ProcessorTiming.Pass> best = new LinkedHashMap<>();
        // each processor's speed over ConvertRecord's in the same round: the machine's drift between rounds cancels out
        final Map<String, List<Double>> pairedRatios = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            final Map<String, Double> thisRound = new LinkedHashMap<>();
            for (final Map.Entry<String, Supplier<TestRunner>> processor : processors.entrySet()) {
                final ProcessorTiming.Pass pass = ProcessorTiming.time(processor.getKey(), processor.getValue(), flowFiles, records, COUNTED);
                check(processor.getKey(), pass);
                out.printf(Locale.ROOT, "  round %d/%d  %-45s %,12.0f records/s  (%.2f s, JVM CPU %.2f µs/record)%n", round, ROUNDS, processor.getKey(),
                        pass.recordsPerSecond(), pass.nanos() / 1e9, pass.cpuMicrosPerRecord());
                best.merge(processor.getKey(), pass, (a, b) -> a.nanos() <= b.nanos() ? a : b);
                thisRound.put(processor.getKey(), pass.recordsPerSecond());
            }
            thisRound.forEach((name, speed) -> pairedRatios.computeIfAbsent(name, n -> new ArrayList<>()).add(speed / thisRound.get(FLOOR)));
        }
        final double floor = best.get(FLOOR).recordsPerSecond();
        final double nifi = best.get(NIFI_DEDUPE).recordsPerSecond();
        out.println();
        out.printf(Locale.ROOT, "%-45s %12s %16s %20s %22s %12s%n", "best of " + ROUNDS + " rounds", "records/s", "x ConvertRecord", "x DeduplicateRecord",
                "x CR, median of rounds", "duplicates");
        best.forEach((name, pass) -> out.printf(Locale.ROOT, "%-45s %,12.0f %16.2f %20.2f %22.2f %,12d%n", name, pass.recordsPerSecond(), pass.recordsPerSecond() / floor,
                pass.recordsPerSecond() / nifi, median(pairedRatios.get(name)), pass.recordsByRelationship().getOrDefault("duplicate", 0L)));
        for (final String ours : List.of(OURS_ACROSS, OURS_FLOWFILE)) {
            final double speed = best.get(ours).recordsPerSecond();
            final double paired = median(pairedRatios.get(ours));
            out.printf(Locale.ROOT, "Goals, %s: faster than DeduplicateRecord: %.2fx, %s; at least 0.9x ConvertRecord: %.2fx best of rounds, %.2fx median of rounds, %s%n",
                    ours.substring(ours.lastIndexOf(", ") + 2), speed / nifi, speed > nifi ? "met" : "NOT met", speed / floor, paired,
                    Math.min(speed / floor, paired) >= 0.9 ? "met" : "NOT met");
        }
    }

    private static double median(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        final int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Every record out, and exactly the planted duplicates (one record in ten) found. */
    private static void check(final String name, final ProcessorTiming.Pass pass) {
        if (pass.recordsOut() != pass.recordsIn()) {
            throw new IllegalStateException(name + " wrote " + pass.recordsOut() + " records of " + pass.recordsIn());
        }
        final long duplicates = pass.recordsByRelationship().getOrDefault("duplicate", 0L);
        if (!name.equals(FLOOR) && duplicates != pass.recordsIn() / 10) {
            throw new IllegalStateException(name + " found " + duplicates + " duplicates, not the " + pass.recordsIn() / 10 + " planted");
        }
    }

    /** CSV FlowFiles; record i of a FlowFile with i % 10 == 9 is an exact copy of a random earlier record of the same FlowFile. */
    static List<byte[]> exactInput(final int records) {
        final PersonGenerator people = new PersonGenerator(7);
        final SplittableRandom random = new SplittableRandom(17);
        final List<byte[]> flowFiles = new ArrayList<>();
        final List<String> lines = new ArrayList<>(RECORDS_PER_FLOWFILE);
        int fresh = 0;
        for (int i = 0; i < records; i++) {
            final int position = i % RECORDS_PER_FLOWFILE;
            if (position % 10 == 9) {
                lines.add(lines.get(random.nextInt(position)));
            } else {
                final Person person = people.next();
                lines.add("C" + (++fresh) + ',' + person.givenName() + ',' + person.familyName() + ',' + person.email() + ','
                        + person.mobile() + ',' + person.suburb() + ',' + person.postcode());
            }
            if (lines.size() == RECORDS_PER_FLOWFILE || i == records - 1) {
                flowFiles.add(("CustId,FirstName,LastName,Email,Phone,City,Postcode\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                lines.clear();
            }
        }
        return flowFiles;
    }

    private static TestRunner withServices(final Class<? extends org.apache.nifi.processor.Processor> type) {
        return MappingBenchmark.withServices(type, "Record Reader", "Record Writer");
    }

    private static TestRunner nifiDeduplicateRecord() {
        // DeduplicateRecord's properties go by their machine names (record-reader, filter-type, ...)
        final TestRunner runner = MappingBenchmark.withServices(DeduplicateRecord.class, "record-reader", "record-writer");
        runner.setProperty("deduplication-strategy", "single");
        runner.setProperty("filter-type", "hash-set");
        runner.setProperty("filter-capacity-hint", String.valueOf(RECORDS_PER_FLOWFILE));
        requireValid(runner);
        return runner;
    }

    /** @param expectedKeys across FlowFiles: the table's initial room, as DeduplicateRecord gets its filter capacity hint */
    private static TestRunner deduplicateRecords(final boolean acrossFlowFiles, final int expectedKeys) {
        final TestRunner runner = withServices(DeduplicateRecords.class);
        if (acrossFlowFiles) {
            runner.setProperty("Scope", "ACROSS_FLOWFILES");
            runner.setProperty("State Directory", temporaryDirectory("dedupe-benchmark-").toString());
            runner.setProperty("Expected Keys", String.valueOf(expectedKeys));
        } else {
            runner.setProperty("Scope", "FLOWFILE");
        }
        requireValid(runner);
        return runner;
    }

    // ---------------------------------------------------------------- keys

    private void keys() throws IOException {
        out.printf(Locale.ROOT, "%nSeen keys: %,d distinct keys through the exact store (128-bit hashes, persisted), then %,d keys never inserted%n", keys, keys);
        final Path directory = temporaryDirectory("dedupe-keys-");
        final SeenKeyStore.Options options = new SeenKeyStore.Options(false, false, null, "benchmark");
        final long heapBefore = usedHeapAfterGc();
        final long insertStart = System.nanoTime();
        final int batchSize = 100_000;
        long lastReport = System.nanoTime();
        int size;
        long memoryBytes;
        try (SeenKeyStore store = SeenKeyStore.open(directory, options, System::currentTimeMillis)) {
            for (int from = 0; from < keys; from += batchSize) {
                final SeenKeyStore.Batch batch = store.begin();
                for (int i = from; i < Math.min(keys, from + batchSize); i++) {
                    if (batch.check(KeyHash.of("inserted key " + i), 0, null).outcome() != Verdict.Outcome.UNIQUE) {
                        throw new IllegalStateException("distinct key " + i + " was taken for a duplicate while inserting");
                    }
                }
                batch.commit();
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    out.printf(Locale.ROOT, "  %,d keys inserted ...%n", from + batchSize);
                    lastReport = System.nanoTime();
                }
            }
            size = store.size();
            memoryBytes = store.memoryBytes();
        }
        final double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        final long logBytes = Files.size(directory.resolve("seen-keys.log"));

        final long loadStart = System.nanoTime();
        long falsePositives = 0;
        long forgotten = 0;
        final long heapLoaded;
        final double loadSeconds;
        try (SeenKeyStore store = SeenKeyStore.open(directory, options, System::currentTimeMillis)) {
            loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            heapLoaded = usedHeapAfterGc() - heapBefore;
            out.printf(Locale.ROOT, "  reopened (restart) in %.1f s; probing ...%n", loadSeconds);
            final SeenKeyStore.Batch probe = store.begin();
            for (int i = 0; i < keys; i++) {
                if (probe.check(KeyHash.of("never inserted " + i), 0, null).outcome() != Verdict.Outcome.UNIQUE) {
                    falsePositives++;
                }
                if (probe.check(KeyHash.of("inserted key " + i), 0, null).outcome() != Verdict.Outcome.DUPLICATE) {
                    forgotten++;
                }
                if (i % 1_000_000 == 999_999) {
                    // the probe's own new keys would otherwise grow the table: take them back as we go
                    probe.rollback();
                }
            }
        }
        deleteRecursively(directory);
        out.printf(Locale.ROOT, "  %,d keys inserted in %.1f s (%,.0f keys/s), log %,d bytes (%.1f bytes/key on disk)%n", size, insertSeconds, size / insertSeconds,
                logBytes, (double) logBytes / size);
        out.printf(Locale.ROOT, "  memory: table %,d bytes = %.1f bytes/key; heap after reopening, measured after GC: %.1f bytes/key%n", memoryBytes,
                (double) memoryBytes / size, (double) heapLoaded / size);
        out.printf(Locale.ROOT, "  false positives among %,d keys never inserted: %,d; inserted keys not recognised after the restart: %,d%n", keys, falsePositives, forgotten);
    }

    // ---------------------------------------------------------------- fuzzy

    private void fuzzy() throws Exception {
        out.printf(Locale.ROOT, "%nFuzzy: %,d generated person records, 30%% damaged copies (seed 11), FlowFiles of %,d, model %s;%n"
                + "CSVReader (string fields) -> JsonRecordSetWriter, DeduplicateRecords fuzzy across FlowFiles, 1 task%n", records, RECORDS_PER_FLOWFILE, model);
        // JIT warm-up on a throwaway state, as the resolution benchmark does, so the measured run pays no compilation
        out.println("Warming up on 20,000 records (not reported) ...");
        fuzzyRun(20_000, false);
        fuzzyRun(records, true);
    }

    private void fuzzyRun(final int size, final boolean report) throws Exception {
        final Path state = temporaryDirectory("dedupe-fuzzy-");
        final TestRunner runner = fuzzyRunner(state);
        final DuplicateDataset dataset = new DuplicateDataset(11, 0.3);
        final int[] truth = new int[size + 1];
        final PairwiseQuality quality = new PairwiseQuality();
        long nanos = 0;
        long duplicates = 0;
        long lastReport = System.nanoTime();
        for (int done = 0; done < size; done += RECORDS_PER_FLOWFILE) {
            final int count = Math.min(RECORDS_PER_FLOWFILE, size - done);
            final StringBuilder csv = new StringBuilder(count * 110).append(DuplicateDataset.csvHeader()).append('\n');
            for (final DuplicateDataset.GeneratedRecord record : dataset.next(count)) {
                truth[DuplicateDataset.sequenceOf(record.sourceId())] = Integer.parseInt(record.entityId().substring(1));
                csv.append(DuplicateDataset.csvLine(record)).append('\n');
            }
            runner.enqueue(csv.toString().getBytes(StandardCharsets.UTF_8));
            final long start = System.nanoTime();
            runner.run(1, false, done == 0);
            nanos += System.nanoTime() - start;
            duplicates += groups(runner, truth, quality);
            if (report && System.nanoTime() - lastReport > 10_000_000_000L) {
                out.printf(Locale.ROOT, "  %,d records, %,.0f records/s so far%n", done + count, (done + count) * 1e9 / nanos);
                lastReport = System.nanoTime();
            }
        }
        runner.stop();
        deleteRecursively(state);
        if (!report) {
            return;
        }
        final double perSecond = size * 1e9 / nanos;
        out.printf(Locale.ROOT, "%nFuzzy, %,d records in %.1f s: %,.0f records/s; %,d duplicates; pairwise precision %.4f, recall %.4f, F1 %.4f%n", size, nanos / 1e9,
                perSecond, duplicates, quality.precision(), quality.recall(), quality.f1());
        out.printf(Locale.ROOT, "Goal: at least 20,000 records/s: %s%n", perSecond >= 20_000 ? "met" : "NOT met");
    }

    private TestRunner fuzzyRunner(final Path state) throws InitializationException {
        final TestRunner runner = RecordServiceSetup.fuzzyDeduplication(model, state);
        RecordServiceSetup.csvReaderWithStringFields(runner);
        RecordServiceSetup.jsonWriter(runner, false);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        requireValid(runner);
        return runner;
    }

    /** Adds the runner's output to the quality count (a record's group is the kept record it duplicates, or itself) and clears it. */
    private static long groups(final TestRunner runner, final int[] truth, final PairwiseQuality quality) throws IOException {
        if (!runner.getFlowFilesForRelationship("failure").isEmpty()) {
            throw new IllegalStateException("DeduplicateRecords routed records to failure");
        }
        long duplicates = 0;
        for (final String relationship : List.of("unique", "duplicate")) {
            for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                for (final JsonNode record : JSON.readTree(flowFile.getContent())) {
                    final String id = record.get("source_id").asText();
                    quality.add(DedupeGroups.groupOf(record, "source_id"), Integer.toString(truth[DuplicateDataset.sequenceOf(id)]));
                    duplicates += relationship.equals("duplicate") ? 1 : 0;
                }
            }
        }
        runner.clearTransferState();
        return duplicates;
    }

    // ---------------------------------------------------------------- helpers

    /** Says what is wrong with a configuration (assertValid needs JUnit, which the tools do not ship). */
    private static void requireValid(final TestRunner runner) {
        final java.util.Collection<org.apache.nifi.components.ValidationResult> results = ((org.apache.nifi.util.MockProcessContext) runner.getProcessContext()).validate();
        final List<String> problems = results.stream().filter(result -> !result.isValid()).map(Object::toString).toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(runner.getProcessor().getClass().getSimpleName() + " is not valid: " + problems);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Path temporaryDirectory(final String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
