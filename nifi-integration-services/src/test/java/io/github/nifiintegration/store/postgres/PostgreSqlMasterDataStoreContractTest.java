package io.github.nifiintegration.store.postgres;

import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.MasterDataStoreContractTest;

class PostgreSqlMasterDataStoreContractTest extends MasterDataStoreContractTest {

    private TableNames names;

    @Override
    protected MasterDataStore openNewStore() {
        names = PostgresTestServer.freshNames("contract");
        return PostgreSqlMasterDataStore.open(PostgresTestServer.shared().connections(), names, 1000);
    }

    /** A new store instance over the same tables: what a restarted node (or another node) opens. */
    @Override
    protected MasterDataStore reopenStore() {
        store.close();
        return PostgreSqlMasterDataStore.open(PostgresTestServer.shared().connections(), names, 1000);
    }
}
