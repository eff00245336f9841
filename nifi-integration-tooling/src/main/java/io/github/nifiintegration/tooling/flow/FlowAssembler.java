package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.ConnectableComponent;
import org.apache.nifi.flow.ConnectableComponentType;
import org.apache.nifi.flow.Position;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.ControllerServiceConfiguration;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a flow definition into an {@link AssembledFlow}: checks every component against the
 * catalog, substitutes the parameters, creates and validates the controller services and the
 * processors with nifi-mock, and checks the connections. Every problem names its component; all
 * problems of a stage are reported together.
 */
public final class FlowAssembler {

    private final ComponentCatalog catalog;

    public FlowAssembler(final ComponentCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param overrides parameter values that replace the definition's
     * @throws InvalidFlowException naming every component that NiFi would not run, and why
     */
    public AssembledFlow assemble(final FlowDefinition definition, final Map<String, String> overrides) {
        final VersionedProcessGroup group = definition.flowContents();
        final FlowParameters parameters = FlowParameters.of(definition, overrides);
        final List<String> warnings = new ArrayList<>();
        checkSupportedContents(group);
        final Map<String, VersionedControllerService> serviceDefinitions = byId(group.getControllerServices(), "controller service");
        final Map<String, VersionedProcessor> processorDefinitions = byId(group.getProcessors(), "processor");
        final List<String> problems = new ArrayList<>();
        serviceDefinitions.values().forEach(service -> checkCatalog("controller service", service, problems, warnings));
        processorDefinitions.values().forEach(processor -> checkCatalog("processor", processor, problems, warnings));
        throwIfAny(problems);

        final TestRunner host = TestRunners.newTestRunner(new ServiceHost());
        final List<ControllerService> services = createServices(serviceDefinitions, parameters, host);
        final AssembledFlow withServicesOnly = new AssembledFlow(definition.name(), parameters.values(), List.of(), services, host, warnings);
        try {
            final Map<String, FlowNode> nodes = createProcessors(processorDefinitions, parameters, host, services);
            connect(group.getConnections(), nodes);
            validateProcessors(nodes.values());
            return new AssembledFlow(definition.name(), parameters.values(), inFlowOrder(nodes.values()), services, host, warnings);
        } catch (final RuntimeException e) {
            // the services are enabled by now (a store holds its files open): disable them before refusing the flow
            withServicesOnly.close();
            throw e;
        }
    }

    private static void checkSupportedContents(final VersionedProcessGroup group) {
        final List<String> unsupported = new ArrayList<>();
        count(group.getProcessGroups(), "nested process group(s)", unsupported);
        count(group.getInputPorts(), "input port(s)", unsupported);
        count(group.getOutputPorts(), "output port(s)", unsupported);
        count(group.getFunnels(), "funnel(s)", unsupported);
        count(group.getRemoteProcessGroups(), "remote process group(s)", unsupported);
        if (!unsupported.isEmpty()) {
            throw new InvalidFlowException("process group '" + group.getName() + "' has " + String.join(", ", unsupported)
                    + ": the flow runner runs one process group of processors, connections and controller services");
        }
    }

    private static void count(final Collection<?> components, final String what, final List<String> found) {
        if (components != null && !components.isEmpty()) {
            found.add(components.size() + " " + what);
        }
    }

    private static <T extends VersionedConfigurableExtension> Map<String, T> byId(final Collection<T> components, final String kind) {
        final Map<String, T> byId = new LinkedHashMap<>();
        final List<T> sorted = new ArrayList<>(components == null ? List.of() : components);
        sorted.sort(Comparator.comparing(component -> Objects.toString(component.getName(), "")));
        for (final T component : sorted) {
            if (component.getIdentifier() == null || byId.put(component.getIdentifier(), component) != null) {
                throw new InvalidFlowException(describe(kind, component) + ": every component needs an identifier of its own");
            }
        }
        return byId;
    }

    private void checkCatalog(final String kind, final VersionedConfigurableExtension component, final List<String> problems, final List<String> warnings) {
        final Bundle declared = component.getBundle();
        final var known = catalog.bundleOf(Objects.toString(component.getType(), ""));
        if (known.isEmpty()) {
            problems.add(describe(kind, component) + ": unknown component type " + component.getType()
                    + "; the flow runner supports the components of " + catalog.describe());
        } else if (declared == null || !known.get().getGroup().equals(declared.getGroup()) || !known.get().getArtifact().equals(declared.getArtifact())) {
            problems.add(describe(kind, component) + ": bundle " + (declared == null ? "missing" : ComponentCatalog.coordinates(declared))
                    + ", but " + component.getType() + " is in " + ComponentCatalog.coordinates(known.get()));
        } else if (!known.get().getVersion().equals(declared.getVersion())) {
            warnings.add(describe(kind, component) + ": bundle version " + declared.getVersion() + ", running it with " + known.get().getVersion());
        }
    }

    private List<ControllerService> createServices(final Map<String, VersionedControllerService> definitions, final FlowParameters parameters,
                                                   final TestRunner host) {
        final List<String> problems = new ArrayList<>();
        final Map<String, ControllerService> services = new LinkedHashMap<>();
        for (final VersionedControllerService definition : definitions.values()) {
            final ControllerService service = instantiate(definition, ControllerService.class);
            try {
                host.addControllerService(definition.getIdentifier(), service);
            } catch (final InitializationException e) {
                throw new InvalidFlowException(describe("controller service", definition) + ": could not be initialized: " + e.getMessage());
            }
            services.put(definition.getIdentifier(), service);
        }
        final Map<String, Set<String>> references = new LinkedHashMap<>();
        for (final VersionedControllerService definition : definitions.values()) {
            final ControllerService service = services.get(definition.getIdentifier());
            final String where = describe("controller service", definition);
            final Map<String, String> properties = resolvedProperties(definition, service, parameters, where, problems);
            properties.forEach((name, value) -> host.setProperty(service, name, value));
            references.put(definition.getIdentifier(), serviceReferences(service, properties, services, where, problems));
        }
        throwIfAny(problems);

        final List<ControllerService> enabled = new ArrayList<>();
        for (final String id : enableOrder(references, definitions)) {
            final ControllerService service = services.get(id);
            final List<String> invalid = invalid(host.validate(service));
            if (invalid.isEmpty()) {
                try {
                    host.enableControllerService(service);
                    enabled.add(service);
                } catch (final AssertionError e) {
                    // nifi-mock reports a failing @OnEnabled as an assertion; NiFi would show it as a bulletin
                    problems.add(describe("controller service", definitions.get(id)) + ": could not be enabled: " + e.getMessage());
                }
            } else {
                invalid.forEach(reason -> problems.add(describe("controller service", definitions.get(id)) + ": " + reason));
            }
        }
        if (!problems.isEmpty()) {
            enabled.reversed().forEach(host::disableControllerService);
            throw new InvalidFlowException(problems);
        }
        return enabled;
    }

    /** Services first, then those that reference them; a cycle cannot be enabled in NiFi either. */
    private static List<String> enableOrder(final Map<String, Set<String>> references, final Map<String, VersionedControllerService> definitions) {
        final List<String> order = new ArrayList<>();
        final Set<String> visiting = new LinkedHashSet<>();
        for (final String id : references.keySet()) {
            visit(id, references, definitions, visiting, order);
        }
        return order;
    }

    private static void visit(final String id, final Map<String, Set<String>> references, final Map<String, VersionedControllerService> definitions,
                              final Set<String> visiting, final List<String> order) {
        if (order.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new InvalidFlowException(describe("controller service", definitions.get(id)) + ": its references form a cycle, which NiFi cannot enable");
        }
        for (final String referenced : references.get(id)) {
            visit(referenced, references, definitions, visiting, order);
        }
        visiting.remove(id);
        order.add(id);
    }

    private Map<String, FlowNode> createProcessors(final Map<String, VersionedProcessor> definitions, final FlowParameters parameters,
                                                   final TestRunner host, final List<ControllerService> services) {
        final List<String> problems = new ArrayList<>();
        final Map<String, ControllerService> servicesById = new LinkedHashMap<>();
        services.forEach(service -> servicesById.put(service.getIdentifier(), service));
        final Map<String, FlowNode> nodes = new LinkedHashMap<>();
        for (final VersionedProcessor definition : definitions.values()) {
            final Processor processor = instantiate(definition, Processor.class);
            final TestRunner runner = TestRunners.newTestRunner(processor, definition.getName());
            shareServices(host, runner, services);
            final String where = describe("processor", definition);
            final Map<String, String> properties = resolvedProperties(definition, processor, parameters, where, problems);
            properties.forEach(runner::setProperty);
            serviceReferences(processor, properties, servicesById, where, problems);
            nodes.put(definition.getIdentifier(), new FlowNode(definition, runner));
        }
        throwIfAny(problems);
        return nodes;
    }

    /**
     * Makes the enabled services of the host visible to a processor's runner without enabling them a
     * second time: nifi-mock gives each runner its own service registry, NiFi has one per flow.
     */
    private static void shareServices(final TestRunner host, final TestRunner runner, final List<ControllerService> services) {
        final MockProcessContext hostContext = (MockProcessContext) host.getProcessContext();
        final MockProcessContext context = (MockProcessContext) runner.getProcessContext();
        for (final ControllerService service : services) {
            final ControllerServiceConfiguration configuration = hostContext.getConfiguration(service.getIdentifier());
            context.addControllerService(service, configuration.getProperties(), configuration.getAnnotationData());
            context.getConfiguration(service.getIdentifier()).setEnabled(true);
        }
    }

    private static void connect(final Collection<VersionedConnection> connections, final Map<String, FlowNode> nodes) {
        final List<String> problems = new ArrayList<>();
        final List<VersionedConnection> sorted = new ArrayList<>(connections == null ? List.of() : connections);
        sorted.sort(Comparator.comparing(connection -> Objects.toString(connection.getIdentifier(), "")));
        for (final VersionedConnection connection : sorted) {
            final FlowNode source = endpoint(connection, connection.getSource(), "source", nodes, problems);
            final FlowNode destination = endpoint(connection, connection.getDestination(), "destination", nodes, problems);
            if (source == null || destination == null) {
                continue;
            }
            final Set<String> selected = connection.getSelectedRelationships() == null ? Set.of() : connection.getSelectedRelationships();
            if (selected.isEmpty()) {
                problems.add(describe(connection, source, destination) + ": selects no relationship");
            }
            for (final String relationship : selected.stream().sorted().toList()) {
                if (source.relationships().contains(relationship)) {
                    source.connect(relationship, destination);
                } else {
                    problems.add(describe(connection, source, destination) + ": uses relationship '" + relationship + "', which "
                            + source.typeName() + " does not have (its relationships: " + String.join(", ", source.relationships()) + ")");
                }
            }
        }
        throwIfAny(problems);
        for (final FlowNode node : nodes.values()) {
            final Set<String> autoTerminated = node.definition().getAutoTerminatedRelationships() == null ? Set.of()
                    : node.definition().getAutoTerminatedRelationships();
            for (final String relationship : autoTerminated.stream().sorted().toList()) {
                if (!node.relationships().contains(relationship)) {
                    problems.add(node + ": auto-terminates relationship '" + relationship + "', which " + node.typeName()
                            + " does not have (its relationships: " + String.join(", ", node.relationships()) + ")");
                }
            }
            for (final String relationship : node.relationships()) {
                if (node.connections().containsKey(relationship)) {
                    node.runner().addConnection(relationship);
                } else if (!autoTerminated.contains(relationship)) {
                    problems.add(node + ": relationship '" + relationship + "' is neither connected nor auto-terminated, so NiFi would not start it");
                }
            }
            final InputRequirement requirement = node.runner().getProcessor().getClass().getAnnotation(InputRequirement.class);
            if (requirement != null && requirement.value() == InputRequirement.Requirement.INPUT_REQUIRED && node.isSource()) {
                problems.add(node + ": needs an incoming connection");
            } else if (requirement != null && requirement.value() == InputRequirement.Requirement.INPUT_FORBIDDEN && !node.isSource()) {
                problems.add(node + ": takes no incoming connection");
            }
            node.runner().setIncomingConnection(!node.isSource());
        }
        throwIfAny(problems);
    }

    private static FlowNode endpoint(final VersionedConnection connection, final ConnectableComponent end, final String role,
                                     final Map<String, FlowNode> nodes, final List<String> problems) {
        final String where = "connection " + connection.getIdentifier();
        if (end == null || end.getId() == null) {
            problems.add(where + ": has no " + role);
            return null;
        }
        if (end.getType() != null && end.getType() != ConnectableComponentType.PROCESSOR) {
            problems.add(where + ": its " + role + " is a " + end.getType() + "; the flow runner connects processors only");
            return null;
        }
        final FlowNode node = nodes.get(end.getId());
        if (node == null) {
            problems.add(where + ": its " + role + " '" + end.getId() + "'" + (end.getName() == null ? "" : " (" + end.getName() + ")")
                    + " is not a processor of this flow");
        }
        return node;
    }

    private static void validateProcessors(final Collection<FlowNode> nodes) {
        final List<String> problems = new ArrayList<>();
        for (final FlowNode node : nodes) {
            invalid(node.runner().validate()).forEach(reason -> problems.add(node + ": " + reason));
        }
        throwIfAny(problems);
    }

    /** Sources first, then each processor after those that feed it; ties (and cycles) by canvas position, top to bottom, left to right. */
    private static List<FlowNode> inFlowOrder(final Collection<FlowNode> nodes) {
        final Comparator<FlowNode> byPosition = Comparator.comparingDouble((FlowNode node) -> position(node).getY())
                .thenComparingDouble(node -> position(node).getX()).thenComparing(FlowNode::name);
        final Map<FlowNode, Integer> incoming = new LinkedHashMap<>();
        nodes.forEach(node -> incoming.put(node, 0));
        nodes.forEach(node -> node.connections().values().stream().flatMap(List::stream).distinct()
                .forEach(destination -> incoming.merge(destination, 1, Integer::sum)));
        final List<FlowNode> order = new ArrayList<>();
        while (!incoming.isEmpty()) {
            final FlowNode next = incoming.entrySet().stream().filter(entry -> entry.getValue() == 0).map(Map.Entry::getKey).min(byPosition)
                    .orElseGet(() -> incoming.keySet().stream().min(byPosition).orElseThrow());
            incoming.remove(next);
            order.add(next);
            next.connections().values().stream().flatMap(List::stream).distinct().filter(incoming::containsKey)
                    .forEach(destination -> incoming.merge(destination, -1, Integer::sum));
        }
        return order;
    }

    private static Position position(final FlowNode node) {
        return node.definition().getPosition() == null ? new Position(0, 0) : node.definition().getPosition();
    }

    /** The definition's property values with parameters substituted; names the component cannot take are problems. */
    private static Map<String, String> resolvedProperties(final VersionedConfigurableExtension definition, final ConfigurableComponent component,
                                                          final FlowParameters parameters, final String where, final List<String> problems) {
        final Map<String, String> resolved = new TreeMap<>();
        final Map<String, String> properties = definition.getProperties() == null ? Map.of() : definition.getProperties();
        final List<String> known = component.getPropertyDescriptors().stream().map(PropertyDescriptor::getName).toList();
        for (final Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getValue() == null) {
                continue;
            }
            final PropertyDescriptor descriptor = component.getPropertyDescriptor(property.getKey());
            if (!known.contains(property.getKey()) && (descriptor == null || !descriptor.isDynamic() || isUnsupportedDynamic(component, property.getKey()))) {
                problems.add(where + ": has no property '" + property.getKey() + "' (and takes no dynamic properties); its properties: " + String.join(", ", known));
                continue;
            }
            try {
                resolved.put(property.getKey(), parameters.substitute(property.getValue(), where + ": property '" + property.getKey() + "'"));
            } catch (final InvalidFlowException e) {
                problems.add(e.getMessage());
            }
        }
        return resolved;
    }

