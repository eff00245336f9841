package io.github.nifiintegration.processors.estimation;

import io.github.nifiintegration.estimation.Estimate;
import io.github.nifiintegration.estimation.LabelField;
import io.github.nifiintegration.estimation.ModelEstimator;
import io.github.nifiintegration.estimation.ThresholdChoice;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.services.MatchModelService;
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
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"match", "model", "estimation", "expectation maximisation", "EM", "fellegi-sunter", "entity resolution", "training", "unsupervised"})
@CapabilityDescription("Estimates a match model's probabilities from a sample of the user's own canonical records, without labels: "
        + "u (how often non-matching pairs fall into each comparison level) from pairs drawn at random, m (how often matching pairs do) "
        + "and the prior match probability by expectation maximisation over the pairs that the blocking rules bring together. The "
        + "comparisons, levels, blocking rules and thresholds come from the template model of the 'Template Match Model' service. The "
        + "estimated model is written as the FlowFile's content (JSON), to be reviewed and then used through a StandardMatchModelService's "
        + "'Match Model File'. When the records carry labels (a field naming each record's true entity), set 'Label Field' and the model is "
        + "learned from them instead: m from the true pairs among the blocked pairs, u from random pairs of different entities.")
@WritesAttributes({
        @WritesAttribute(attribute = "mime.type", description = "application/json"),
        @WritesAttribute(attribute = "estimation.records", description = "How many records the estimate was made from"),
        @WritesAttribute(attribute = "estimation.method", description = "'expectation maximisation' (no labels) or 'labels'"),
        @WritesAttribute(attribute = "estimation.blocked.pairs", description = "Candidate pairs EM worked on"),
        @WritesAttribute(attribute = "estimation.iterations", description = "EM iterations run"),
        @WritesAttribute(attribute = "estimation.converged", description = "Whether EM converged"),
        @WritesAttribute(attribute = "estimation.prior", description = "The estimated prior match probability"),
        @WritesAttribute(attribute = "estimation.match.threshold", description = "The model's match threshold (tuned on the labels when asked for)"),
        @WritesAttribute(attribute = "estimation.failure.reason", description = "On 'failure': why no model could be estimated")
})
@SeeAlso(classNames = {"io.github.nifiintegration.services.StandardMatchModelService", "io.github.nifiintegration.processors.resolution.ResolveEntities"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Holds all records of the incoming FlowFile and the comparison "
        + "vectors of their candidate pairs: give it a sample (tens of thousands of records), not a whole data set.")
@UseCase(description = "Estimate the match model for your customers from a sample of them",
        keywords = {"train", "estimate", "m probability", "u probability", "weights"},
        configuration = """
                Take a sample of canonical customer records (for example with SampleRecord, or QueryRecord with LIMIT 50000) after
                MapToCanonicalRecord, and connect it to this processor.
                Set 'Record Reader' to a reader of those records, and 'Template Match Model' to a StandardMatchModelService holding
                the comparisons, levels and blocking rules you want (the person model of the project's templates is a start).
                Connect 'success' to PutFile writing into a models directory. Review the JSON (the weights of each level), then set
                the 'Match Model File' of the StandardMatchModelService that ResolveEntities uses to that file.
                """)
@UseCase(description = "Learn the match model from records whose true entities you know",
        keywords = {"labels", "supervised", "training data", "ground truth", "clerical review"},
        configuration = """
                Give the processor canonical records with a field naming each record's true entity (for example the cluster id a data
                steward assigned, or the entity id of reviewed matches): records of the same entity share the value, and a record that
                matches nothing has a value of its own. Set 'Label Field' to that field's name; it is never compared.
                The rest is as without labels: 'Record Reader', 'Template Match Model', and PutFile on 'success'.
                """)
public class EstimateMatchModel extends AbstractProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the sample of canonical records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor TEMPLATE_MODEL = new PropertyDescriptor.Builder()
            .name("Template Match Model")
            .description("The model whose comparisons, levels, blocking rules and thresholds are kept; its m and u are only EM's starting "
                    + "point and weak prior.")
            .identifiesControllerService(MatchModelService.class)
            .required(true)
            .build();

    static final PropertyDescriptor SEED = new PropertyDescriptor.Builder()
            .name("Random Seed")
            .description("Seed for drawing random pairs: the same records and seed give the same model.")
            .required(true)
            .defaultValue("42")
            .addValidator(StandardValidators.LONG_VALIDATOR)
            .build();

    static final PropertyDescriptor SAMPLED_PAIRS = new PropertyDescriptor.Builder()
            .name("Random Pairs")
            .description("How many random pairs to compare for the u probabilities (at most all pairs of the sample).")
            .required(true)
            .defaultValue("1000000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    static final PropertyDescriptor LABEL_FIELD = new PropertyDescriptor.Builder()
            .name("Label Field")
            .description("Optional: the record field holding each record's true entity (records of one entity share the value). When set, m and u "
                    + "are counted from these labels instead of estimated by expectation maximisation, and the field is not compared. Every record "
                    + "needs a label.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor TUNE_THRESHOLD = new PropertyDescriptor.Builder()
            .name("Tune Match Threshold")
            .description("With labels: set the model's match threshold to the one at which its decisions on the labelled blocked pairs have the "
                    + "best pairwise F1 (the review threshold is kept at or below it). Helps where entities are mostly pairs; where a threshold "
                    + "lower than the template's lets resolution chain records into large entities, it can cost more than it gains.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .dependsOn(LABEL_FIELD)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The estimated model, as JSON content.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles whose records could not be read, or too few to estimate from, with 'estimation.failure.reason'.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, TEMPLATE_MODEL, SEED, SAMPLED_PAIRS, LABEL_FIELD, TUNE_THRESHOLD);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);
    private static final Set<String> NOT_VALUES = Set.of("source_system", "source_id", "mapped_at");

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final Estimate estimate;
        final MatchModel model;
        final int recordCount;
        final String labelField = context.getProperty(LABEL_FIELD).getValue();
        try {
            final List<Map<String, Object>> records = read(context, session, flowFile, getLogger());
            recordCount = records.size();
            final ModelEstimator estimator = new ModelEstimator(context.getProperty(TEMPLATE_MODEL).asControllerService(MatchModelService.class).getModel(),
                    context.getProperty(SEED).asLong(), context.getProperty(SAMPLED_PAIRS).asInteger(), 2_000_000, 100, 1e-5);
            if (labelField == null) {
                estimate = estimator.estimate(records);
                model = estimate.model();
            } else {
                final List<String> labels = LabelField.take(records, labelField);
                estimate = estimator.estimateFromLabels(records, labels);
                model = context.getProperty(TUNE_THRESHOLD).asBoolean() ? ThresholdChoice.bestF1(estimate.model(), records, labels).model() : estimate.model();
            }
        } catch (final Exception e) {
            getLogger().error("Could not estimate a match model from {}", flowFile, e);
            session.transfer(session.putAttribute(flowFile, "estimation.failure.reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), REL_FAILURE);
            return;
        }
        final byte[] json = MatchModelJson.write(model).getBytes(StandardCharsets.UTF_8);
        flowFile = session.write(flowFile, out -> out.write(json));
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
        attributes.put("estimation.records", String.valueOf(recordCount));
        attributes.put("estimation.method", labelField == null ? "expectation maximisation" : "labels");
        attributes.put("estimation.blocked.pairs", String.valueOf(estimate.blockedPairs()));
        attributes.put("estimation.iterations", String.valueOf(estimate.iterations()));
        attributes.put("estimation.converged", String.valueOf(estimate.converged()));
        attributes.put("estimation.prior", String.format(Locale.ROOT, "%.6g", model.prior()));
        attributes.put("estimation.match.threshold", String.format(Locale.ROOT, "%.6g", model.matchThreshold()));
        flowFile = session.putAllAttributes(flowFile, attributes);
        if (!estimate.converged()) {
            getLogger().warn("EM did not converge in {} iterations for {}; the model may be rough", estimate.iterations(), flowFile);
        }
        session.getProvenanceReporter().modifyContent(flowFile, "Estimated match model from " + recordCount + " records");
        session.transfer(flowFile, REL_SUCCESS);
    }

    private static List<Map<String, Object>> read(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                                  final org.apache.nifi.logging.ComponentLog logger) throws Exception {
        final List<Map<String, Object>> records = new ArrayList<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class).createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                final Map<String, Object> values = new LinkedHashMap<>();
                for (final RecordField field : record.getSchema().getFields()) {
                    final Object value = record.getValue(field);
                    if (value != null && !NOT_VALUES.contains(field.getFieldName())) {
                        values.put(field.getFieldName(), value instanceof Object[] array ? List.of(array).stream().map(String::valueOf).toList() : value.toString());
                    }
                }
                records.add(values);
            }
        }
        if (records.size() < 2) {
            throw new IllegalArgumentException("estimation needs at least two records; the FlowFile holds " + records.size());
        }
        return records;
    }
}
