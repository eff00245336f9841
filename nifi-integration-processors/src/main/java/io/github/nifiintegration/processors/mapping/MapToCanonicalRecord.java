package io.github.nifiintegration.processors.mapping;

import io.github.nifiintegration.mapping.CanonicalMapper;
import io.github.nifiintegration.mapping.FieldError;
import io.github.nifiintegration.mapping.normalize.NormalizerCatalog;
import io.github.nifiintegration.mapping.normalize.Values;
import io.github.nifiintegration.processors.common.RecordSplitter;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.SideEffectFree;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

@SupportsBatching
@SideEffectFree
@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"record", "canonical", "mapping", "normalize", "schema", "integration", "mdm", "cleanse", "standardize", "email", "phone", "lineage"})
@CapabilityDescription("Maps records of any source schema onto one canonical entity schema. Each canonical field is a dynamic property "
        + "whose value is a RecordPath into the source record, optionally followed by a chain of normalizers separated by '|', for example "
        + "'/contact/email | email' or '/Phone | phone(AU)'. Canonical records carry their lineage (source system, source record id, "
        + "time of mapping) and go to 'success'; records that fail normalization or lack a required field go to 'invalid' with the "
        + "reasons in a 'mapping_errors' field; a FlowFile that cannot be parsed goes to 'failure'. "
        + "Normalizers: trim, collapse, upper, lower, title, fold_accents, name(part), email, phone, postal_code, date, decimal, country.")
@DynamicProperty(name = "The name of a canonical field",
        value = "A RecordPath into the source record, then optional normalizers: /path | normalizer | normalizer(arg, ...)",
        description = "Defines one field of the canonical schema: where its value comes from in the source record and how it is normalized. "
                + "Add 'all' to the chain to keep every selected value as an array.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The MIME type that the Record Writer sets"),
        @WritesAttribute(attribute = "source.system", description = "The source system the records were mapped from"),
        @WritesAttribute(attribute = "mapping.invalid.count", description = "On the original's children: how many records of the FlowFile were invalid"),
        @WritesAttribute(attribute = "mapping.failure.reason", description = "On 'failure': why the FlowFile could not be mapped")
})
@SeeAlso(classNames = {"org.apache.nifi.processors.standard.UpdateRecord", "org.apache.nifi.processors.standard.ValidateRecord",
        "org.apache.nifi.processors.standard.ConvertRecord"})
@UseCase(description = "Map a CRM's CSV export onto the canonical customer schema",
        keywords = {"canonical", "customer", "crm", "csv", "rename", "normalize"},
        configuration = """
                Set 'Record Reader' to a CSVReader that treats the first line as the header, and 'Record Writer' to a JsonRecordSetWriter.
                Set 'Source System' to crm and 'Source Record ID Path' to /CustomerID.
                Add one property per canonical field:
                  given_name = /FirstName | collapse | title
                  family_name = /LastName | collapse | title
                  email = /Email | email
                  phone = /Phone | phone
                  birth_date = /DOB | date('dd/MM/yyyy')
                  country = /Country | country
                Set 'Required Fields' to family_name, email.
                Connect 'success' to entity resolution, and 'invalid' to a queue a data steward reviews.
                """)
@UseCase(description = "Map nested JSON (objects and arrays) from an API onto flat canonical fields",
        keywords = {"json", "nested", "array", "flatten", "canonical"},
        configuration = """
                Set 'Record Reader' to a JsonTreeReader and 'Record Writer' to any writer.
                Set 'Source System' to ${source.system} to take it from an attribute that the ingesting processor set.
                Reach into nested records and arrays with RecordPath:
                  given_name = /customer/name/given | title
                  email = /customer/emails[0] | email
                  phones = /customer/phones[*]/number | phone | all
                  city = /customer/address/city | collapse | title
                'all' keeps every selected phone as an array; without it the field takes the first value.
                """)
