package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.util.TestRunner;

import java.util.List;
import java.util.Map;

/**
 * A flow definition turned into live components, validated and ready to run: every controller
 * service created once and enabled (processors that name the same service share it), every
 * processor in a runner of its own, in the order the data flows. Close it to disable the services.
 */
public final class AssembledFlow implements AutoCloseable {

    private final String name;
    private final Map<String, String> parameters;
    private final List<FlowNode> processors;
    private final List<ControllerService> services;
    private final TestRunner serviceHost;
    private final List<String> warnings;

    AssembledFlow(final String name, final Map<String, String> parameters, final List<FlowNode> processors,
                  final List<ControllerService> services, final TestRunner serviceHost, final List<String> warnings) {
        this.name = name;
        this.parameters = parameters;
        this.processors = processors;
        this.services = services;
        this.serviceHost = serviceHost;
        this.warnings = warnings;
    }

    public String name() {
        return name;
    }

    /** The parameter values the components were configured with, after command-line overrides. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The processors, upstream before downstream. */
    public List<FlowNode> processors() {
        return processors;
    }

    /** The controller services, in the order they were enabled. */
    public List<ControllerService> services() {
        return services;
    }

    /** Things NiFi would accept but a reader should know, e.g. a bundle version other than the one on the classpath. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            final ControllerService service = services.get(i);
            if (serviceHost.isControllerServiceEnabled(service)) {
                serviceHost.disableControllerService(service);
            }
        }
    }
}
