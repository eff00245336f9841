package io.github.nifiintegration.services;

import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.postgres.PostgreSqlMasterDataStore;
import io.github.nifiintegration.store.postgres.TableNames;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.dbcp.DBCPService;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.reporting.InitializationException;

import java.util.List;

@Tags({"master data", "mdm", "entity resolution", "store", "postgresql", "cluster", "golden record"})
@CapabilityDescription("A master data store on PostgreSQL that every node of a NiFi cluster shares: one entity index, one set of entities for "
        + "the whole cluster, with the same guarantees as the embedded store (a batch is committed or rolled back as a whole; concurrent "
        + "writers on any node never create duplicate entities). The database is reached through a DBCPConnectionPool; the store's tables "
        + "are created and upgraded automatically when the service is enabled.")
@SeeAlso(classNames = {"io.github.nifiintegration.processors.resolution.ResolveEntities", "io.github.nifiintegration.services.EmbeddedMasterDataStoreService",
        "org.apache.nifi.dbcp.DBCPConnectionPool"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Caches up to 'Cached Entries' records, blocks and counters per kind in the heap.")
@SystemResourceConsideration(resource = SystemResource.NETWORK, description = "Reads a batch's candidates and writes its changes over the database connection.")
public class PostgreSqlMasterDataStoreService extends AbstractMasterDataStoreService {

    public static final PropertyDescriptor CONNECTION_POOL = new PropertyDescriptor.Builder()
            .name("Database Connection Pooling Service")
            .description("The connection pool to the PostgreSQL database (14 or later), e.g. a DBCPConnectionPool with the PostgreSQL JDBC driver. "
                    + "The user needs to create tables in the schema (or the schema itself, if it does not exist) the first time the service is enabled.")
            .identifiesControllerService(DBCPService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor SCHEMA = new PropertyDescriptor.Builder()
            .name("Schema")
            .description("The database schema that holds the store's tables; created if missing. Lower-case letters, digits and underscores.")
            .required(true)
            .defaultValue("public")
            .addValidator(StandardValidators.createRegexMatchingValidator(TableNames.SCHEMA_PATTERN))
            .build();

    public static final PropertyDescriptor TABLE_PREFIX = new PropertyDescriptor.Builder()
            .name("Table Prefix")
            .description("Starts the name of every table of the store, so that several stores can share a schema. Every service that must see "
                    + "the same entities (one per node of a cluster) uses the same schema and prefix. Lower-case letters, digits and underscores, "
                    + "at most 40.")
            .required(true)
            .defaultValue("mds_")
            .addValidator(StandardValidators.createRegexMatchingValidator(TableNames.PREFIX_PATTERN))
            .build();

    public static final PropertyDescriptor CACHED_ENTRIES = new PropertyDescriptor.Builder()
            .name("Cached Entries")
            .description("How many records (and as many blocks and counters) this node keeps in memory between batches. The cache is dropped "
                    + "whenever another node has written since this node's last batch, so it never serves out-of-date data.")
            .required(true)
            .defaultValue("200000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(CONNECTION_POOL, SCHEMA, TABLE_PREFIX, CACHED_ENTRIES);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        final DBCPService pool = context.getProperty(CONNECTION_POOL).asControllerService(DBCPService.class);
        final TableNames names = new TableNames(context.getProperty(SCHEMA).getValue(), context.getProperty(TABLE_PREFIX).getValue());
        try {
            opened(PostgreSqlMasterDataStore.open(pool::getConnection, names, context.getProperty(CACHED_ENTRIES).asInteger()));
        } catch (final StoreException e) {
            throw new InitializationException(e.getMessage(), e);
        }
        getLogger().info("PostgreSQL master data store ready in schema {} with table prefix {}", names.schema(), names.prefix());
    }
}
