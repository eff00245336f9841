package io.github.nifiintegration.services;

import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.embedded.EmbeddedMasterDataStore;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.reporting.InitializationException;

import java.nio.file.Path;
import java.util.List;

@Tags({"master data", "mdm", "entity resolution", "store", "embedded", "golden record"})
@CapabilityDescription("The default master data store: no server, a directory on the local disk (one H2 MVStore file), transactional "
        + "(a batch is committed or rolled back as a whole) and durable across restarts. Right for a single NiFi node; a NiFi cluster needs "
        + "a store that every node shares.")
@SeeAlso(classNames = "io.github.nifiintegration.processors.resolution.ResolveEntities")
@SystemResourceConsideration(resource = SystemResource.DISK, description = "Keeps every resolved source record and its index on local disk.")
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Caches up to 'Cached Records' decoded records in the heap.")
public class EmbeddedMasterDataStoreService extends AbstractMasterDataStoreService {

    public static final PropertyDescriptor DIRECTORY = new PropertyDescriptor.Builder()
            .name("Store Directory")
            .description("The local directory that holds the store. It is created if missing. Only one store service may use a directory.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor CACHED_RECORDS = new PropertyDescriptor.Builder()
            .name("Cached Records")
            .description("How many decoded source records to keep in memory for candidate comparisons.")
            .required(true)
            .defaultValue("100000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor PAGE_CACHE = new PropertyDescriptor.Builder()
            .name("Page Cache Size")
            .description("Heap for the store file's page cache. Candidate records are read through it: a cache as large as the store "
                    + "file (about 400 MB per million person records) keeps resolution from re-reading pages from disk.")
            .required(true)
            .defaultValue("256 MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(DIRECTORY, CACHED_RECORDS, PAGE_CACHE);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        final Path directory = Path.of(context.getProperty(DIRECTORY).evaluateAttributeExpressions().getValue());
        try {
            opened(EmbeddedMasterDataStore.open(directory, context.getProperty(CACHED_RECORDS).asInteger(),
                    context.getProperty(PAGE_CACHE).asDataSize(org.apache.nifi.processor.DataUnit.MB).intValue()));
        } catch (final StoreException e) {
            throw new InitializationException(e.getMessage(), e);
        }
        getLogger().info("Embedded master data store opened in {}", directory);
    }
}
