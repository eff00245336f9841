package io.github.nifiintegration.tooling.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flow runner refuses what NiFi would not run, before anything runs, and says which component
 * is wrong and why. Each test breaks the customer-360 template in one place.
 */
class FlowRunnerErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    private Path work;
    private ObjectNode flow;

    @BeforeEach
    void loadCustomer360() throws IOException {
        flow = (ObjectNode) JSON.readTree(Path.of("../templates/customer-360.json").toFile());
    }

    @Test
    void refusesAnUnknownComponent() throws IOException {
        final ObjectNode fetch = processor("Fetch CRM export");
        fetch.put("type", "org.apache.nifi.processors.attributes.UpdateAttribute");
        final String message = refusal();
        assertTrue(message.contains("processor 'Fetch CRM export'"), message);
        assertTrue(message.contains("unknown component type org.apache.nifi.processors.attributes.UpdateAttribute"), message);
        assertTrue(message.contains("org.apache.nifi:nifi-standard-nar:2.6.0"), "names what it does support: " + message);
    }

    @Test
    void refusesABundleThatDoesNotShipTheComponent() throws IOException {
        ((ObjectNode) service("JSON writer").get("bundle")).put("artifact", "nifi-standard-nar");
        final String message = refusal();
        assertTrue(message.contains("controller service 'JSON writer' (JsonRecordSetWriter"), message);
        assertTrue(message.contains("bundle org.apache.nifi:nifi-standard-nar:2.6.0, but org.apache.nifi.json.JsonRecordSetWriter is in "
                + "org.apache.nifi:nifi-record-serialization-services-nar:2.6.0"), message);
    }

    @Test
    void refusesAConnectionToAComponentThatIsNotThere() throws IOException {
        final ObjectNode connection = connectionFrom("Resolve customers", "review");
        ((ObjectNode) connection.get("destination")).put("id", "no-such-processor");
        final String message = refusal();
        assertTrue(message.contains("connection " + connection.get("identifier").asText()), message);
        assertTrue(message.contains("its destination 'no-such-processor' (Write review items) is not a processor of this flow"), message);
    }

    @Test
    void refusesAConnectionWithARelationshipItsSourceDoesNotHave() throws IOException {
        final ObjectNode connection = connectionFrom("Resolve customers", "review");
        connection.putArray("selectedRelationships").add("reviewed");
        final String message = refusal();
        assertTrue(message.contains("from 'Resolve customers' to 'Write review items': uses relationship 'reviewed', which ResolveEntities does not have "
                + "(its relationships: failure, resolved, review)"), message);
    }

    @Test
    void refusesARelationshipThatIsNeitherConnectedNorAutoTerminated() throws IOException {
        final ArrayNode connections = (ArrayNode) flow.get("flowContents").get("connections");
        final ObjectNode connection = connectionFrom("Resolve customers", "review");
        for (int i = 0; i < connections.size(); i++) {
            if (connections.get(i) == connection) {
                connections.remove(i);
                break;
            }
        }
        final String message = refusal();
        assertTrue(message.contains("processor 'Resolve customers'"), message);
        assertTrue(message.contains("relationship 'review' is neither connected nor auto-terminated"), message);
    }

    @Test
    void refusesAnInvalidPropertyValue() throws IOException {
        ((ObjectNode) processor("Write review items").get("properties")).put("Conflict Resolution Strategy", "overwrite");
        final String message = refusal();
        assertTrue(message.contains("processor 'Write review items' (PutFile"), message);
        assertTrue(message.contains("Conflict Resolution Strategy"), message);
        assertTrue(message.contains("overwrite"), message);
    }

    @Test
    void refusesAnInvalidMapping() throws IOException {
        ((ObjectNode) processor("Map CRM export to canonical").get("properties")).put("email", "/Email | no_such_normalizer");
        final String message = refusal();
        assertTrue(message.contains("processor 'Map CRM export to canonical' (MapToCanonicalRecord"), message);
        assertTrue(message.contains("no_such_normalizer"), message);
    }

    @Test
    void refusesAPropertyTheComponentDoesNotHave() throws IOException {
        ((ObjectNode) processor("List CRM export").get("properties")).put("Input Folder", "/tmp");
        final String message = refusal();
        assertTrue(message.contains("processor 'List CRM export' (ListFile"), message);
        assertTrue(message.contains("has no property 'Input Folder' (and takes no dynamic properties)"), message);
    }

    @Test
    void refusesAnInvalidControllerService() throws IOException {
        ((ObjectNode) service("CSV reader").get("properties")).put("schema-access-strategy", "guess");
        final String message = refusal();
        assertTrue(message.contains("controller service 'CSV reader' (CSVReader"), message);
        assertTrue(message.contains("guess"), message);
    }

    @Test
    void refusesAReferenceToAServiceThatIsNotThere() throws IOException {
        ((ObjectNode) processor("Resolve customers").get("properties")).put("Master Data Store", "no-such-service");
        final String message = refusal();
        assertTrue(message.contains("processor 'Resolve customers' (ResolveEntities"), message);
        assertTrue(message.contains("property 'Master Data Store' references controller service 'no-such-service', which is not among the flow's controller services"), message);
    }

    @Test
    void refusesAReferenceToAServiceOfTheWrongKind() throws IOException {
        final String writer = service("JSON writer").get("identifier").asText();
        ((ObjectNode) processor("Resolve customers").get("properties")).put("Record Reader", writer);
        final String message = refusal();
        assertTrue(message.contains("property 'Record Reader' references controller service '" + writer + "' (JsonRecordSetWriter), which is not a RecordReaderFactory"), message);
    }

    @Test
    void refusesAMissingParameter() throws IOException {
        ((ObjectNode) processor("Write review items").get("properties")).put("Directory", "#{review.directory}");
        final String message = refusal();
        assertTrue(message.contains("processor 'Write review items' (PutFile"), message);
        assertTrue(message.contains("property 'Directory' references parameter #{review.directory}, which parameter context 'customer-360' does not define"), message);
    }

    @Test
    void refusesAnOverrideOfAParameterTheFlowDoesNotHave() throws IOException {
        final Map<String, String> parameters = parameters();
        parameters.put("ouput.directory", "/tmp/x");
        final InvalidFlowException refused = assertThrows(InvalidFlowException.class, () -> assemble(parameters));
        assertTrue(refused.getMessage().contains("--param ouput.directory: the flow has no parameter 'ouput.directory'; its parameters: "
                + "input.directory, model.file, output.directory, store.directory"), refused.getMessage());
    }

    @Test
    void reportsEveryProblemOfAStageTogether() throws IOException {
        ((ObjectNode) processor("Write review items").get("properties")).put("Conflict Resolution Strategy", "overwrite");
        ((ObjectNode) processor("Write invalid records").get("properties")).put("Conflict Resolution Strategy", "overwrite");
        final InvalidFlowException refused = assertThrows(InvalidFlowException.class, () -> assemble(parameters()));
        assertEquals(2, refused.problems().size(), refused.getMessage());
    }

    @Test
    void aRefusedFlowLeavesNoServiceEnabled() throws IOException {
        final Map<String, String> parameters = parameters();
        ((ObjectNode) processor("Write review items").get("properties")).put("Conflict Resolution Strategy", "overwrite");
        assertThrows(InvalidFlowException.class, () -> assemble(parameters));
        ((ObjectNode) processor("Write review items").get("properties")).put("Conflict Resolution Strategy", "replace");
        // the refused attempt had opened the embedded store in the same directory; it must have been closed again
        assemble(parameters);
    }

    @Test
    void namesAServiceThatCannotBeEnabled() throws IOException {
        final Map<String, String> parameters = parameters();
        parameters.put("model.file", work.resolve("no-such-model.json").toString());
        final InvalidFlowException refused = assertThrows(InvalidFlowException.class, () -> assemble(parameters));
        assertTrue(refused.getMessage().contains("controller service 'Person match model' (StandardMatchModelService"), refused.getMessage());
        assertTrue(refused.getMessage().contains("no-such-model.json"), refused.getMessage());
    }

    private String refusal() throws IOException {
        return assertThrows(InvalidFlowException.class, () -> assemble(parameters())).getMessage();
    }

    private void assemble(final Map<String, String> parameters) throws IOException {
        final Path file = work.resolve("broken.json");
        JSON.writeValue(file.toFile(), flow);
        new FlowAssembler(ComponentCatalog.fromClasspath()).assemble(FlowDefinition.load(file), parameters).close();
    }

    private Map<String, String> parameters() throws IOException {
        final Path file = work.resolve("unbroken.json");
        JSON.writeValue(file.toFile(), flow);
        return new java.util.HashMap<>(FlowTemplatesTest.runnableParameters(FlowDefinition.load(file), work));
    }

    private ObjectNode processor(final String name) {
        return named(flow.get("flowContents").get("processors"), name);
    }

    private ObjectNode service(final String name) {
        return named(flow.get("flowContents").get("controllerServices"), name);
    }

    private ObjectNode connectionFrom(final String source, final String relationship) {
        return (ObjectNode) StreamSupport.stream(flow.get("flowContents").get("connections").spliterator(), false)
                .filter(connection -> connection.get("source").get("name").asText().equals(source))
                .filter(connection -> StreamSupport.stream(connection.get("selectedRelationships").spliterator(), false)
                        .anyMatch(selected -> selected.asText().equals(relationship)))
                .findFirst().orElseThrow();
    }

    private static ObjectNode named(final JsonNode components, final String name) {
        return (ObjectNode) StreamSupport.stream(components.spliterator(), false)
                .filter(component -> component.get("name").asText().equals(name)).findFirst().orElseThrow();
    }
}
