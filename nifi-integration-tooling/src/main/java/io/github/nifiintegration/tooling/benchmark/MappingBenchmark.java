package io.github.nifiintegration.tooling.benchmark;

import io.github.nifiintegration.processors.mapping.MapToCanonicalRecord;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.generate.Person;
import io.github.nifiintegration.tooling.generate.PersonGenerator;
import org.apache.nifi.processors.standard.ConvertRecord;
import org.apache.nifi.processors.standard.UpdateRecord;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * MapToCanonicalRecord against NiFi's own processors on the same generated records, the same
 * CSVReader and the same JsonRecordSetWriter, in one JVM:
 * <ul>
 *   <li>ConvertRecord: reading and writing alone, the floor no record processor can beat;</li>
 *   <li>UpdateRecord: the equivalent renames and lower-casing with RecordPath values;</li>
 *   <li>MapToCanonicalRecord doing the same work (plus its lineage fields), and once more with its
 *       full normalizers (names, e-mail, E.164 phone, postal code) for information.</li>
 * </ul>
 * Each processor first runs a warm-up pass; then the measured rounds interleave the processors so
 * that none profits from running last. The best round of each is reported.
 */
public final class MappingBenchmark {

    private static final int RECORDS_PER_FLOWFILE = 10_000;
    private static final int ROUNDS = 3;
    private static final List<String> OUTPUT_RELATIONSHIPS = List.of("success", "invalid");

    private final int recordCount;
    private final PrintStream out;

    public MappingBenchmark(final int recordCount, final PrintStream out) {
        this.recordCount = recordCount;
        this.out = out;
    }

    public void run() {
        out.printf(Locale.ROOT, "Mapping benchmark: %,d generated person records in FlowFiles of %,d; CSVReader (inferred schema) -> JsonRecordSetWriter%n",
                recordCount, RECORDS_PER_FLOWFILE);
        out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %,d MB%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        final long generateStart = System.nanoTime();
        final List<byte[]> flowFiles = generate(recordCount);
        out.printf(Locale.ROOT, "Generated the input in %.1f s (seed 7)%n", (System.nanoTime() - generateStart) / 1e9);

        final Map<String, Supplier<TestRunner>> processors = new LinkedHashMap<>();
        processors.put("ConvertRecord (floor)", MappingBenchmark::convertRecord);
        processors.put("UpdateRecord", MappingBenchmark::updateRecord);
        processors.put("MapToCanonicalRecord", () -> mapToCanonical(false));
        processors.put("MapToCanonicalRecord, full normalizers", () -> mapToCanonical(true));

        final List<byte[]> warmUp = flowFiles.subList(0, Math.min(flowFiles.size(), 10));
        out.println("Warming up each processor on " + warmUp.size() + " FlowFiles ...");
        processors.forEach((name, factory) -> ProcessorTiming.time(name, factory, warmUp, (long) warmUp.size() * RECORDS_PER_FLOWFILE, OUTPUT_RELATIONSHIPS));

        final Map<String, ProcessorTiming.Pass> best = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (final Map.Entry<String, Supplier<TestRunner>> processor : processors.entrySet()) {
                final ProcessorTiming.Pass pass = ProcessorTiming.time(processor.getKey(), processor.getValue(), flowFiles, recordCount, OUTPUT_RELATIONSHIPS);
                if (pass.recordsOut() != recordCount) {
                    throw new IllegalStateException(processor.getKey() + " wrote " + pass.recordsOut() + " records of " + recordCount);
                }
                out.printf(Locale.ROOT, "  round %d/%d  %-40s %,12.0f records/s  (%.2f s)%n", round, ROUNDS, processor.getKey(), pass.recordsPerSecond(), pass.nanos() / 1e9);
                best.merge(processor.getKey(), pass, (a, b) -> a.nanos() <= b.nanos() ? a : b);
            }
        }

