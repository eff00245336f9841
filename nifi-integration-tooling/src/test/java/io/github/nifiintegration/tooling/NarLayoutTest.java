package io.github.nifiintegration.tooling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the NAR that this build produced the way NiFi will load it: one parent NAR, nothing bundled
 * that NiFi or the parent already provides (two copies of an API split its classes between class
 * loaders), and an extension manifest that lists every component the bundle registers.
 */
class NarLayoutTest {

    private static final String BUNDLED = "META-INF/bundled-dependencies/";

    /** Jars NiFi's own lib or nifi-standard-services-api-nar provide. */
    private static final Set<String> PROVIDED_BY_NIFI = Set.of(
            "nifi-api", "nifi-framework-api", "nifi-utils", "nifi-record", "nifi-properties", "nifi-nar-utils",
            "nifi-record-serialization-service-api", "nifi-schema-registry-service-api", "nifi-dbcp-service-api",
            "nifi-lookup-service-api", "nifi-ssl-context-service-api", "nifi-proxy-configuration-api",
            "nifi-distributed-cache-client-service-api", "nifi-oauth2-provider-api", "nifi-record-sink-api",
            "nifi-kerberos-user-service-api", "nifi-kerberos-credentials-service-api", "nifi-web-client-provider-api",
            "slf4j-api", "logback-classic", "jcl-over-slf4j", "commons-logging");

    /** Any controller-service API belongs in a parent NAR, never in ours. */
    private static final Pattern SERVICE_API = Pattern.compile("nifi-.*-(service-)?api");

    private static Path nar;

    @BeforeAll
    static void findNar() throws IOException {
        final Path directory = Path.of(System.getProperty("nar.directory", "../nifi-integration-nar/target"));
        try (Stream<Path> files = Files.list(directory)) {
            nar = files.filter(file -> file.getFileName().toString().endsWith(".nar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No .nar in " + directory.toAbsolutePath() + ": build it with ./mvnw verify"));
        }
    }

    @Test
    void dependsOnTheStandardServicesApiNarOnly() throws IOException {
        try (JarFile jar = new JarFile(nar.toFile())) {
            final Manifest manifest = jar.getManifest();
            assertNotNull(manifest, "the NAR has no MANIFEST.MF");
            final Attributes attributes = manifest.getMainAttributes();
            assertEquals("org.apache.nifi", attributes.getValue("Nar-Dependency-Group"));
            assertEquals("nifi-standard-services-api-nar", attributes.getValue("Nar-Dependency-Id"));
            assertEquals("2.6.0", attributes.getValue("Nar-Dependency-Version"));
            assertEquals("nifi-integration-nar", attributes.getValue("Nar-Id"));
        }
    }

    @Test
    void bundlesNothingThatNiFiOrTheParentNarProvides() throws IOException {
        final List<String> offending = new ArrayList<>();
        for (final String jarName : bundledJars()) {
            final String artifact = jarName.replaceFirst("-\\d[^/]*\\.jar$", "");
            if (PROVIDED_BY_NIFI.contains(artifact) || SERVICE_API.matcher(artifact).matches()) {
                offending.add(jarName);
            }
        }
        assertTrue(offending.isEmpty(), "The NAR bundles jars that NiFi or nifi-standard-services-api-nar provide: " + offending
                + ". Declare them <scope>provided</scope> or exclude them from the dependency that brings them.");
        assertTrue(bundledJars().stream().anyMatch(name -> name.startsWith("nifi-integration-processors-")), "the processors jar is bundled");
        assertTrue(bundledJars().stream().anyMatch(name -> name.startsWith("nifi-integration-services-")), "the services jar is bundled");
    }

    @Test
    void extensionManifestListsEveryRegisteredComponent() throws Exception {
        final Set<String> registered = new TreeSet<>();
        try (JarFile jar = new JarFile(nar.toFile())) {
            final Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                final ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(BUNDLED + "nifi-integration-")) {
                    registered.addAll(componentsRegisteredIn(jar.getInputStream(entry).readAllBytes()));
                }
            }
            assertFalse(registered.isEmpty(), "no component is registered in META-INF/services of the bundle's jars");

            final ZipEntry manifestEntry = jar.getEntry("META-INF/docs/extension-manifest.xml");
            assertNotNull(manifestEntry, "the NAR has no META-INF/docs/extension-manifest.xml");
            final Document manifest = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(jar.getInputStream(manifestEntry));
            final NodeList names = (NodeList) javax.xml.xpath.XPathFactory.newInstance().newXPath()
                    .evaluate("/extensionManifest/extensions/extension/name", manifest, javax.xml.xpath.XPathConstants.NODESET);
            final Set<String> listed = new TreeSet<>();
            for (int i = 0; i < names.getLength(); i++) {
                listed.add(names.item(i).getTextContent().strip());
            }
            assertEquals(registered, listed, "extension-manifest.xml must list exactly the registered processors and services");
        }
    }

    private static List<String> bundledJars() throws IOException {
        final List<String> jars = new ArrayList<>();
        try (JarFile jar = new JarFile(nar.toFile())) {
            jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith(BUNDLED) && name.endsWith(".jar"))
                    .forEach(name -> jars.add(name.substring(BUNDLED.length())));
        }
        return jars;
    }

    private static Set<String> componentsRegisteredIn(final byte[] jarBytes) throws IOException {
        final Set<String> components = new TreeSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jarBytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().startsWith("META-INF/services/org.apache.nifi.")) {
                    readServiceFile(zip, components);
                }
            }
        }
        return components;
    }

    private static void readServiceFile(final InputStream in, final Set<String> components) throws IOException {
        for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            final String name = line.replaceFirst("#.*", "").strip();
            if (!name.isEmpty()) {
                components.add(name);
            }
        }
    }
}
