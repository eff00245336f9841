package io.github.nifiintegration.processors.mapping;

import io.github.nifiintegration.mapping.CanonicalMapper;
import io.github.nifiintegration.mapping.FieldMapping;
import io.github.nifiintegration.mapping.MappingExpression;
import io.github.nifiintegration.mapping.PartitionKey;
import io.github.nifiintegration.mapping.ValueSelector;
import io.github.nifiintegration.mapping.normalize.NormalizerSettings;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mapping processor's configuration, compiled once: the canonical mapper, the source id selector
 * and the canonical schema. Compiling collects every problem with the name of the property it belongs
 * to, which is what validation shows on the canvas.
 */
final class CompiledMapping {

    /** A configuration problem, tied to the property a user has to fix. */
    record Problem(String property, String input, String explanation) {
    }

    /** Canonical field names must suit every record writer (Avro is the strictest). */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> ISO_REGIONS = Set.of(Locale.getISOCountries());

    final CanonicalMapper<Record> mapper;
    final ValueSelector<Record> sourceIdSelector;
    final RecordSchema canonicalSchema;
    /** The partition key written with each canonical record, or null when none is configured. */
    final PartitionKey partitionKey;
    final List<Problem> problems;

    private CompiledMapping(final CanonicalMapper<Record> mapper, final ValueSelector<Record> sourceIdSelector,
                            final RecordSchema canonicalSchema, final List<Problem> problems) {
        this(mapper, sourceIdSelector, canonicalSchema, problems, null);
    }

    private CompiledMapping(final CanonicalMapper<Record> mapper, final ValueSelector<Record> sourceIdSelector,
                            final RecordSchema canonicalSchema, final List<Problem> problems, final PartitionKey partitionKey) {
        this.partitionKey = partitionKey;
        this.mapper = mapper;
        this.sourceIdSelector = sourceIdSelector;
        this.canonicalSchema = canonicalSchema;
        this.problems = problems;
    }

    boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * @param fieldExpressions canonical field name to its mapping expression, in configured order
     */
    static CompiledMapping compile(final Map<String, String> fieldExpressions, final String sourceIdPath, final String requiredFields,
                                   final String defaultRegion, final String dateFormats) {
        final List<Problem> problems = new ArrayList<>();

        final String region = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!ISO_REGIONS.contains(region)) {
            problems.add(new Problem(MapToCanonicalRecord.DEFAULT_REGION.getName(), defaultRegion, "'" + defaultRegion + "' is not an ISO 3166 alpha-2 region code such as US, GB or AU"));
        }
        final List<String> datePatterns = splitPatterns(dateFormats);
        for (final String pattern : datePatterns) {
            try {
                java.time.format.DateTimeFormatter.ofPattern(pattern);
            } catch (final IllegalArgumentException e) {
                problems.add(new Problem(MapToCanonicalRecord.DATE_FORMATS.getName(), dateFormats, "'" + pattern + "' is not a java.time date pattern: " + e.getMessage()));
            }
        }
        final NormalizerSettings settings = new NormalizerSettings(region, datePatterns);

        ValueSelector<Record> idSelector = null;
        try {
            idSelector = RecordValueSelectors.forPath(sourceIdPath);
        } catch (final RuntimeException e) {
            problems.add(new Problem(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH.getName(), sourceIdPath, "not a valid RecordPath: " + e.getMessage()));
        }

        if (fieldExpressions.isEmpty()) {
            problems.add(new Problem("Canonical Fields", null,
                    "no canonical field is configured: add a property per canonical field, such as 'email' = '/contact/email | email'"));
        }
        final List<CanonicalMapper.Binding<Record>> bindings = new ArrayList<>();
        final List<FieldMapping> mappings = new ArrayList<>();
        for (final Map.Entry<String, String> entry : fieldExpressions.entrySet()) {
            final String field = entry.getKey();
            if (!FIELD_NAME.matcher(field).matches()) {
                problems.add(new Problem(field, entry.getValue(), "'" + field + "' is not a valid canonical field name: use letters, digits and _ and start with a letter or _"));
                continue;
            }
            if (CanonicalSchemas.RESERVED_NAMES.contains(field)) {
                problems.add(new Problem(field, entry.getValue(), "'" + field + "' is a lineage field that the processor writes itself; choose another name"));
                continue;
            }
            try {
                final MappingExpression expression = MappingExpression.parse(entry.getValue());
                final FieldMapping mapping = FieldMapping.of(field, expression, settings);
                bindings.add(new CanonicalMapper.Binding<>(mapping, RecordValueSelectors.forPath(expression.path())));
                mappings.add(mapping);
            } catch (final RuntimeException e) {
                problems.add(new Problem(field, entry.getValue(), "invalid mapping for canonical field '" + field + "': " + e.getMessage()));
            }
        }

        final Set<String> required = new LinkedHashSet<>();
        if (requiredFields != null && !requiredFields.isBlank()) {
            for (final String name : requiredFields.split(",")) {
                final String trimmed = name.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!fieldExpressions.containsKey(trimmed)) {
                    problems.add(new Problem(MapToCanonicalRecord.REQUIRED_FIELDS.getName(), requiredFields,
                            "'" + trimmed + "' is not one of the configured canonical fields " + fieldExpressions.keySet()));
                }
                required.add(trimmed);
            }
        }

        if (!problems.isEmpty()) {
            return new CompiledMapping(null, null, null, List.copyOf(problems));
        }
        return new CompiledMapping(new CanonicalMapper<>(bindings, required), idSelector, CanonicalSchemas.canonical(mappings), List.of());
    }

    /**
     * This mapping with a partition key over some of its canonical fields (written to
     * {@link CanonicalSchemas#PARTITION_KEY}), or with the reasons it cannot have one.
     *
     * @param fieldsText comma-separated canonical field names; null or blank for no partition key
     */
    CompiledMapping withPartitionKey(final String fieldsText, final int partitions) {
        if (fieldsText == null || fieldsText.isBlank()) {
            return this;
        }
        final List<String> fields = Arrays.stream(fieldsText.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList();
        final List<Problem> found = new ArrayList<>(problems);
        for (final String field : fields) {
            if (canonicalSchema != null && canonicalSchema.getField(field).isEmpty()) {
                found.add(new Problem(MapToCanonicalRecord.PARTITION_KEY_FIELDS.getName(), fieldsText,
                        "'" + field + "' is not one of the configured canonical fields"));
            }
        }
        if (fields.isEmpty() || partitions < 1) {
            found.add(new Problem(MapToCanonicalRecord.PARTITION_KEY_FIELDS.getName(), fieldsText, "name at least one canonical field, and at least one partition"));
        }
        if (!found.isEmpty()) {
            return new CompiledMapping(null, null, null, List.copyOf(found));
        }
        final List<RecordField> schemaFields = new ArrayList<>(canonicalSchema.getFields());
        schemaFields.add(new RecordField(CanonicalSchemas.PARTITION_KEY, RecordFieldType.STRING.getDataType(), false));
        return new CompiledMapping(mapper, sourceIdSelector, new SimpleRecordSchema(schemaFields), List.of(), new PartitionKey(fields, partitions));
    }

    static List<String> splitPatterns(final String dateFormats) {
        if (dateFormats == null || dateFormats.isBlank()) {
            return List.of();
        }
        return Arrays.stream(dateFormats.split(";")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
