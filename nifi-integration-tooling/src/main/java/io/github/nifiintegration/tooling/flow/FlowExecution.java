package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs an assembled flow until it has nothing left to do. Each round triggers the source processors
 * (those without incoming connections), then every processor in flow order until its queue is empty,
 * handing each FlowFile to every connection that selects the relationship it was sent to. A source
 * is done when it gives nothing twice in a row with a pause between (listing processors such as
 * ListFile hold back files younger than their listing lag); the run ends when every source is done
 * and every queue is empty.
 */
public final class FlowExecution {

    /**
     * How long a source that gave nothing is left alone before it is asked once more: longer than
     * ListFile's listing lag for file systems with timestamps in seconds (1 s; 100 ms with millis).
     */
    private static final long QUIET_PERIOD_MILLIS = 1100;
    private static final int MAX_SOURCE_TRIGGERS = 1000;
    private static final int MAX_IDLE_TRIGGERS = 3;

    private enum SourceState { ACTIVE, QUIET_ONCE, DONE }

    private final AssembledFlow flow;
    private final PrintStream progress;
    private final Map<FlowNode, Counts> counts = new LinkedHashMap<>();
    private final Set<FlowNode> scheduled = new HashSet<>();
    private final long started = System.nanoTime();

    /** Mutable counts of one processor during the run. */
    private static final class Counts {
        private long in;
        private final Map<String, Long> flowFiles = new TreeMap<>();
        private final Map<String, Long> records = new TreeMap<>();
    }

    public FlowExecution(final AssembledFlow flow, final PrintStream progress) {
        this.flow = flow;
        this.progress = progress;
        flow.processors().forEach(node -> counts.put(node, new Counts()));
    }

    /**
     * @throws FlowRunException when a processor throws, or stops taking the FlowFiles queued for it
     */
    public FlowRunResult run() {
        final Map<FlowNode, SourceState> sources = new LinkedHashMap<>();
        flow.processors().stream().filter(FlowNode::isSource).forEach(node -> sources.put(node, SourceState.ACTIVE));
        final Map<FlowNode, Integer> sourceTriggers = new HashMap<>();
        try {
            while (true) {
                boolean sourceGaveSomething = false;
                for (final FlowNode source : sources.keySet()) {
                    if (sources.get(source) == SourceState.DONE) {
                        continue;
                    }
                    if (sourceTriggers.merge(source, 1, Integer::sum) > MAX_SOURCE_TRIGGERS) {
                        throw new FlowRunException(source + ": still producing FlowFiles after " + MAX_SOURCE_TRIGGERS
                                + " triggers; the flow runner runs flows whose sources run dry (ListFile with a tracking listing strategy, ...)");
                    }
                    if (trigger(source) > 0) {
                        sources.put(source, SourceState.ACTIVE);
                        sourceGaveSomething = true;
                    } else {
                        sources.put(source, sources.get(source) == SourceState.ACTIVE ? SourceState.QUIET_ONCE : SourceState.DONE);
                    }
                }
                drainQueues();
                if (!sources.containsValue(SourceState.ACTIVE) && !sources.containsValue(SourceState.QUIET_ONCE)) {
                    break;
                }
                if (!sourceGaveSomething) {
                    Thread.sleep(QUIET_PERIOD_MILLIS);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowRunException("interrupted");
        } finally {
            scheduled.forEach(node -> node.runner().stop());
        }
        return result();
    }

    private void drainQueues() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (final FlowNode node : flow.processors()) {
                int idle = 0;
                while (!node.runner().isQueueEmpty()) {
                    moved = true;
                    final int queued = node.runner().getQueueSize().getObjectCount();
                    final long out = trigger(node);
                    final int taken = queued - node.runner().getQueueSize().getObjectCount();
                    idle = taken == 0 && out == 0 ? idle + 1 : 0;
                    if (idle >= MAX_IDLE_TRIGGERS) {
                        throw new FlowRunException(node + ": took none of its " + queued + " queued FlowFile(s) in " + MAX_IDLE_TRIGGERS
                                + " triggers" + lastError(node.runner()));
                    }
                }
            }
        }
    }

    /** Triggers a processor once and hands what it sent on; returns how many FlowFiles it sent. */
    private long trigger(final FlowNode node) {
        final TestRunner runner = node.runner();
        final int queued = runner.getQueueSize().getObjectCount();
        try {
            runner.run(1, false, scheduled.add(node));
        } catch (final AssertionError e) {
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new FlowRunException(node + ": failed: " + cause.getMessage() + lastError(runner), cause);
        }
        final Counts nodeCounts = counts.get(node);
        nodeCounts.in += queued - runner.getQueueSize().getObjectCount();
        long sent = 0;
        final List<String> summary = new ArrayList<>();
        for (final Relationship relationship : runner.getProcessor().getRelationships()) {
            final List<MockFlowFile> flowFiles = runner.getFlowFilesForRelationship(relationship);
            if (flowFiles.isEmpty()) {
                continue;
            }
            final String name = relationship.getName();
            sent += flowFiles.size();
            nodeCounts.flowFiles.merge(name, (long) flowFiles.size(), Long::sum);
            final long records = flowFiles.stream().map(flowFile -> flowFile.getAttribute("record.count"))
                    .filter(count -> count != null && count.matches("\\d+")).mapToLong(Long::parseLong).sum();
            nodeCounts.records.merge(name, records, Long::sum);
            summary.add(name + " " + flowFiles.size() + (records > 0 ? " (" + records + " records)" : ""));
            for (final FlowNode destination : node.destinations(name)) {
                for (final MockFlowFile flowFile : flowFiles) {
                    // a copy per connection, as NiFi clones a FlowFile sent to several connections
                    destination.runner().enqueue(flowFile.toByteArray(), flowFile.getAttributes());
                }
            }
        }
        runner.clearTransferState();
        if (sent > 0) {
            progress.printf(Locale.ROOT, "  [%5.1fs] %-32s %s%n", (System.nanoTime() - started) / 1e9, node.name(), String.join(", ", summary));
        }
        return sent;
    }

    private static String lastError(final TestRunner runner) {
        final List<LogMessage> errors = runner.getLogger().getErrorMessages();
        if (errors.isEmpty()) {
            return "";
        }
        final LogMessage last = errors.get(errors.size() - 1);
        return "; its last error: " + MessageFormatter.arrayFormat(last.getMsg(), last.getArgs()).getMessage();
    }

    private FlowRunResult result() {
        final List<FlowRunResult.ProcessorCounts> processors = new ArrayList<>();
        for (final FlowNode node : flow.processors()) {
            final Counts nodeCounts = counts.get(node);
            final Map<String, List<String>> destinations = new TreeMap<>();
            node.connections().forEach((relationship, targets) -> destinations.put(relationship, targets.stream().map(FlowNode::name).toList()));
            processors.add(new FlowRunResult.ProcessorCounts(node.name(), node.typeName(), nodeCounts.in,
                    FlowRunResult.sorted(nodeCounts.flowFiles), FlowRunResult.sorted(nodeCounts.records), destinations));
        }
        return new FlowRunResult(flow.name(), processors, (System.nanoTime() - started) / 1_000_000);
    }
}
