package io.github.nifiintegration.store.embedded;

import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.StewardDataContractTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class EmbeddedStewardDataTest extends StewardDataContractTest {

    @TempDir
    Path directory;

    @Override
    protected MasterDataStore openStore() {
        return EmbeddedMasterDataStore.open(directory, 100);
    }
}