public class MapToCanonicalRecord extends AbstractProcessor implements VerifiableProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the source records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the canonical records (and the invalid source records). With 'Inherit Record Schema' it writes the canonical schema "
                    + "that the dynamic properties define.")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor SOURCE_SYSTEM = new PropertyDescriptor.Builder()
            .name("Source System")
            .description("The name of the system the records come from (crm, billing, ...). It becomes each record's source_system lineage field, "
                    + "and together with the source record id identifies the record across runs.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor SOURCE_RECORD_ID_PATH = new PropertyDescriptor.Builder()
            .name("Source Record ID Path")
            .description("A RecordPath to the field that identifies the record in its source system, such as /id or /customer/number. "
                    + "It becomes the source_id lineage field; a record without one is invalid.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor REQUIRED_FIELDS = new PropertyDescriptor.Builder()
            .name("Required Fields")
            .description("A comma-separated list of canonical fields that must have a value. A record missing one goes to 'invalid'.")
            .required(false)
            .addValidator(Validator.VALID)
            .build();

    static final PropertyDescriptor DEFAULT_REGION = new PropertyDescriptor.Builder()
            .name("Default Region")
            .description("ISO 3166 alpha-2 code of the region in which phone numbers without a country code and postal codes are read, "
                    + "unless a normalizer call names one, as in phone(GB).")
            .required(true)
            .defaultValue("US")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor DATE_FORMATS = new PropertyDescriptor.Builder()
            .name("Date Formats")
            .description("The java.time patterns that the 'date' normalizer tries, in order, after the ISO-8601 forms, separated by ';'. "
                    + "The first pattern that parses wins: list day-first patterns before month-first ones for day-first sources. "
                    + "A date call with arguments, as in date('MM/dd/yyyy'), uses its own patterns instead.")
            .required(true)
            .defaultValue(String.join("; ", NormalizerCatalog.DEFAULT_DATE_PATTERNS))
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor PARTITION_KEY_FIELDS = new PropertyDescriptor.Builder()
            .name("Partition Key Fields")
            .description("For a NiFi cluster: canonical fields that make up a blocking key, separated by commas (e.g. 'family_name, birth_date', "
                    + "the fields of the match model's main blocking rule). Each canonical record then gets a 'partition_key' field: a hash of "
                    + "those values (case ignored) modulo 'Partitions'. PartitionRecord on /partition_key puts it in an attribute, and a "
                    + "load-balanced connection partitioned by that attribute sends records that share the key to the same node. Empty: no partition key.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor PARTITIONS = new PropertyDescriptor.Builder()
            .name("Partitions")
            .description("How many partition key values there are. A few per node is enough: NiFi spreads the values over the nodes.")
            .required(true)
            .defaultValue("64")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Canonical records, with their lineage fields.")
            .build();

    static final Relationship REL_INVALID = new Relationship.Builder()
            .name("invalid")
            .description("Source records that could not be mapped (a value that does not normalize, a missing required field or source id), "
                    + "with lineage and a 'mapping_errors' array naming each field and the reason.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles that could not be read or written at all, with the reason in 'mapping.failure.reason'.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            RECORD_READER, RECORD_WRITER, SOURCE_SYSTEM, SOURCE_RECORD_ID_PATH, REQUIRED_FIELDS, DEFAULT_REGION, DATE_FORMATS, PARTITION_KEY_FIELDS, PARTITIONS);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_INVALID, REL_FAILURE);

    static final String COUNTER_MAPPED = "Records Mapped";
    static final String COUNTER_INVALID = "Records Invalid";
    static final String COUNTER_FAILED = "FlowFiles Failed";

    private volatile CompiledMapping compiled;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("Canonical field '" + propertyDescriptorName + "': a RecordPath into the source record, then optional '| normalizer' steps.")
                .required(false)
                .dynamic(true)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        // Early builds called the id property "Source ID Path"; flows saved with it keep working.
        config.renameProperty("Source ID Path", SOURCE_RECORD_ID_PATH.getName());
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final CompiledMapping mapping = compile(context.getProperties(), context.getProperty(SOURCE_RECORD_ID_PATH).getValue(),
                context.getProperty(REQUIRED_FIELDS).getValue(), context.getProperty(DEFAULT_REGION).getValue(), context.getProperty(DATE_FORMATS).getValue())
                .withPartitionKey(context.getProperty(PARTITION_KEY_FIELDS).getValue(), partitions(context.getProperty(PARTITIONS).getValue()));
        return mapping.problems.stream()
                .map(problem -> new ValidationResult.Builder().subject(problem.property()).input(problem.input()).valid(false).explanation(problem.explanation()).build())
                .toList();
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final CompiledMapping mapping = compile(context);
        if (!mapping.isValid()) {
            // customValidate refuses this already; a parameter changed in between is the only way here
            throw new ProcessException("Invalid mapping configuration: " + mapping.problems);
        }
        this.compiled = mapping;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile original = session.get();
        if (original == null) {
            return;
        }
        final String sourceSystem = context.getProperty(SOURCE_SYSTEM).evaluateAttributeExpressions(original).getValue();
        final RecordReaderFactory readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        final CompiledMapping mapping = compiled;
        final RecordSplitter outputs = new RecordSplitter(session, original, writerFactory, getLogger());
        final int mapped;
        final int invalid;
        try (InputStream in = session.read(original);
             RecordReader reader = readerFactory.createRecordReader(original, in, getLogger())) {
            final String mappedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            RecordSchema invalidSchema = null;
            Record source;
            while ((source = reader.nextRecord()) != null) {
                final String sourceId = sourceId(mapping, source);
                final CanonicalMapper.Outcome outcome = mapping.mapper.map(source);
                if (outcome.valid() && sourceId != null) {
                    final Map<String, Object> values = outcome.values();
                    values.put(CanonicalSchemas.SOURCE_SYSTEM, sourceSystem);
                    values.put(CanonicalSchemas.SOURCE_ID, sourceId);
                    values.put(CanonicalSchemas.MAPPED_AT, mappedAt);
                    if (mapping.partitionKey != null) {
                        values.put(CanonicalSchemas.PARTITION_KEY, Integer.toString(mapping.partitionKey.of(values)));
                    }
                    outputs.write(REL_SUCCESS, new MapRecord(mapping.canonicalSchema, values));
                } else {
                    if (invalidSchema == null) {
                        invalidSchema = CanonicalSchemas.invalid(reader.getSchema());
                    }
                    outputs.write(REL_INVALID, invalidRecord(source, invalidSchema, sourceSystem, sourceId, outcome.errors()));
                }
            }
            mapped = outputs.count(REL_SUCCESS);
            invalid = outputs.count(REL_INVALID);
            outputs.finish(Map.of("source.system", sourceSystem, "mapping.invalid.count", String.valueOf(invalid)), REL_SUCCESS, mapping.canonicalSchema);
        } catch (final Exception e) {
            outputs.discard();
            final String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            getLogger().error("Could not map {}; routing to failure", original, e);
            session.adjustCounter(COUNTER_FAILED, 1, false);
            session.transfer(session.putAttribute(original, "mapping.failure.reason", reason), REL_FAILURE);
            return;
        }
        session.adjustCounter(COUNTER_MAPPED, mapped, false);
        session.adjustCounter(COUNTER_INVALID, invalid, false);
        session.remove(original);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final CompiledMapping mapping = compile(context);
        if (!mapping.isValid()) {
            return List.of(new ConfigVerificationResult.Builder()
                    .verificationStepName("Compile canonical mapping")
                    .outcome(Outcome.FAILED)
                    .explanation(mapping.problems.stream().map(p -> p.property() + ": " + p.explanation()).collect(Collectors.joining("; ")))
                    .build());
        }
        return List.of(new ConfigVerificationResult.Builder()
                .verificationStepName("Compile canonical mapping")
                .outcome(Outcome.SUCCESSFUL)
                .explanation("Canonical schema: " + mapping.canonicalSchema.getFieldNames())
                .build());
    }

    private static CompiledMapping compile(final ProcessContext context) {
        return compile(context.getProperties(), context.getProperty(SOURCE_RECORD_ID_PATH).getValue(), context.getProperty(REQUIRED_FIELDS).getValue(),
                context.getProperty(DEFAULT_REGION).getValue(), context.getProperty(DATE_FORMATS).getValue())
                .withPartitionKey(context.getProperty(PARTITION_KEY_FIELDS).getValue(), partitions(context.getProperty(PARTITIONS).getValue()));
    }

    /** The Partitions value; one that is not a positive number (its own validator reports it) counts as 1. */
    private static int partitions(final String value) {
        try {
            return Math.max(1, Integer.parseInt(value == null ? "1" : value.strip()));
        } catch (final NumberFormatException e) {
            return 1;
        }
    }

    private static CompiledMapping compile(final Map<PropertyDescriptor, String> properties, final String idPath, final String required,
                                           final String region, final String dateFormats) {
        // by name: the framework does not promise an order for dynamic properties, and the canonical
        // schema must not change when a flow is reloaded
        final Map<String, String> fields = new TreeMap<>();
        properties.forEach((descriptor, value) -> {
            if (descriptor.isDynamic()) {
                fields.put(descriptor.getName(), value);
            }
        });
        return CompiledMapping.compile(fields, idPath, required, region, dateFormats);
    }

    private static String sourceId(final CompiledMapping mapping, final Record source) {
        try {
            for (final Object value : mapping.sourceIdSelector.select(source)) {
                final String id = Values.nonBlankText(value);
                if (id != null) {
                    return id;
                }
            }
        } catch (final RuntimeException e) {
            return null;
        }
        return null;
    }

    private static Record invalidRecord(final Record source, final RecordSchema schema, final String sourceSystem, final String sourceId,
                                        final List<FieldError> errors) {
        final List<String> reasons = new ArrayList<>(errors.size() + 1);
        if (sourceId == null) {
            reasons.add(CanonicalSchemas.SOURCE_ID + ": the Source Record ID Path selects no value");
        }
        errors.forEach(error -> reasons.add(error.toString()));
        final Map<String, Object> values = new HashMap<>(source.toMap());
        values.put(CanonicalSchemas.SOURCE_SYSTEM, sourceSystem);
        values.put(CanonicalSchemas.SOURCE_ID, sourceId);
        values.put(CanonicalSchemas.MAPPING_ERRORS, reasons.toArray());
        return new MapRecord(schema, values);
    }
}