    /** A component without dynamic properties answers an unknown name with a descriptor whose validator always fails. */
    private static boolean isUnsupportedDynamic(final ConfigurableComponent component, final String name) {
        final PropertyDescriptor descriptor = component.getPropertyDescriptor(name);
        return descriptor.getValidators().stream().anyMatch(validator -> validator == org.apache.nifi.components.Validator.INVALID);
    }

    /** The service ids a component's properties name, each checked to be a service of the flow of the right kind. */
    private static Set<String> serviceReferences(final ConfigurableComponent component, final Map<String, String> properties,
                                                 final Map<String, ControllerService> services, final String where, final List<String> problems) {
        final Set<String> referenced = new LinkedHashSet<>();
        properties.forEach((name, value) -> {
            final PropertyDescriptor descriptor = component.getPropertyDescriptor(name);
            final Class<? extends ControllerService> api = descriptor.getControllerServiceDefinition();
            if (api == null || value.isBlank()) {
                return;
            }
            final ControllerService service = services.get(value);
            if (service == null) {
                problems.add(where + ": property '" + name + "' references controller service '" + value
                        + "', which is not among the flow's controller services");
            } else if (!api.isInstance(service)) {
                problems.add(where + ": property '" + name + "' references controller service '" + value + "' (" + service.getClass().getSimpleName()
                        + "), which is not a " + api.getSimpleName());
            } else {
                referenced.add(value);
            }
        });
        return referenced;
    }

    private static List<String> invalid(final Collection<ValidationResult> results) {
        return results.stream().filter(result -> !result.isValid()).map(ValidationResult::toString).toList();
    }

    private static <T> T instantiate(final VersionedConfigurableExtension definition, final Class<T> kind) {
        try {
            return kind.cast(Class.forName(definition.getType()).getDeclaredConstructor().newInstance());
        } catch (final ReflectiveOperationException | ClassCastException e) {
            throw new InvalidFlowException(describe(kind == Processor.class ? "processor" : "controller service", definition)
                    + ": cannot be created as a " + kind.getSimpleName() + ": " + e);
        }
    }

    private static void throwIfAny(final List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
    }

    private static String describe(final String kind, final VersionedConfigurableExtension component) {
        return FlowNode.describe(kind, component.getName(), component.getType(), component.getIdentifier());
    }

    private static String describe(final VersionedConnection connection, final FlowNode source, final FlowNode destination) {
        return "connection " + connection.getIdentifier() + " from '" + source.name() + "' to '" + destination.name() + "'";
    }

    /** Holds the flow's controller services in nifi-mock: a processor that does nothing. */
    public static final class ServiceHost extends AbstractProcessor {
        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
        }
    }
}
