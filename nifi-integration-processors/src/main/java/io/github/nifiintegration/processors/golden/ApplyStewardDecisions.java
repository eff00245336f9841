package io.github.nifiintegration.processors.golden;

import io.github.nifiintegration.processors.common.FailedRecords;
import io.github.nifiintegration.processors.common.RecordSplitter;
import io.github.nifiintegration.processors.common.StoreProperties;
import io.github.nifiintegration.stewardship.AppliedDecision;
import io.github.nifiintegration.stewardship.DecisionApplier;
import io.github.nifiintegration.stewardship.InvalidDecisionException;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"data steward", "stewardship", "merge", "split", "cannot link", "pin", "mdm", "master data", "golden record"})
@CapabilityDescription("Applies data stewards' decisions to the master data store: merge two entities, split a source record out of its entity, "
        + "declare two source records never the same entity (cannot-link), pin a golden record field to a value, or take a pin back. "
        + "Resolution and survivorship respect the decisions from then on: a cannot-link pair never shares an entity again, a split record "
        + "never rejoins the records it left, and a pinned value survives every recomputation. Each decision record names its decision in "
        + "'decision' (merge, split, cannot_link, pin, unpin) and what it is about in 'entity_id' / 'other_entity_id', 'source_system' / "
        + "'source_id', 'other_source_system' / 'other_source_id', 'field' and 'value'. Applied decisions leave on 'applied' with the "
        + "entity to recompute, ready for MaintainGoldenRecords.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "steward.failure.reason", description = "On 'failure': why the FlowFile could not be processed")
})
@SeeAlso(classNames = {"io.github.nifiintegration.processors.golden.MaintainGoldenRecords", "io.github.nifiintegration.processors.resolution.ResolveEntities"})
@UseCase(description = "Apply the decisions data stewards made on the review queue",
        keywords = {"review", "data steward", "merge", "split"},
        configuration = """
                Read the stewards' decisions (a CSV or JSON export from the review tool, a database table through a query processor).
                Set 'Master Data Store' to the store ResolveEntities uses.
                Connect 'applied' to MaintainGoldenRecords (same store and rules), so merged, split and pinned entities get their golden
                records recomputed and their change events.
                Route 'invalid' back to the stewards: each record carries 'decision_error' saying why it could not be applied.
                """)
public class ApplyStewardDecisions extends AbstractProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the decision records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the applied and the invalid decisions.")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final Relationship REL_APPLIED = new Relationship.Builder()
            .name("applied")
            .description("Decisions applied to the store, with 'entity_id' set to the entity whose golden record must be recomputed, "
                    + "'merged_entity_ids' for a merge and 'split_from_entity_id' for a split.")
            .build();

    static final Relationship REL_INVALID = new Relationship.Builder()
            .name("invalid")
            .description("Decisions that could not be applied (unknown decision, entity or record, a missing field, or a merge a cannot-link "
                    + "forbids), each with a 'decision_error' field. Nothing of them was applied.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles that could not be read, with 'steward.failure.reason'. Nothing of them was applied.")
            .build();

    static final String ERROR_FIELD = "decision_error";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, StoreProperties.MASTER_DATA_STORE, StoreProperties.STORE_WAIT);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_APPLIED, REL_INVALID, REL_FAILURE);

    private final DecisionApplier applier = new DecisionApplier();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** A decision record and what became of it. */
    private record Outcome(Record record, AppliedDecision applied, String error) {
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile original = session.get();
        if (original == null) {
            return;
        }
        final List<Outcome> outcomes = new ArrayList<>();
        final RecordSchema inputSchema = StoreProperties.inTransaction(context, session, original, getLogger(), tx -> {
            try (InputStream in = session.read(original);
                 RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class).createRecordReader(original, in, getLogger())) {
                Record record;
                while ((record = reader.nextRecord()) != null) {
                    try {
                        outcomes.add(new Outcome(record, applier.apply(tx, DecisionRecords.parse(record)), null));
                    } catch (final InvalidDecisionException | IllegalArgumentException invalid) {
                        outcomes.add(new Outcome(record, null, invalid.getMessage()));
                    }
                }
                return reader.getSchema();
            }
        }, e -> fail(session, original, e));
        if (inputSchema == null) {
            return;
        }

        final RecordSplitter outputs = new RecordSplitter(session, original, context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), getLogger());
        try {
            final RecordSchema appliedSchema = DecisionRecords.appliedSchema(inputSchema);
            final FailedRecords invalid = new FailedRecords(inputSchema, ERROR_FIELD);
            for (final Outcome outcome : outcomes) {
                if (outcome.applied() != null) {
                    outputs.write(REL_APPLIED, DecisionRecords.applied(outcome.record(), appliedSchema, outcome.applied()));
                } else {
                    outputs.write(REL_INVALID, invalid.failed(outcome.record(), outcome.error()));
                }
            }
            outputs.finish(Map.of(), REL_APPLIED, appliedSchema);
        } catch (final Exception e) {
            // the decisions are in the store: replaying them is harmless (each is idempotent or reports why not)
            outputs.discard();
            fail(session, original, e);
            return;
        }
        session.remove(original);
        final long applied = outcomes.stream().filter(outcome -> outcome.applied() != null).count();
        session.adjustCounter("Decisions Applied", applied, false);
        session.adjustCounter("Decisions Invalid", outcomes.size() - applied, false);
    }

    private void fail(final ProcessSession session, final FlowFile original, final Exception e) {
        getLogger().error("Could not apply the decisions in {}; routing to failure", original, e);
        session.transfer(session.putAttribute(original, "steward.failure.reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), REL_FAILURE);
    }
}
