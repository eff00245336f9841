package io.github.nifiintegration.tooling.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.ControllerServiceAPI;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.util.PropertyMigrationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every flow definition under templates/ as NiFi 2.6 would import it: each component's type is in
 * the NAR its bundle names (ours as this build's NAR manifest says, NiFi's at 2.6.0), every processor
 * and service is valid with the template's properties, every connection uses a relationship its
 * source has, and NiFi would migrate none of the property names.
 */
class FlowTemplatesTest {

    private static final Path TEMPLATES = Path.of("../templates");
    private static final String NIFI_VERSION = "2.6.0";
    private static Bundle ourNar;

    @BeforeAll
    static void readOurNarManifest() throws IOException {
        final Path directory = Path.of(System.getProperty("nar.directory", "../nifi-integration-nar/target"));
        try (Stream<Path> files = Files.list(directory)) {
            final Path nar = files.filter(file -> file.getFileName().toString().endsWith(".nar")).findFirst().orElseThrow();
            try (JarFile jar = new JarFile(nar.toFile())) {
                final Attributes manifest = jar.getManifest().getMainAttributes();
                ourNar = new Bundle(manifest.getValue("Nar-Group"), manifest.getValue("Nar-Id"), manifest.getValue("Nar-Version"));
            }
        }
    }

