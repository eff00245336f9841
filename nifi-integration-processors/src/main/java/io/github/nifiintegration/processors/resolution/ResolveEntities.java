package io.github.nifiintegration.processors.resolution;

import io.github.nifiintegration.processors.common.RecordSplitter;
import io.github.nifiintegration.processors.common.StoreProperties;
import io.github.nifiintegration.resolution.EntityResolver;
import io.github.nifiintegration.resolution.Resolution;
import io.github.nifiintegration.resolution.ResolutionStats;
import io.github.nifiintegration.resolution.ResolutionStatus;
import io.github.nifiintegration.services.MatchModelService;
import io.github.nifiintegration.store.SourceKey;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"entity resolution", "record linkage", "match", "mdm", "master data", "deduplication", "fellegi-sunter", "identity", "integration"})
@CapabilityDescription("Resolves canonical records to persistent entities: 'is this the same customer as one we already know?'. Each record is "
        + "compared with the stored records that share one of its blocking keys, scored with the Fellegi-Sunter match model, and then joins "
        + "the entity it matches, merges the entities it matches (the oldest survives), starts a new entity, or goes to review when the "
        + "match is only possible. Every record carries its entity id, status, match probability and weight, and an explanation. "
        + "Resolution is incremental and persistent: records of later FlowFiles, and after restarts, resolve against everything seen before; "
        + "replaying a source record (same source system and id) changes nothing, and an updated one is updated in place.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The MIME type that the Record Writer sets"),
        @WritesAttribute(attribute = "resolution.new.count", description = "Records of the incoming FlowFile that started a new entity"),
        @WritesAttribute(attribute = "resolution.matched.count", description = "Records that joined an existing entity"),
        @WritesAttribute(attribute = "resolution.merged.count", description = "Records that merged entities"),
        @WritesAttribute(attribute = "resolution.review.count", description = "Records sent to review"),
        @WritesAttribute(attribute = "resolution.merged.entity.ids", description = "The entity ids retired by merges, as 'retired>survivor' pairs"),
        @WritesAttribute(attribute = "resolution.failure.reason", description = "On 'failure': why the FlowFile could not be resolved")
})
@SeeAlso(classNames = {"io.github.nifiintegration.processors.mapping.MapToCanonicalRecord",
        "io.github.nifiintegration.services.StandardMatchModelService", "io.github.nifiintegration.services.EmbeddedMasterDataStoreService"})
@SystemResourceConsideration(resource = SystemResource.CPU, description = "Scores every candidate a record's blocking keys find; the model's maxBlockSize bounds the work per record.")
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Holds the records of one FlowFile while they are resolved: keep FlowFiles to tens of thousands of records.")
@UseCase(description = "Give every customer record from several sources a persistent customer id",
        keywords = {"customer 360", "entity resolution", "match", "single customer view"},
        configuration = """
                Map each source with MapToCanonicalRecord onto the canonical customer, and connect every 'success' to this processor.
                Set 'Match Model' to a StandardMatchModelService holding the customer model (comparisons of names, birth date, e-mail,
                phone; blocking on e-mail, phone and phonetic family name with birth year).
                Set 'Master Data Store' to an EmbeddedMasterDataStoreService with a 'Store Directory' on local disk.
                Leave 'Source System Field' and 'Source ID Field' at source_system and source_id (what MapToCanonicalRecord writes).
                Route 'resolved' onwards (golden records, a database), and 'review' to a queue that data stewards work through.
                """)
