package io.github.nifiintegration.processors.golden;

import io.github.nifiintegration.processors.common.FailedRecords;
import io.github.nifiintegration.processors.common.StoreProperties;
import io.github.nifiintegration.services.golden.GoldenRecordFields;
import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.survivorship.ChangeType;
import io.github.nifiintegration.survivorship.GoldenRecordBuilder;
import io.github.nifiintegration.survivorship.GoldenRecordMaintainer;
import io.github.nifiintegration.survivorship.TouchedEntities;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"golden record", "survivorship", "conflict resolution", "mdm", "master data", "lineage", "change data", "integration"})
@CapabilityDescription("Keeps a golden record per entity: for every entity the incoming resolved records touched, recomputes its golden record "
        + "from all of the entity's source records in the master data store, field by field with survivorship rules (source priority, most "
        + "recent, most frequent, longest, most complete, first non-empty, min, max, union), honouring values a steward pinned. Each golden "
        + "value carries its lineage: the source system and record it came from, that record's timestamp and the rule that chose it. A new "
        + "version is stored only when something changed, earlier versions stay readable, and every change is emitted as an event "
        + "(CREATED, UPDATED with old and new values, MERGED with the retired entity ids, SPLIT).")
@DynamicProperty(name = "A canonical field name", value = "A survivorship rule chain, e.g. 'source_priority | most_recent'",
        description = "The rules that decide this field; the next rule in the chain breaks the ties of the one before it.",
        expressionLanguageScope = ExpressionLanguageScope.NONE)
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "golden.created.count", description = "Entities that got their first golden record"),
        @WritesAttribute(attribute = "golden.updated.count", description = "Golden records that changed (updated, merged or split)"),
        @WritesAttribute(attribute = "golden.unchanged.count", description = "Touched entities whose golden record stayed as it was"),
        @WritesAttribute(attribute = "golden.failure.reason", description = "On 'failure': why the FlowFile could not be processed")
})
@SeeAlso(classNames = {"io.github.nifiintegration.processors.resolution.ResolveEntities",
        "io.github.nifiintegration.processors.golden.ApplyStewardDecisions", "io.github.nifiintegration.services.MasterDataLookupService"})
@UseCase(description = "Maintain one golden customer record per entity from CRM, billing and support data",
        keywords = {"golden record", "survivorship", "single customer view", "master data"},
        configuration = """
                Connect ResolveEntities' 'resolved' (and 'review') to this processor, with the same 'Master Data Store'.
                Set 'Source Priority' to the trust order, e.g. 'crm, billing, support', and 'Timestamp Field' to the canonical field
                holding each record's last change (e.g. updated_at).
                Leave 'Default Rule' at 'source_priority | most_recent', and add a property per field that needs another rule:
                'email' = 'union' (every address), 'phone' = 'most_recent | source_priority', 'given_name' = 'most_frequent | longest'.
                Route 'golden' to your writer (a database, a file), 'events' to whoever must hear about changes, and 'original' onwards or auto-terminate it.
                """)
