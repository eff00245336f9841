package io.github.nifiintegration.processors.common;

import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.StoreTransaction;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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

    /** Work on one FlowFile inside a store transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTransaction tx) throws Exception;
    }

    /**
     * Runs the work in one transaction and commits it. When the store fails (busy, connection lost,
     * a concurrent writer got there first) the transaction and the session are rolled back, the
     * FlowFile is penalized and the processor yields: it will be tried again. Any other error rolls the
     * transaction back and hands the error to {@code onError} (which routes the FlowFile to failure).
     *
     * @return the work's result, or null when it did not commit
     */
    public static <T> T inTransaction(final ProcessContext context, final ProcessSession session, final FlowFile original, final ComponentLog logger,
                                      final Work<T> work, final Consumer<Exception> onError) {
        return inTransaction(context, session, original, logger, work, onError, false);
    }

    /**
     * As {@link #inTransaction}, in a transaction that writes golden records only
     * ({@link MasterDataStore#beginGoldenRecords}): it need not wait for resolution's writers.
     */
    public static <T> T inGoldenRecordsTransaction(final ProcessContext context, final ProcessSession session, final FlowFile original,
                                                   final ComponentLog logger, final Work<T> work, final Consumer<Exception> onError) {
        return inTransaction(context, session, original, logger, work, onError, true);
    }

    private static <T> T inTransaction(final ProcessContext context, final ProcessSession session, final FlowFile original, final ComponentLog logger,
                                       final Work<T> work, final Consumer<Exception> onError, final boolean goldenRecordsOnly) {
        final Duration wait = Duration.ofMillis(context.getProperty(STORE_WAIT).asTimePeriod(TimeUnit.MILLISECONDS));
        try (StoreTransaction tx = goldenRecordsOnly ? store(context).beginGoldenRecords(wait) : store(context).begin(wait)) {
            final T result = work.run(tx);
            tx.commit();
            return result;
        } catch (final StoreException e) {
            logger.warn("Master data store failed while processing {}; rolled back, will be retried: {}", original, e.getMessage());
            session.rollback(true);
            context.yield();
            return null;
        } catch (final Exception e) {
            onError.accept(e);
            return null;
        }
    }
}