public class ResolveEntities extends AbstractProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the canonical records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the records with their resolution fields.")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor MATCH_MODEL = new PropertyDescriptor.Builder()
            .name("Match Model")
            .description("The match model: which fields are compared and how, blocking rules and thresholds.")
            .identifiesControllerService(MatchModelService.class)
            .required(true)
            .build();

    static final PropertyDescriptor MASTER_DATA_STORE = StoreProperties.MASTER_DATA_STORE;

    static final PropertyDescriptor SOURCE_SYSTEM_FIELD = new PropertyDescriptor.Builder()
            .name("Source System Field")
            .description("The record field that names the record's source system.")
            .required(true)
            .defaultValue("source_system")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor SOURCE_ID_FIELD = new PropertyDescriptor.Builder()
            .name("Source ID Field")
            .description("The record field that holds the record's id in its source system. Source system and id together identify a "
                    + "record across runs: a record seen again is updated, not added.")
            .required(true)
            .defaultValue("source_id")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor EXPLANATION = new PropertyDescriptor.Builder()
            .name("Explanation")
            .description("How much of each decision's explanation to write into the 'match_explanation' field.")
            .required(true)
            .allowableValues(ExplanationDetail.class)
            .defaultValue(ExplanationDetail.SUMMARY)
            .build();

    static final PropertyDescriptor STORE_WAIT = StoreProperties.STORE_WAIT;

    static final Relationship REL_RESOLVED = new Relationship.Builder()
            .name("resolved")
            .description("Records with their entity: new, matched, merged, unchanged or updated.")
            .build();

    static final Relationship REL_REVIEW = new Relationship.Builder()
            .name("review")
            .description("Records that possibly match an entity (probability between the review and the match threshold). They have "
                    + "their own entity for now; the candidate entities and scores (best first) are in 'match_candidates'.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles that could not be read (with 'resolution.failure.reason'), and records that cannot be resolved "
                    + "(no source system or id, nested records), each with a 'resolution_error' field.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            RECORD_READER, RECORD_WRITER, MATCH_MODEL, MASTER_DATA_STORE, SOURCE_SYSTEM_FIELD, SOURCE_ID_FIELD, EXPLANATION, STORE_WAIT);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_RESOLVED, REL_REVIEW, REL_FAILURE);

    static final String COUNTER_NEW = "Entities Created";
    static final String COUNTER_MATCHED = "Records Matched";
    static final String COUNTER_MERGED = "Entities Merged";
    static final String COUNTER_REVIEW = "Records For Review";
    static final String COUNTER_UNCHANGED = "Records Unchanged";
    static final String COUNTER_UPDATED = "Records Updated";
    static final String COUNTER_FAILED = "Records Failed";
    static final String COUNTER_OVERSIZED = "Oversized Blocks";
    static final String COUNTER_PAIRS = "Pairs Compared";

    private volatile EntityResolver resolver;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        resolver = new EntityResolver(context.getProperty(MATCH_MODEL).asControllerService(MatchModelService.class).getModel());
    }

    /** One record of the FlowFile between the phases: as read, prepared (or why not), and its resolution. */
    private static final class Pending {
        final Record record;
        final EntityResolver.Prepared prepared;
        final String error;
        Resolution resolution;

        Pending(final Record record, final EntityResolver.Prepared prepared, final String error) {
            this.record = record;
            this.prepared = prepared;
            this.error = error;
        }
    }

    /**
     * Three phases, so that concurrent tasks overlap: reading and preparing the records, and writing
     * the results, need no store; only resolving them holds the store's transaction.
     */
    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile original = session.get();
        if (original == null) {
            return;
        }
        final EntityResolver engine = resolver;

        // 1. read and prepare every record, without the store
        final List<Pending> pending = new ArrayList<>();
        final RecordSchema inputSchema;
        try (InputStream in = session.read(original);
             RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class).createRecordReader(original, in, getLogger())) {
            inputSchema = reader.getSchema();
            final String systemField = context.getProperty(SOURCE_SYSTEM_FIELD).getValue();
            final String idField = context.getProperty(SOURCE_ID_FIELD).getValue();
            final Set<String> notMatched = new HashSet<>(ResolutionFields.OUTPUT_FIELDS);
            notMatched.addAll(List.of(systemField, idField, ResolutionFields.MAPPED_AT, ResolutionFields.PARTITION_KEY));
            Record record;
            while ((record = reader.nextRecord()) != null) {
                try {
                    pending.add(new Pending(record, engine.prepare(sourceKey(record, systemField, idField), ResolutionFields.canonicalValues(record, notMatched)), null));
                } catch (final IllegalArgumentException badRecord) {
                    pending.add(new Pending(record, null, badRecord.getMessage()));
                }
            }
        } catch (final Exception e) {
            fail(session, original, e);
            return;
        }

        // 2. resolve and store them in one transaction
        final ResolutionStats stats = new ResolutionStats();
        final Boolean resolved = StoreProperties.inTransaction(context, session, original, getLogger(), tx -> {
            engine.prefetch(tx, pending.stream().filter(record -> record.prepared != null).map(record -> record.prepared).toList());
            for (final Pending record : pending) {
                if (record.prepared != null) {
                    record.resolution = engine.resolve(tx, record.prepared, stats);
                }
            }
            return true;
        }, e -> fail(session, original, e));
        if (resolved == null) {
            return;
        }

        // 3. write the records with their resolution. The store has committed: if writing fails, the
        // FlowFile goes to failure and a replay of it finds its records unchanged.
        final ExplanationDetail detail = context.getProperty(EXPLANATION).asAllowableValue(ExplanationDetail.class);
        final RecordSplitter outputs = new RecordSplitter(session, original, context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), getLogger());
        final Map<ResolutionStatus, Integer> statusCounts = new EnumMap<>(ResolutionStatus.class);
        final List<String> merges = new ArrayList<>();
        int failed = 0;
        try {
            final RecordSchema resolvedSchema = ResolutionFields.resolvedSchema(inputSchema, detail);
            final RecordSchema failureSchema = ResolutionFields.failureSchema(inputSchema);
            for (final Pending record : pending) {
                if (record.resolution == null) {
                    outputs.write(REL_FAILURE, ResolutionFields.failed(record.record, failureSchema, record.error));
                    failed++;
                    continue;
                }
                final Resolution resolution = record.resolution;
                statusCounts.merge(resolution.status(), 1, Integer::sum);
                resolution.retiredEntityIds().forEach(retired -> merges.add(retired + ">" + resolution.entityId()));
                final Relationship target = resolution.status() == ResolutionStatus.REVIEW ? REL_REVIEW : REL_RESOLVED;
                outputs.write(target, ResolutionFields.resolved(record.record, resolvedSchema, resolution, engine.model().priorWeight(), detail));
            }
            final Map<Relationship, FlowFile> children = outputs.finish(attributes(statusCounts, merges), REL_RESOLVED, resolvedSchema);
            if (!merges.isEmpty()) {
                children.forEach((relationship, child) -> session.getProvenanceReporter().route(child, relationship,
                        "Merged entities (retired>survivor): " + String.join(", ", merges)));
            }
        } catch (final Exception e) {
            outputs.discard();
            fail(session, original, e);
            return;
        }
        session.remove(original);
        countersFor(session, statusCounts, stats, failed);
    }

    private void fail(final ProcessSession session, final FlowFile original, final Exception e) {
        getLogger().error("Could not resolve {}; routing to failure", original, e);
        session.transfer(session.putAttribute(original, "resolution.failure.reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), REL_FAILURE);
    }

    private static SourceKey sourceKey(final Record record, final String systemField, final String idField) {
        final Object system = record.getValue(systemField);
        final Object id = record.getValue(idField);
        if (system == null || id == null || system.toString().isBlank() || id.toString().isBlank()) {
            throw new IllegalArgumentException("the record has no " + (system == null || system.toString().isBlank() ? "'" + systemField + "'" : "'" + idField + "'")
                    + " value; every record needs its source system and source id (set by MapToCanonicalRecord)");
        }
        return new SourceKey(system.toString(), id.toString());
    }

    private static Map<String, String> attributes(final Map<ResolutionStatus, Integer> counts, final List<String> merges) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("resolution.new.count", String.valueOf(counts.getOrDefault(ResolutionStatus.NEW, 0)));
        attributes.put("resolution.matched.count", String.valueOf(counts.getOrDefault(ResolutionStatus.MATCHED, 0)));
        attributes.put("resolution.merged.count", String.valueOf(counts.getOrDefault(ResolutionStatus.MERGED, 0)));
        attributes.put("resolution.review.count", String.valueOf(counts.getOrDefault(ResolutionStatus.REVIEW, 0)));
        if (!merges.isEmpty()) {
            final String joined = String.join(",", merges);
            attributes.put("resolution.merged.entity.ids", joined.length() > 4000 ? joined.substring(0, 4000) + "..." : joined);
        }
        return attributes;
    }

    private static void countersFor(final ProcessSession session, final Map<ResolutionStatus, Integer> counts, final ResolutionStats stats, final int failed) {
        session.adjustCounter(COUNTER_NEW, counts.getOrDefault(ResolutionStatus.NEW, 0) + counts.getOrDefault(ResolutionStatus.REVIEW, 0), false);
        session.adjustCounter(COUNTER_MATCHED, counts.getOrDefault(ResolutionStatus.MATCHED, 0), false);
        session.adjustCounter(COUNTER_MERGED, stats.merges(), false);
        session.adjustCounter(COUNTER_REVIEW, counts.getOrDefault(ResolutionStatus.REVIEW, 0), false);
        session.adjustCounter(COUNTER_UNCHANGED, counts.getOrDefault(ResolutionStatus.UNCHANGED, 0), false);
        session.adjustCounter(COUNTER_UPDATED, counts.getOrDefault(ResolutionStatus.UPDATED, 0), false);
        session.adjustCounter(COUNTER_FAILED, failed, false);
        session.adjustCounter(COUNTER_OVERSIZED, stats.oversizedBlocks(), false);
        session.adjustCounter(COUNTER_PAIRS, stats.pairsCompared(), false);
    }
}
