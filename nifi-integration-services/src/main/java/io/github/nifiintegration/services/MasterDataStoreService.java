package io.github.nifiintegration.services;

import io.github.nifiintegration.store.MasterDataStore;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.controller.ControllerService;

/**
 * The master data store behind entity resolution and golden records: source records, entities,
 * the blocking index and the review queue. Every processor that references the same service sees
 * the same entities.
 */
@CapabilityDescription("Provides the master data store: source records, their entities, the blocking index, merges and the review queue.")
public interface MasterDataStoreService extends ControllerService {

    MasterDataStore getStore();
}
