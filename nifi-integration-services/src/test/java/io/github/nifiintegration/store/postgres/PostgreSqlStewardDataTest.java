package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.StewardDataContractTest;

/** The steward-data contract (golden records, pins, cannot-links, moved records) on PostgreSQL. */
class PostgreSqlStewardDataTest extends StewardDataContractTest {

    private TableNames names;

    /** The same tables every time within one test; a new store instance is what a restarted node opens. */
    @Override
    protected MasterDataStore openStore() {
        if (names == null) {
            names = PostgresTestServer.freshNames("steward");
        }
        return PostgreSqlMasterDataStore.open(PostgresTestServer.shared().connections(), names, 100);
    }
}
