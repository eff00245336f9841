package io.github.nifiintegration.tooling.flow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run-flow <definition.json> [--param name=value ...]}: loads a NiFi flow definition, checks
 * and assembles it, runs it until every queue is empty and prints what each processor did.
 */
public final class RunFlowCommand {

    public static final String USAGE = "run-flow <definition.json> [--param name=value ...]";

    private final PrintStream out;

    public RunFlowCommand(final PrintStream out) {
        this.out = out;
    }

    /** Parses the command line, runs the flow and prints its report. */
    public FlowRunResult run(final List<String> arguments) throws Exception {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("usage: ./run-tool.sh " + USAGE);
        }
        final Map<String, String> overrides = parameterOverrides(arguments.subList(1, arguments.size()));
        return run(Path.of(arguments.get(0)), overrides);
    }

    public FlowRunResult run(final Path definitionFile, final Map<String, String> overrides) throws Exception {
        final FlowDefinition definition = FlowDefinition.load(definitionFile);
        try (AssembledFlow flow = new FlowAssembler(ComponentCatalog.fromClasspath()).assemble(definition, overrides)) {
            out.printf("Flow '%s' (%s): %d processors, %d controller services, all valid%n", flow.name(), definitionFile,
                    flow.processors().size(), flow.services().size());
            flow.parameters().forEach((name, value) -> out.printf("  #{%s} = %s%n", name, value));
            flow.warnings().forEach(warning -> out.println("  warning: " + warning));
            out.println("Running until every queue is empty ...");
            final FlowRunResult result = new FlowExecution(flow, out).run();
            FlowRunReport.print(result, out);
            return result;
        }
    }

    static Map<String, String> parameterOverrides(final List<String> arguments) {
        final Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            final String argument = arguments.get(i);
            final String assignment;
            if (argument.equals("--param") && i + 1 < arguments.size()) {
                assignment = arguments.get(++i);
            } else if (argument.startsWith("--param=")) {
                assignment = argument.substring("--param=".length());
            } else {
                throw new IllegalArgumentException("unexpected argument '" + argument + "'; usage: ./run-tool.sh " + USAGE);
            }
            final int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--param " + assignment + ": expected name=value");
            }
            overrides.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return overrides;
    }
}
