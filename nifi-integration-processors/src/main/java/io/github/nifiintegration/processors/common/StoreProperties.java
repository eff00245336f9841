package io.github.nifiintegration.processors.common;

import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.StoreTransaction;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The properties every processor that works on the master data store shares, and starting its transaction. */
public final class StoreProperties {

    public static final PropertyDescriptor MASTER_DATA_STORE = new PropertyDescriptor.Builder()
            .name("Master Data Store")
            .description("Where source records, entities, golden records and steward decisions are kept. Processors that share it share entities.")
            .identifiesControllerService(MasterDataStoreService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor STORE_WAIT = new PropertyDescriptor.Builder()
            .name("Store Wait Time")
            .description("How long to wait for the master data store when other tasks are writing to it. When the time runs out the "
                    + "FlowFile is penalized and tried again later.")
            .required(true)
            .defaultValue("30 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    private StoreProperties() {
    }

    public static MasterDataStore store(final ProcessContext context) {
        return context.getProperty(MASTER_DATA_STORE).asControllerService(MasterDataStoreService.class).getStore();
    }

    /** Starts a transaction, waiting at most the configured Store Wait Time. */
    public static StoreTransaction begin(final ProcessContext context) {
        return store(context).begin(Duration.ofMillis(context.getProperty(STORE_WAIT).asTimePeriod(TimeUnit.MILLISECONDS)));
    }
}
