package io.github.nifiintegration.store.embedded;

import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.MasterDataStoreContractTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class EmbeddedMasterDataStoreContractTest extends MasterDataStoreContractTest {

    @TempDir
    Path directory;

    @Override
    protected MasterDataStore openNewStore() {
        return EmbeddedMasterDataStore.open(directory, 1000);
    }

    @Override
    protected MasterDataStore reopenStore() {
        store.close();
        return EmbeddedMasterDataStore.open(directory, 1000);
    }
}
