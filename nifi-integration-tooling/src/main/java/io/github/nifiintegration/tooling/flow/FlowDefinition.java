package io.github.nifiintegration.tooling.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A NiFi 2.x flow definition, the JSON that "Download flow definition" writes and "Upload flow
 * definition" reads: the process group in {@code flowContents} and the parameter contexts it uses.
 * The component classes are NiFi's own (nifi-api's Versioned*), so what loads here has the shape
 * NiFi imports.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowDefinition(VersionedProcessGroup flowContents, Map<String, VersionedParameterContext> parameterContexts) {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public FlowDefinition {
        parameterContexts = parameterContexts == null ? Map.of() : parameterContexts;
    }

    public static FlowDefinition load(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFlowException(file + ": no such file");
        }
        final FlowDefinition definition;
        try {
            definition = JSON.readValue(file.toFile(), FlowDefinition.class);
        } catch (final JacksonException e) {
            throw new InvalidFlowException(file + ": not a NiFi flow definition (" + e.getOriginalMessage() + ")");
        }
        if (definition.flowContents() == null) {
            throw new InvalidFlowException(file + ": not a NiFi flow definition: it has no 'flowContents' (the process group)");
        }
        return definition;
    }

    /** The name of the flow's process group. */
    public String name() {
        return flowContents.getName();
    }
}