        final double floor = best.get("ConvertRecord (floor)").recordsPerSecond();
        final double update = best.get("UpdateRecord").recordsPerSecond();
        out.println();
        out.printf(Locale.ROOT, "%-40s %14s %16s %15s%n", "best of " + ROUNDS + " rounds", "records/s", "x ConvertRecord", "x UpdateRecord");
        best.forEach((name, pass) -> out.printf(Locale.ROOT, "%-40s %,14.0f %16.2f %15.2f%n", name, pass.recordsPerSecond(),
                pass.recordsPerSecond() / floor, pass.recordsPerSecond() / update));
        out.printf(Locale.ROOT, "Peak heap used: %,d MB%n", peakHeapMegabytes());
        final double ratio = best.get("MapToCanonicalRecord").recordsPerSecond() / update;
        out.printf(Locale.ROOT, "Goal: MapToCanonicalRecord >= 1.0x UpdateRecord on equivalent work: %.2fx, %s%n", ratio, ratio >= 1.0 ? "met" : "NOT met");
    }

    /** CSV FlowFiles, each with its header line. */
    static List<byte[]> generate(final int records) {
        final PersonGenerator people = new PersonGenerator(7);
        final List<byte[]> flowFiles = new ArrayList<>();
        StringBuilder csv = null;
        for (int i = 0; i < records; i++) {
            if (i % RECORDS_PER_FLOWFILE == 0) {
                if (csv != null) {
                    flowFiles.add(csv.toString().getBytes(StandardCharsets.UTF_8));
                }
                csv = new StringBuilder(RECORDS_PER_FLOWFILE * 96).append("CustId,FirstName,LastName,Email,Phone,City,Postcode\n");
            }
            final Person person = people.next();
            csv.append('C').append(i).append(',').append(person.givenName().toUpperCase(Locale.ROOT)).append(',')
                    .append(person.familyName()).append(',').append(person.email().toUpperCase(Locale.ROOT)).append(',')
                    .append(person.mobile()).append(',').append(person.suburb()).append(',').append(person.postcode()).append('\n');
        }
        if (csv != null) {
            flowFiles.add(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        return flowFiles;
    }

    /** The processor with the benchmarks' CSVReader and JsonRecordSetWriter set on the given properties. */
    static TestRunner withServices(final Class<? extends org.apache.nifi.processor.Processor> type, final String readerProperty, final String writerProperty) {
        try {
            final TestRunner runner = TestRunners.newTestRunner(type);
            RecordServiceSetup.csvReader(runner);
            RecordServiceSetup.jsonWriter(runner, false);
            runner.setProperty(readerProperty, RecordServiceSetup.READER);
            runner.setProperty(writerProperty, RecordServiceSetup.WRITER);
            return runner;
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestRunner convertRecord() {
        return withServices(ConvertRecord.class, "Record Reader", "Record Writer");
    }

    private static TestRunner updateRecord() {
        final TestRunner runner = withServices(UpdateRecord.class, "Record Reader", "Record Writer");
        runner.setProperty("Replacement Value Strategy", "record-path-value");
        runner.setProperty("/source_id", "/CustId");
        runner.setProperty("/given_name", "/FirstName");
        runner.setProperty("/family_name", "/LastName");
        runner.setProperty("/email", "toLowerCase(/Email)");
        runner.setProperty("/city", "toLowerCase(/City)");
        runner.assertValid();
        return runner;
    }

    private static TestRunner mapToCanonical(final boolean fullNormalizers) {
        final TestRunner runner = withServices(MapToCanonicalRecord.class, "Record Reader", "Record Writer");
        runner.setProperty("Source System", "bench");
        runner.setProperty("Source Record ID Path", "/CustId");
        if (fullNormalizers) {
            runner.setProperty("Default Region", "AU");
            runner.setProperty("given_name", "/FirstName | collapse | title");
            runner.setProperty("family_name", "/LastName | collapse | title");
            runner.setProperty("email", "/Email | email");
            runner.setProperty("phone", "/Phone | phone");
            runner.setProperty("city", "/City | collapse | title");
            runner.setProperty("postal_code", "/Postcode | postal_code");
        } else {
            runner.setProperty("given_name", "/FirstName");
            runner.setProperty("family_name", "/LastName");
            runner.setProperty("email", "/Email | lower");
            runner.setProperty("city", "/City | lower");
        }
        runner.assertValid();
        return runner;
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
