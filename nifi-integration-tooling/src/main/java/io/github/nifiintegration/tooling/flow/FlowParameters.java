package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters a flow's components see, and their substitution into property values the way NiFi
 * does it: {@code #{name}} or {@code #{'name with spaces'}} is replaced by the value, {@code ##{}
 * stays a literal {@code #{}. A context's own parameters win over inherited ones, and earlier
 * inherited contexts over later ones; values given on the command line win over all.
 */
public final class FlowParameters {

    private static final Pattern REFERENCE = Pattern.compile("#+\\{('([^']*)'|([A-Za-z0-9 ._-]+))}");

    private final String contextName;
    private final Map<String, String> values;

    private FlowParameters(final String contextName, final Map<String, String> values) {
        this.contextName = contextName;
        this.values = values;
    }

    /**
     * @throws InvalidFlowException when the group names a context the definition lacks, or an override
     *                              names a parameter the context does not define
     */
    public static FlowParameters of(final FlowDefinition definition, final Map<String, String> overrides) {
        final String contextName = definition.flowContents().getParameterContextName();
        final Map<String, String> values = new LinkedHashMap<>();
        if (contextName != null) {
            collect(definition.parameterContexts(), contextName, values, new ArrayList<>());
        }
        final List<String> problems = new ArrayList<>();
        for (final Map.Entry<String, String> override : overrides.entrySet()) {
            if (!values.containsKey(override.getKey())) {
                problems.add("--param " + override.getKey() + ": the flow has no parameter '" + override.getKey() + "'"
                        + (values.isEmpty() ? " (it has no parameters)" : "; its parameters: " + String.join(", ", new TreeMap<>(values).keySet())));
            }
            values.put(override.getKey(), override.getValue());
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        return new FlowParameters(contextName, values);
    }

    private static void collect(final Map<String, VersionedParameterContext> contexts, final String name, final Map<String, String> values,
                                final List<String> visiting) {
        final VersionedParameterContext context = contexts.get(name);
        if (context == null) {
            throw new InvalidFlowException("parameter context '" + name + "' is used but not defined in 'parameterContexts'");
        }
        if (visiting.contains(name)) {
            throw new InvalidFlowException("parameter context '" + name + "' inherits from itself: " + String.join(" -> ", visiting) + " -> " + name);
        }
        visiting.add(name);
        if (context.getParameters() != null) {
            for (final VersionedParameter parameter : context.getParameters()) {
                values.putIfAbsent(parameter.getName(), parameter.getValue());
            }
        }
        if (context.getInheritedParameterContexts() != null) {
            for (final String inherited : context.getInheritedParameterContexts()) {
                collect(contexts, inherited, values, visiting);
            }
        }
        visiting.remove(name);
    }

    /** Every parameter with its value, by name. */
    public Map<String, String> values() {
        return new TreeMap<>(values);
    }

    /**
     * The value with its parameter references replaced.
     *
     * @param where names the component and property, for the message when a parameter is missing
     */
    public String substitute(final String value, final String where) {
        if (value == null || value.indexOf('#') < 0) {
            return value;
        }
        final Matcher matcher = REFERENCE.matcher(value);
        final StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            final String hashes = matcher.group().substring(0, matcher.group().indexOf('{'));
            final String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            final String replacement;
            if (hashes.length() % 2 == 0) {
                // ## escapes a #: "##{x}" is the text "#{x}"
                replacement = "#".repeat(hashes.length() / 2) + matcher.group().substring(hashes.length());
            } else {
                if (!values.containsKey(name)) {
                    throw new InvalidFlowException(where + " references parameter #{" + name + "}, which "
                            + (contextName == null ? "is not defined: the process group has no parameter context"
                            : "parameter context '" + contextName + "' does not define"));
                }
                replacement = "#".repeat(hashes.length() / 2) + java.util.Objects.toString(values.get(name), "");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
