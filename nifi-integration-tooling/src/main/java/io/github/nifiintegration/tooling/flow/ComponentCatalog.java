package io.github.nifiintegration.tooling.flow;

import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.processor.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The components the flow runner can create, each with the bundle (NAR) NiFi knows it by: this
 * project's processors and services, NiFi's standard processors and its record readers and writers.
 * Components are found the way NiFi finds them, through the META-INF/services files of their jars;
 * only the jars below count, whatever else is on the classpath.
 */
public final class ComponentCatalog {

    /** A jar whose components the runner supports, and the NAR that ships it. */
    private record SupportedJar(String artifact, String narGroup, String narArtifact) {
    }

    private static final String NIFI_GROUP = "org.apache.nifi";
    private static final List<SupportedJar> NIFI_JARS = List.of(
            new SupportedJar("nifi-standard-processors", NIFI_GROUP, "nifi-standard-nar"),
            new SupportedJar("nifi-record-serialization-services", NIFI_GROUP, "nifi-record-serialization-services-nar"));
    private static final List<String> OWN_JARS = List.of("nifi-integration-processors", "nifi-integration-services");
    private static final List<Class<?>> EXTENSION_TYPES = List.of(Processor.class, ControllerService.class);

    private final Map<String, Bundle> bundles;

    private ComponentCatalog(final Map<String, Bundle> bundles) {
        this.bundles = bundles;
    }

    /** The catalog of what is on this JVM's classpath. */
    public static ComponentCatalog fromClasspath() {
        final Bundle own = ownBundle();
        final Map<String, Bundle> bundles = new TreeMap<>();
        final ClassLoader loader = ComponentCatalog.class.getClassLoader();
        try {
            for (final Class<?> type : EXTENSION_TYPES) {
                for (final URL url : Collections.list(loader.getResources("META-INF/services/" + type.getName()))) {
                    bundleOf(url.toString(), own).ifPresent(bundle -> readServiceFile(url).forEach(name -> bundles.put(name, bundle)));
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ComponentCatalog(bundles);
    }

    /** The bundle of a supported component type. */
    public Optional<Bundle> bundleOf(final String type) {
        return Optional.ofNullable(bundles.get(type));
    }

    /** The supported bundles, as "group:artifact:version", for messages. */
    public String describe() {
        return String.join(", ", bundles.values().stream().map(ComponentCatalog::coordinates).distinct().sorted().toList());
    }

    public static String coordinates(final Bundle bundle) {
        return bundle.getGroup() + ":" + bundle.getArtifact() + ":" + bundle.getVersion();
    }

    private static Optional<Bundle> bundleOf(final String serviceFileUrl, final Bundle own) {
        for (final String artifact : OWN_JARS) {
            // a jar of this build, or its classes directory when run from the reactor
            if (serviceFileUrl.contains("/" + artifact + "-" + own.getVersion() + ".jar!") || serviceFileUrl.contains("/" + artifact + "/target/classes/")) {
                return Optional.of(own);
            }
        }
        for (final SupportedJar jar : NIFI_JARS) {
            final Matcher matcher = Pattern.compile("/" + Pattern.quote(jar.artifact()) + "-(\\d[^/]*)\\.jar!").matcher(serviceFileUrl);
            if (matcher.find()) {
                return Optional.of(new Bundle(jar.narGroup(), jar.narArtifact(), matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static List<String> readServiceFile(final URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bundle ownBundle() {
        try (InputStream in = ComponentCatalog.class.getResourceAsStream("bundle.properties")) {
            final Properties properties = new Properties();
            properties.load(in);
            return new Bundle(properties.getProperty("group"), properties.getProperty("nar"), properties.getProperty("version"));
        } catch (final IOException | NullPointerException e) {
            throw new IllegalStateException("The tooling jar lacks its bundle.properties; rebuild it with ./mvnw install", e);
        }
    }
}
