package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Creates and upgrades the store's tables: numbered scripts (resources next to this class, under
 * {@code migrations/}), each applied once, in order, and recorded in the {@code schema_version} table.
 * Nodes that enable the service at the same time take turns on a transaction-level advisory lock, so a
 * script never runs twice; each script runs in the transaction that records it, so it applies whole or
 * not at all (PostgreSQL DDL is transactional).
 */
final class SchemaMigrations {

    /** The scripts, oldest first. A new one is appended here and never edited once released. */
    static final List<String> SCRIPTS = List.of("V1__initial_tables.sql", "V2__steward_data.sql");

    private SchemaMigrations() {
    }

    /** The schema version this code needs: the number of the newest script. */
    static int latestVersion() {
        return version(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /**
     * Applies the scripts the database has not seen yet.
     *
     * @return the versions applied now (empty when the schema was current)
     */
    static List<Integer> migrate(final Connection connection, final TableNames names) throws SQLException {
        return migrate(connection, names, SCRIPTS);
    }

    /** Applies the given scripts (the first ones of {@link #SCRIPTS}) that the database has not seen yet. */
    static List<Integer> migrate(final Connection connection, final TableNames names, final List<String> scripts) throws SQLException {
        final boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            lock(connection, names);
            createSchemaIfMissing(connection, names);
            execute(connection, "CREATE TABLE IF NOT EXISTS " + names.table("schema_version")
                    + " (version integer PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            final int current = currentVersion(connection, names);
            if (current > latestVersion()) {
                throw new StoreException("The store's tables are at schema version " + current + ", newer than this bundle knows (" + latestVersion()
                        + "): use the newer bundle, or another schema or table prefix");
            }
            final List<Integer> applied = new java.util.ArrayList<>();
            for (final String script : scripts) {
                final int version = version(script);
                if (version > current) {
                    execute(connection, names.fill(read(script)));
                    try (PreparedStatement record = connection.prepareStatement("INSERT INTO " + names.table("schema_version") + " (version, script) VALUES (?, ?)")) {
                        record.setInt(1, version);
                        record.setString(2, script);
                        record.executeUpdate();
                    }
                    applied.add(version);
                }
            }
            connection.commit();
            return applied;
        } catch (final SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Version of the schema as the database has it (0 before the first script). */
    static int currentVersion(final Connection connection, final TableNames names) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT coalesce(max(version), 0) FROM " + names.table("schema_version"));
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void lock(final Connection connection, final TableNames names) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, PostgreSqlMasterDataStore.lockId(names, "migrations"));
            lock.execute();
        }
    }

    /** CREATE SCHEMA only when it is missing: a user without CREATE on the database can still use an existing schema. */
    private static void createSchemaIfMissing(final Connection connection, final TableNames names) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            exists.setString(1, names.schema());
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
        }
        execute(connection, "CREATE SCHEMA \"" + names.schema() + '"');
    }

    /** DDL from the bundle's own scripts, with only validated names filled in; still a prepared statement, without parameters. */
    private static void execute(final Connection connection, final String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private static int version(final String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private static String read(final String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + script + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
