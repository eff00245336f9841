package io.github.nifiintegration.tooling.benchmark;

import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.List;
import java.util.function.Supplier;

/**
 * Times one configured processor over a list of FlowFile contents: all FlowFiles are queued, then the
 * processor runs until the queue is empty. Only onTrigger time is measured (queueing is not), and the
 * records leaving on each relationship are counted so that a run that lost records cannot pass as fast.
 */
final class ProcessorTiming {

    /** One timed pass: how many records went in, how many came out (in all and per relationship), and how long it took. */
    record Pass(String processor, long recordsIn, long recordsOut, long nanos, long cpuNanos, java.util.Map<String, Long> recordsByRelationship) {
        double recordsPerSecond() {
            return recordsIn * 1e9 / nanos;
        }

        /** CPU the whole JVM spent per record (the processor's thread, the collector's, the compiler's): steadier than wall time on a shared machine. */
        double cpuMicrosPerRecord() {
            return cpuNanos / 1e3 / recordsIn;
        }
    }

    private ProcessorTiming() {
    }

    static Pass time(final String name, final Supplier<TestRunner> runnerFactory, final List<byte[]> flowFiles, final long recordsIn,
                     final List<String> countedRelationships) {
        final TestRunner runner = runnerFactory.get();
        for (final byte[] content : flowFiles) {
            runner.enqueue(content);
        }
        System.gc();
        final long cpuStart = processCpuNanos();
        final long start = System.nanoTime();
        runner.run(flowFiles.size());
        final long nanos = System.nanoTime() - start;
        final long cpuNanos = processCpuNanos() - cpuStart;
        long out = 0;
        final java.util.Map<String, Long> byRelationship = new java.util.TreeMap<>();
        for (final Relationship relationship : runner.getProcessor().getRelationships()) {
            if (countedRelationships.contains(relationship.getName())) {
                for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                    final String count = flowFile.getAttribute("record.count");
                    final long records = count == null ? 0 : Long.parseLong(count);
                    out += records;
                    byRelationship.merge(relationship.getName(), records, Long::sum);
                }
            }
        }
        if (!runner.getFlowFilesForRelationship("failure").isEmpty()) {
            throw new IllegalStateException(name + " routed " + runner.getFlowFilesForRelationship("failure").size() + " FlowFiles to failure");
        }
        runner.clearTransferState();
        return new Pass(name, recordsIn, out, nanos, cpuNanos, byRelationship);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
