package io.github.nifiintegration.tooling.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What each processor of a flow run did: FlowFiles taken in, and FlowFiles and records out per relationship. */
public record FlowRunResult(String flow, List<ProcessorCounts> processors, long elapsedMillis) {

    /** One processor's counts; records are the sum of the FlowFiles' {@code record.count} attributes, where they have one. */
    public record ProcessorCounts(String name, String type, long flowFilesIn, Map<String, Long> flowFilesOut, Map<String, Long> recordsOut,
                                  Map<String, List<String>> destinations) {

        public long flowFiles(final String relationship) {
            return flowFilesOut.getOrDefault(relationship, 0L);
        }

        public long records(final String relationship) {
            return recordsOut.getOrDefault(relationship, 0L);
        }

        /** Records out over every relationship. */
        public long records() {
            return recordsOut.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Optional<ProcessorCounts> processor(final String name) {
        return processors.stream().filter(counts -> counts.name().equals(name)).findFirst();
    }

    /** The processors of one type (simple class name), in flow order. */
    public List<ProcessorCounts> processorsOfType(final String type) {
        return processors.stream().filter(counts -> counts.type().equals(type)).toList();
    }

    static Map<String, Long> sorted(final Map<String, Long> counts) {
        return new TreeMap<>(counts);
    }
}
