package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One processor of an assembled flow: its definition, its runner and where each relationship leads. */
public final class FlowNode {

    private final VersionedProcessor definition;
    private final TestRunner runner;
    private final Map<String, List<FlowNode>> destinations = new LinkedHashMap<>();
    private boolean hasIncoming;

    FlowNode(final VersionedProcessor definition, final TestRunner runner) {
        this.definition = definition;
        this.runner = runner;
    }

    public VersionedProcessor definition() {
        return definition;
    }

    public String name() {
        return definition.getName();
    }

    /** The simple class name of the processor, e.g. ListFile. */
    public String typeName() {
        return simpleName(definition.getType());
    }

    public TestRunner runner() {
        return runner;
    }

    /** The processor's relationships as it declares them with its current properties. */
    public List<String> relationships() {
        return runner.getProcessor().getRelationships().stream().map(Relationship::getName).sorted().toList();
    }

    /** The processors a relationship leads to (none when it is auto-terminated). */
    public List<FlowNode> destinations(final String relationship) {
        return destinations.getOrDefault(relationship, List.of());
    }

    public Map<String, List<FlowNode>> connections() {
        return destinations;
    }

    /** True when no connection leads into this processor: the flow runner triggers it until it has nothing more to give. */
    public boolean isSource() {
        return !hasIncoming;
    }

    void connect(final String relationship, final FlowNode destination) {
        destinations.computeIfAbsent(relationship, r -> new ArrayList<>()).add(destination);
        destination.hasIncoming = true;
    }

    @Override
    public String toString() {
        return describe("processor", definition.getName(), definition.getType(), definition.getIdentifier());
    }

    static String describe(final String kind, final String name, final String type, final String id) {
        return kind + " '" + name + "' (" + simpleName(type) + ", id " + id + ")";
    }

    static String simpleName(final String type) {
        return type == null ? "no type" : type.substring(type.lastIndexOf('.') + 1);
    }
}
