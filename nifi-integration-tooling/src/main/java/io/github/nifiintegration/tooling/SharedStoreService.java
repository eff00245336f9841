package io.github.nifiintegration.tooling;

import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.store.MasterDataStore;
import org.apache.nifi.controller.AbstractControllerService;

/**
 * One open store handed to several test runners, as one store service serves every processor of a
 * canvas (nifi-mock gives each runner its own services).
 */
public final class SharedStoreService extends AbstractControllerService implements MasterDataStoreService {

    private final MasterDataStore store;

    public SharedStoreService(final MasterDataStore store) {
        this.store = store;
    }

    @Override
    public MasterDataStore getStore() {
        return store;
    }
}