    /** Every JSON file under templates/ that is a flow definition (match models live there too). */
    static List<Path> flowDefinitions() throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final List<Path> definitions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (final Path file : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    final JsonNode root = json.readTree(in);
                    if (root.isObject() && root.has("flowContents")) {
                        definitions.add(file);
                    }
                }
            }
        }
        return definitions;
    }

    @Test
    void findsTheTemplates() throws IOException {
        final List<String> names = flowDefinitions().stream().map(file -> file.getFileName().toString()).toList();
        assertTrue(names.contains("customer-360.json"), names.toString());
        assertTrue(names.size() >= 2, "customer-360 and at least one more template: " + names);
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void everyComponentNamesTheBundleOfTheRealNar(final Path file) throws Exception {
        final FlowDefinition definition = FlowDefinition.load(file);
        final List<VersionedConfigurableExtension> components = new ArrayList<>(definition.flowContents().getProcessors());
        components.addAll(definition.flowContents().getControllerServices());
        assertFalse(components.isEmpty());
        for (final VersionedConfigurableExtension component : components) {
            assertEquals(expectedBundle(component.getType()), component.getBundle(), component.getName() + " (" + component.getType() + ")");
            assertNotNull(Class.forName(component.getType(), false, getClass().getClassLoader()), component.getType());
        }
        for (final VersionedControllerService service : definition.flowContents().getControllerServices()) {
            assertFalse(service.getControllerServiceApis() == null || service.getControllerServiceApis().isEmpty(), service.getName());
            for (final ControllerServiceAPI api : service.getControllerServiceApis()) {
                final Class<?> type = Class.forName(api.getType());
                assertTrue(type.isAssignableFrom(Class.forName(service.getType())), service.getName() + " implements " + api.getType());
                assertEquals(expectedApiBundle(api.getType()), api.getBundle(), service.getName() + " API " + api.getType());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void everyProcessorAndServiceIsValidAndEveryConnectionUsesARelationshipOfItsSource(final Path file, @TempDir final Path work) throws IOException {
        final FlowDefinition definition = FlowDefinition.load(file);
        try (AssembledFlow flow = new FlowAssembler(ComponentCatalog.fromClasspath()).assemble(definition, runnableParameters(definition, work))) {
            assertEquals(definition.flowContents().getProcessors().size(), flow.processors().size());
            assertEquals(definition.flowContents().getControllerServices().size(), flow.services().size(), "every service enabled");
            assertTrue(flow.warnings().isEmpty(), flow.warnings().toString());
            final Map<String, FlowNode> byId = new HashMap<>();
            flow.processors().forEach(node -> byId.put(node.definition().getIdentifier(), node));
            for (final VersionedConnection connection : definition.flowContents().getConnections()) {
                final FlowNode source = byId.get(connection.getSource().getId());
                assertNotNull(source, "source of connection " + connection.getIdentifier());
                assertNotNull(byId.get(connection.getDestination().getId()), "destination of connection " + connection.getIdentifier());
                assertFalse(connection.getSelectedRelationships().isEmpty());
                for (final String relationship : connection.getSelectedRelationships()) {
                    assertTrue(source.relationships().contains(relationship), source.name() + " has no relationship " + relationship);
                }
            }
            for (final FlowNode node : flow.processors()) {
                final PropertyMigrationResult migration = node.runner().migrateProperties();
                final java.util.Set<String> migrated = new java.util.TreeSet<>(migration.getPropertiesRenamed().keySet());
                migrated.addAll(migration.getPropertiesRemoved());
                migrated.retainAll(node.definition().getProperties().keySet());
                assertTrue(migrated.isEmpty(), node.name() + " sets properties NiFi would rename or remove: " + migrated);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void everyMappingIsTheOneInTheTemplatesMappingFile(final Path file) throws IOException {
        final FlowDefinition definition = FlowDefinition.load(file);
        final Map<String, Map<String, String>> mappingFiles = mappingFilesBySourceSystem(file.resolveSibling(definition.name()));
        for (final VersionedProcessor processor : definition.flowContents().getProcessors()) {
            if (!processor.getType().endsWith(".MapToCanonicalRecord")) {
                continue;
            }
            final Map<String, String> properties = new TreeMap<>(processor.getProperties());
            properties.remove("Record Reader");
            properties.remove("Record Writer");
            assertEquals(mappingFiles.get(properties.get("Source System")), properties,
                    processor.getName() + " maps as the .properties file of source system " + properties.get("Source System"));
        }
    }

    /** The template's parameters, pointed at its real inputs from this module and at a temporary output and store. */
    static Map<String, String> runnableParameters(final FlowDefinition definition, final Path work) {
        final Map<String, String> parameters = new HashMap<>();
        parameters.put("input.directory", TEMPLATES.resolve(definition.name()).resolve("input").toString());
        parameters.put("model.file", TEMPLATES.resolve("models/person.json").toString());
        parameters.put("output.directory", work.resolve("output").toString());
        parameters.put("store.directory", work.resolve("store").toString());
        return parameters;
    }

    private Bundle expectedBundle(final String type) {
        if (type.startsWith("io.github.nifiintegration.")) {
            return ourNar;
        }
        if (type.startsWith("org.apache.nifi.processors.standard.")) {
            return new Bundle("org.apache.nifi", "nifi-standard-nar", NIFI_VERSION);
        }
        if (type.startsWith("org.apache.nifi.csv.") || type.startsWith("org.apache.nifi.json.")) {
            return new Bundle("org.apache.nifi", "nifi-record-serialization-services-nar", NIFI_VERSION);
        }
        throw new AssertionError("a template uses " + type + ", which is in none of the NARs the templates may use");
    }

    private Bundle expectedApiBundle(final String type) {
        return type.startsWith("io.github.nifiintegration.") ? ourNar : new Bundle("org.apache.nifi", "nifi-standard-services-api-nar", NIFI_VERSION);
    }

    private static Map<String, Map<String, String>> mappingFilesBySourceSystem(final Path directory) throws IOException {
        final Map<String, Map<String, String>> mappings = new HashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (final Path file : files.filter(path -> path.toString().endsWith(".properties")).toList()) {
                final Map<String, String> properties = mappingFile(file);
                mappings.put(properties.get("Source System"), properties);
            }
        }
        return mappings;
    }

    /** {@code Property Name = value} lines; split at the first '=' since RecordPath predicates may hold one. */
    private static Map<String, String> mappingFile(final Path file) throws IOException {
        final Map<String, String> properties = new TreeMap<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                properties.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return properties;
    }
}
