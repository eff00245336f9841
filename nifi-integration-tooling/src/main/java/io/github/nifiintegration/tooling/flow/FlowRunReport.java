package io.github.nifiintegration.tooling.flow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a flow run's counts: per processor, the FlowFiles it took and what it sent where. */
public final class FlowRunReport {

    private FlowRunReport() {
    }

    public static void print(final FlowRunResult result, final PrintStream out) {
        out.printf(Locale.ROOT, "%nFlow '%s' finished in %.1f s; every queue is empty. Per processor: FlowFiles in, and FlowFiles (records) out per relationship:%n",
                result.flow(), result.elapsedMillis() / 1000.0);
        final int nameWidth = Math.max(20, result.processors().stream().mapToInt(counts -> counts.name().length()).max().orElse(0));
        final int typeWidth = Math.max(10, result.processors().stream().mapToInt(counts -> counts.type().length()).max().orElse(0));
        for (final FlowRunResult.ProcessorCounts counts : result.processors()) {
            final List<String> outputs = new ArrayList<>();
            for (final Map.Entry<String, Long> sent : counts.flowFilesOut().entrySet()) {
                final long records = counts.records(sent.getKey());
                final List<String> destinations = counts.destinations().getOrDefault(sent.getKey(), List.of());
                outputs.add(sent.getKey() + " " + sent.getValue() + (records > 0 ? " (" + records + ")" : "")
                        + (destinations.isEmpty() ? " -> auto-terminated" : " -> " + String.join(", ", destinations)));
            }
            out.printf(Locale.ROOT, "  %-" + nameWidth + "s  %-" + typeWidth + "s  in %4d   %s%n", counts.name(), counts.type(), counts.flowFilesIn(),
                    outputs.isEmpty() ? "nothing sent" : String.join("; ", outputs));
        }
    }
}
