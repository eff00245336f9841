package io.github.nifiintegration.services;

import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;
import io.github.nifiintegration.store.postgres.PostgresTestServer;
import io.github.nifiintegration.store.postgres.TableNames;
import io.github.nifiintegration.store.postgres.TestConnectionPool;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgreSqlMasterDataStoreServiceTest {

    private TestRunner runnerWithPool() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        final TestConnectionPool pool = new TestConnectionPool(PostgresTestServer.shared().connections());
        runner.addControllerService("pool", pool);
        runner.enableControllerService(pool);
        return runner;
    }

    @Test
    void onlyPlainIdentifiersAreAcceptedAsSchemaAndPrefix() throws Exception {
        final TestRunner runner = runnerWithPool();
        final PostgreSqlMasterDataStoreService service = new PostgreSqlMasterDataStoreService();
        runner.addControllerService("store", service);
        runner.setProperty(service, PostgreSqlMasterDataStoreService.CONNECTION_POOL, "pool");
        runner.assertValid(service);
        runner.setProperty(service, PostgreSqlMasterDataStoreService.TABLE_PREFIX, "mds\"; DROP TABLE x; --");
        runner.assertNotValid(service);
        runner.setProperty(service, PostgreSqlMasterDataStoreService.TABLE_PREFIX, "mds_");
        runner.setProperty(service, PostgreSqlMasterDataStoreService.SCHEMA, "Public");
        runner.assertNotValid(service);
        runner.setProperty(service, PostgreSqlMasterDataStoreService.SCHEMA, "mdm");
        runner.assertValid(service);
    }

    @Test
    void enablingCreatesTheTablesAndTheStoreWorksWithoutLoggingValues() throws Exception {
        final TestRunner runner = runnerWithPool();
        final TableNames names = PostgresTestServer.freshNames("service");
        final PostgreSqlMasterDataStoreService service = new PostgreSqlMasterDataStoreService();
        runner.addControllerService("store", service);
        runner.setProperty(service, PostgreSqlMasterDataStoreService.CONNECTION_POOL, "pool");
        runner.setProperty(service, PostgreSqlMasterDataStoreService.SCHEMA, names.schema());
        runner.setProperty(service, PostgreSqlMasterDataStoreService.TABLE_PREFIX, "customers_");
        runner.enableControllerService(service);
        final Map<String, Object> values = Map.of("name", "Zelda Uniquename");
        try (StoreTransaction tx = service.getStore().begin(Duration.ofSeconds(5))) {
            tx.insertRecord(new StoredRecord(new SourceKey("crm", "1"), "E1", tx.nextSequence(), values, RecordCodec.contentHash(values)), List.of("k"), List.of());
            tx.commit();
        }
        assertEquals("Zelda Uniquename", service.getStore().reader().record(new SourceKey("crm", "1")).values().get("name"));
        runner.disableControllerService(service);
        assertThrows(IllegalStateException.class, service::getStore);
        final MockComponentLog log = runner.getLogger();
        final String logged = String.valueOf(log.getInfoMessages()) + log.getWarnMessages() + log.getErrorMessages()
                + runner.getControllerServiceLogger("store").getInfoMessages();
        assertTrue(String.valueOf(runner.getControllerServiceLogger("store").getInfoMessages()).contains("customers_"), "it says where its tables are");
        assertFalse(logged.contains("Uniquename"), logged);
        assertFalse(logged.toLowerCase().contains("password"), logged);
    }
}
