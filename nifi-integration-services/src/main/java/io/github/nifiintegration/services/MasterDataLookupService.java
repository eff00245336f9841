package io.github.nifiintegration.services;

import io.github.nifiintegration.services.golden.GoldenRecordFields;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.StoredRecord;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.lookup.LookupFailureException;
import org.apache.nifi.lookup.RecordLookupService;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@Tags({"lookup", "enrich", "master data", "mdm", "golden record", "entity", "cross reference", "record"})
@CapabilityDescription("Looks up golden records in the master data store, for NiFi's LookupRecord and other lookup users: by 'entity_id' "
        + "(a retired id is followed to the entity it was merged into), or by 'source_system' and 'source_id' (the cross-reference: which "
        + "entity a source record belongs to). The result holds 'entity_id' (the current id), 'golden_version', every golden value and, "
        + "when asked for, the lineage. A key the store does not know gives no result (LookupRecord's 'unmatched').")
@SeeAlso(classNames = "io.github.nifiintegration.processors.golden.MaintainGoldenRecords")
public class MasterDataLookupService extends AbstractControllerService implements RecordLookupService {

    public static final String ENTITY_ID_KEY = "entity_id";
    public static final String SOURCE_SYSTEM_KEY = "source_system";
    public static final String SOURCE_ID_KEY = "source_id";

    public static final PropertyDescriptor MASTER_DATA_STORE = new PropertyDescriptor.Builder()
            .name("Master Data Store")
            .description("The store whose golden records are looked up.")
            .identifiesControllerService(MasterDataStoreService.class)
            .required(true)
            .build();

    public static final PropertyDescriptor INCLUDE_LINEAGE = new PropertyDescriptor.Builder()
            .name("Include Lineage")
            .description("Whether the result carries 'golden_lineage' (the source record and rule behind every value).")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(MASTER_DATA_STORE, INCLUDE_LINEAGE);

    private volatile MasterDataStoreService storeService;
    private volatile boolean includeLineage;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        storeService = context.getProperty(MASTER_DATA_STORE).asControllerService(MasterDataStoreService.class);
        includeLineage = context.getProperty(INCLUDE_LINEAGE).asBoolean();
    }

    @OnDisabled
    public void onDisabled() {
        storeService = null;
    }

    /** Either key set works, so neither key is required on its own; {@link #lookup} says what is missing. */
    @Override
    public Set<String> getRequiredKeys() {
        return Set.of();
    }

    @Override
    public Optional<Record> lookup(final Map<String, Object> coordinates) throws LookupFailureException {
        final StoreReader reader = storeService.getStore().reader();
        final String entity = entityOf(reader, coordinates);
        if (entity == null) {
            return Optional.empty();
        }
        final String current = reader.currentEntityId(entity);
        final GoldenRecord golden = reader.golden(current);
        if (golden == null) {
            // resolved, but no golden record yet: the cross-reference alone
            return reader.members(current).isEmpty() ? Optional.empty() : Optional.of(entityOnly(current));
        }
        final RecordSchema schema = GoldenRecordFields.goldenSchema(List.of(golden));
        final Record record = GoldenRecordFields.golden(golden, schema);
        if (!includeLineage) {
            record.setValue(GoldenRecordFields.LINEAGE, null);
        }
        return Optional.of(record);
    }

    private static String entityOf(final StoreReader reader, final Map<String, Object> coordinates) throws LookupFailureException {
        final Object entity = coordinates.get(ENTITY_ID_KEY);
        if (entity != null && !entity.toString().isBlank()) {
            return entity.toString();
        }
        final Object system = coordinates.get(SOURCE_SYSTEM_KEY);
        final Object id = coordinates.get(SOURCE_ID_KEY);
        if (system == null || id == null || system.toString().isBlank() || id.toString().isBlank()) {
            throw new LookupFailureException("Look up golden records by '" + ENTITY_ID_KEY + "', or by '" + SOURCE_SYSTEM_KEY + "' and '"
                    + SOURCE_ID_KEY + "'; the coordinates given were " + coordinates.keySet());
        }
        final StoredRecord stored = reader.record(new SourceKey(system.toString(), id.toString()));
        return stored == null ? null : stored.entityId();
    }

    private static Record entityOnly(final String entity) {
        final RecordSchema schema = GoldenRecordFields.goldenSchema(List.of());
        final Map<String, Object> values = new HashMap<>();
        values.put(GoldenRecordFields.ENTITY_ID, entity);
        return new MapRecord(schema, values);
    }
}
