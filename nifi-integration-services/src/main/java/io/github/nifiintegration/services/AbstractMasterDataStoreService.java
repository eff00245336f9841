package io.github.nifiintegration.services;

import io.github.nifiintegration.store.MasterDataStore;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.controller.AbstractControllerService;

/** What every master data store service does with its store: holds it while enabled, closes it when disabled. */
abstract class AbstractMasterDataStoreService extends AbstractControllerService implements MasterDataStoreService {

    private volatile MasterDataStore store;

    /** Called from the subclass's @OnEnabled with the store it opened. */
    protected final void opened(final MasterDataStore opened) {
        store = opened;
    }

    @OnDisabled
    public void onDisabled() {
        final MasterDataStore current = store;
        store = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public MasterDataStore getStore() {
        final MasterDataStore current = store;
        if (current == null) {
            throw new IllegalStateException("the master data store service is not enabled");
        }
        return current;
    }
}
