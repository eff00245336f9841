package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter references are substituted the way NiFi does it. */
class FlowParametersTest {

    @Test
    void substitutesPlainAndQuotedNamesAndKeepsEscapedReferences() {
        final FlowParameters parameters = FlowParameters.of(definition("ctx", Map.of("ctx", context(List.of(), "dir", "/data", "my dir", "/x"))), Map.of());
        assertEquals("/data/out", parameters.substitute("#{dir}/out", "test"));
        assertEquals("/x and /data", parameters.substitute("#{'my dir'} and #{dir}", "test"));
        assertEquals("#{dir} is /data", parameters.substitute("##{dir} is #{dir}", "test"));
        assertEquals("no references", parameters.substitute("no references", "test"));
    }

    @Test
    void ownParametersWinOverInheritedOnesAndOverridesWinOverAll() {
        final FlowDefinition definition = definition("child", Map.of(
                "child", context(List.of("first", "second"), "a", "child"),
                "first", context(List.of(), "a", "first", "b", "first"),
                "second", context(List.of(), "b", "second", "c", "second")));
        final FlowParameters parameters = FlowParameters.of(definition, Map.of("c", "command line"));
        assertEquals(Map.of("a", "child", "b", "first", "c", "command line"), parameters.values());
    }

    @Test
    void namesTheComponentThatUsesAnUndefinedParameter() {
        final FlowParameters parameters = FlowParameters.of(definition("ctx", Map.of("ctx", context(List.of(), "dir", "/data"))), Map.of());
        final InvalidFlowException refused = assertThrows(InvalidFlowException.class, () -> parameters.substitute("#{dirr}", "processor 'P': property 'X'"));
        assertEquals("processor 'P': property 'X' references parameter #{dirr}, which parameter context 'ctx' does not define", refused.getMessage());
    }

    @Test
    void refusesAContextThatIsNotDefined() {
        final InvalidFlowException refused = assertThrows(InvalidFlowException.class, () -> FlowParameters.of(definition("missing", Map.of()), Map.of()));
        assertTrue(refused.getMessage().contains("parameter context 'missing' is used but not defined"), refused.getMessage());
    }

    private static FlowDefinition definition(final String contextName, final Map<String, VersionedParameterContext> contexts) {
        final VersionedProcessGroup group = new VersionedProcessGroup();
        group.setName("test");
        group.setParameterContextName(contextName);
        return new FlowDefinition(group, contexts);
    }

    private static VersionedParameterContext context(final List<String> inherited, final String... namesAndValues) {
        final VersionedParameterContext context = new VersionedParameterContext();
        final Set<VersionedParameter> parameters = new java.util.HashSet<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            final VersionedParameter parameter = new VersionedParameter();
            parameter.setName(namesAndValues[i]);
            parameter.setValue(namesAndValues[i + 1]);
            parameters.add(parameter);
        }
        context.setParameters(parameters);
        context.setInheritedParameterContexts(inherited);
        return context;
    }
}