public class MaintainGoldenRecords extends AbstractProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the incoming records: ResolveEntities' output, or ApplyStewardDecisions' 'applied' records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes golden records, change events and failed records.")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor ENTITY_ID_FIELD = new PropertyDescriptor.Builder()
            .name("Entity ID Field")
            .description("The field holding each record's entity id (ResolveEntities writes 'entity_id'). The fields 'merged_entity_ids' and "
                    + "'split_from_entity_id', when present, name entities merged into it or split from.")
            .required(true)
            .defaultValue(GoldenRecordFields.ENTITY_ID)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final Relationship REL_GOLDEN = new Relationship.Builder()
            .name("golden")
            .description("Each new golden record version: the entity's values with their lineage in 'golden_lineage'. An entity merged into "
                    + "another gets a last version with 'retired_into' set.")
            .build();

    static final Relationship REL_EVENTS = new Relationship.Builder()
            .name("events")
            .description("One change event per changed entity: CREATED, UPDATED, MERGED or SPLIT, with each changed field's old and new value.")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The incoming FlowFile, once its entities' golden records are up to date.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles that could not be read (with 'golden.failure.reason'), and records without an entity id, each with a 'golden_error' field.")
            .build();

    static final String MERGED_IDS_FIELD = "merged_entity_ids";
    static final String SPLIT_FROM_FIELD = "split_from_entity_id";
    static final String ERROR_FIELD = "golden_error";

    static final String COUNTER_CREATED = "Golden Records Created";
    static final String COUNTER_CHANGED = "Golden Records Changed";
    static final String COUNTER_UNCHANGED = "Golden Records Unchanged";
    static final String COUNTER_WITHOUT_ENTITY = "Records Without Entity";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, StoreProperties.MASTER_DATA_STORE,
            ENTITY_ID_FIELD, SurvivorshipProperties.SOURCE_PRIORITY, SurvivorshipProperties.TIMESTAMP_FIELD, SurvivorshipProperties.DEFAULT_RULE,
            StoreProperties.STORE_WAIT);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_GOLDEN, REL_EVENTS, REL_ORIGINAL, REL_FAILURE);

    private volatile GoldenRecordMaintainer maintainer;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return SurvivorshipProperties.fieldRule(propertyDescriptorName);
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        maintainer = new GoldenRecordMaintainer(new GoldenRecordBuilder(SurvivorshipProperties.rules(context)), Clock.systemUTC());
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile original = session.get();
        if (original == null) {
            return;
        }
        final TouchedEntities touched = new TouchedEntities();
        final List<Record> failed = new ArrayList<>();
        try (InputStream in = session.read(original);
             RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class).createRecordReader(original, in, getLogger())) {
            final String entityField = context.getProperty(ENTITY_ID_FIELD).getValue();
            FailedRecords failures = null;
            Record record;
            while ((record = reader.nextRecord()) != null) {
                final String entity = record.getAsString(entityField);
                if (entity == null || entity.isBlank()) {
                    failures = failures == null ? new FailedRecords(record.getSchema(), ERROR_FIELD) : failures;
                    failed.add(failures.failed(record, "the record has no '" + entityField + "' value; golden records are kept per entity, "
                            + "so send records that went through ResolveEntities"));
                    continue;
                }
                touched.add(entity);
                final Object merged = record.getValue(MERGED_IDS_FIELD);
                if (merged instanceof Object[] ids) {
                    for (final Object id : ids) {
                        touched.add(id == null ? null : id.toString());
                    }
                }
                final String splitFrom = record.getAsString(SPLIT_FROM_FIELD);
                if (splitFrom != null && !splitFrom.isBlank()) {
                    touched.addSplit(splitFrom, entity);
                }
            }
        } catch (final Exception e) {
            fail(session, original, e);
            return;
        }

        // a store failure (also: another task or node stored a newer version of the same golden record first) retries the FlowFile
        final GoldenRecordMaintainer.Outcome outcome = StoreProperties.inGoldenRecordsTransaction(context, session, original, getLogger(),
                tx -> maintainer.maintain(tx, touched), e -> fail(session, original, e));
        if (outcome == null) {
            return;
        }

        final Map<String, String> attributes = countAttributes(outcome);
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        final List<FlowFile> children = new ArrayList<>();
        try {
            final List<GoldenRecord> versions = outcome.newVersions();
            if (!versions.isEmpty()) {
                final RecordSchema schema = GoldenRecordFields.goldenSchema(versions);
                children.add(write(session, original, writerFactory, schema, versions.stream().map(g -> GoldenRecordFields.golden(g, schema)).toList(), attributes, REL_GOLDEN));
            }
            if (!outcome.events().isEmpty()) {
                children.add(write(session, original, writerFactory, GoldenRecordFields.EVENT_SCHEMA,
                        outcome.events().stream().map(GoldenRecordFields::event).toList(), attributes, REL_EVENTS));
            }
            if (!failed.isEmpty()) {
                children.add(write(session, original, writerFactory, failed.get(0).getSchema(), failed, attributes, REL_FAILURE));
            }
        } catch (final Exception e) {
            // the store has committed: a replay of this FlowFile finds the golden records current and emits nothing twice
            children.forEach(session::remove);
            fail(session, original, e);
            return;
        }
        session.transfer(session.putAllAttributes(original, attributes), REL_ORIGINAL);
        final int created = count(outcome, ChangeType.CREATED);
        session.adjustCounter(COUNTER_CREATED, created, false);
        session.adjustCounter(COUNTER_CHANGED, outcome.events().size() - created, false);
        session.adjustCounter(COUNTER_UNCHANGED, outcome.unchangedEntities(), false);
        session.adjustCounter(COUNTER_WITHOUT_ENTITY, failed.size(), false);
    }

    private FlowFile write(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory, final RecordSchema schema,
                           final List<Record> records, final Map<String, String> attributes, final Relationship relationship) throws Exception {
        FlowFile child = session.create(original);
        final Map<String, String> childAttributes = new HashMap<>(attributes);
        try (OutputStream out = session.write(child);
             RecordSetWriter writer = writerFactory.createWriter(getLogger(), writerFactory.getSchema(original.getAttributes(), schema), out, child)) {
            writer.beginRecordSet();
            for (final Record record : records) {
                writer.write(record);
            }
            final WriteResult result = writer.finishRecordSet();
            childAttributes.putAll(result.getAttributes());
            childAttributes.put("record.count", String.valueOf(result.getRecordCount()));
            childAttributes.put("mime.type", writer.getMimeType());
        } catch (final Exception e) {
            session.remove(child);
            throw e;
        }
        child = session.putAllAttributes(child, childAttributes);
        session.transfer(child, relationship);
        return child;
    }

    private static int count(final GoldenRecordMaintainer.Outcome outcome, final ChangeType type) {
        return (int) outcome.events().stream().filter(event -> event.type() == type).count();
    }

    private static Map<String, String> countAttributes(final GoldenRecordMaintainer.Outcome outcome) {
        final int created = count(outcome, ChangeType.CREATED);
        return Map.of("golden.created.count", String.valueOf(created),
                "golden.updated.count", String.valueOf(outcome.events().size() - created),
                "golden.unchanged.count", String.valueOf(outcome.unchangedEntities()));
    }

    private void fail(final ProcessSession session, final FlowFile original, final Exception e) {
        getLogger().error("Could not maintain golden records for {}; routing to failure", original, e);
        session.transfer(session.putAttribute(original, "golden.failure.reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), REL_FAILURE);
    }
}
