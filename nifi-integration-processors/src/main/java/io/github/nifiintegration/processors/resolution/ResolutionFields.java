package io.github.nifiintegration.processors.resolution;

import io.github.nifiintegration.mapping.normalize.Values;
import io.github.nifiintegration.matching.Contribution;
import io.github.nifiintegration.resolution.Candidate;
import io.github.nifiintegration.resolution.Resolution;
import io.github.nifiintegration.resolution.ResolutionStatus;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields ResolveEntities adds to each record, their schema, and the conversion of a canonical
 * NiFi record into the plain values the engine matches and stores.
 */
public final class ResolutionFields {

    static final String ENTITY_ID = "entity_id";
    static final String STATUS = "match_status";
    static final String PROBABILITY = "match_probability";
    static final String WEIGHT = "match_weight";
    static final String MERGED_IDS = "merged_entity_ids";
    static final String CANDIDATES = "match_candidates";
    static final String EXPLANATION = "match_explanation";
    static final String ERROR = "resolution_error";
    /** Written by MapToCanonicalRecord; changes on every run, so it is neither matched nor stored. */
    static final String MAPPED_AT = "mapped_at";
    /** Written by MapToCanonicalRecord for cluster load balancing; routing data, neither matched nor stored. */
    static final String PARTITION_KEY = "partition_key";

    static final Set<String> OUTPUT_FIELDS = Set.of(ENTITY_ID, STATUS, PROBABILITY, WEIGHT, MERGED_IDS, CANDIDATES, EXPLANATION, ERROR);

    private static final DataType STRING = RecordFieldType.STRING.getDataType();
    private static final DataType DOUBLE = RecordFieldType.DOUBLE.getDataType();
    private static final RecordSchema CANDIDATE_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(ENTITY_ID, STRING), new RecordField("probability", DOUBLE),
            new RecordField("source_system", STRING), new RecordField("source_id", STRING)));
    private static final RecordSchema CONTRIBUTION_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("comparison", STRING), new RecordField("level", STRING), new RecordField("weight", DOUBLE),
            new RecordField("value", STRING), new RecordField("candidate_value", STRING)));

    private ResolutionFields() {
    }

    /** The input schema (without earlier resolution fields) plus the resolution fields. */
    static RecordSchema resolvedSchema(final RecordSchema input, final ExplanationDetail detail) {
        final List<RecordField> fields = inputFields(input);
        fields.add(new RecordField(ENTITY_ID, STRING, false));
        fields.add(new RecordField(STATUS, STRING, false));
        fields.add(new RecordField(PROBABILITY, DOUBLE, true));
        fields.add(new RecordField(WEIGHT, DOUBLE, true));
        fields.add(new RecordField(MERGED_IDS, RecordFieldType.ARRAY.getArrayDataType(STRING), true));
        fields.add(new RecordField(CANDIDATES, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(CANDIDATE_SCHEMA)), true));
        if (detail == ExplanationDetail.SUMMARY) {
            fields.add(new RecordField(EXPLANATION, STRING, true));
        } else if (detail == ExplanationDetail.FULL) {
            fields.add(new RecordField(EXPLANATION, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(CONTRIBUTION_SCHEMA)), true));
        }
        return new SimpleRecordSchema(fields);
    }

    static RecordSchema failureSchema(final RecordSchema input) {
        final List<RecordField> fields = inputFields(input);
        fields.add(new RecordField(ERROR, STRING, false));
        return new SimpleRecordSchema(fields);
    }

    private static List<RecordField> inputFields(final RecordSchema input) {
        final List<RecordField> fields = new ArrayList<>(input.getFieldCount() + 8);
        for (final RecordField field : input.getFields()) {
            if (!OUTPUT_FIELDS.contains(field.getFieldName())) {
                fields.add(field);
            }
        }
        return fields;
    }

    static Record resolved(final Record input, final RecordSchema schema, final Resolution resolution, final double priorWeight, final ExplanationDetail detail) {
        final Map<String, Object> values = new HashMap<>(input.toMap());
        values.put(ENTITY_ID, resolution.entityId());
        values.put(STATUS, resolution.status().name());
        values.put(PROBABILITY, Double.isNaN(resolution.probability()) ? null : resolution.probability());
        values.put(WEIGHT, Double.isNaN(resolution.weight()) ? null : resolution.weight());
        values.put(MERGED_IDS, resolution.retiredEntityIds().isEmpty() ? null : resolution.retiredEntityIds().toArray());
        // the candidates are what a steward decides between: written for review records only
        values.put(CANDIDATES, resolution.status() != ResolutionStatus.REVIEW || resolution.candidates().isEmpty() ? null : candidates(resolution.candidates()));
        if (detail == ExplanationDetail.SUMMARY) {
            values.put(EXPLANATION, summary(resolution, priorWeight));
        } else if (detail == ExplanationDetail.FULL) {
            values.put(EXPLANATION, resolution.explanation().isEmpty() ? null : contributions(resolution.explanation()));
        }
        return new MapRecord(schema, values);
    }

    static Record failed(final Record input, final RecordSchema schema, final String reason) {
        final Map<String, Object> values = new HashMap<>(input.toMap());
        values.put(ERROR, reason);
        return new MapRecord(schema, values);
    }

    private static Object[] candidates(final List<Candidate> candidates) {
        final Object[] records = new Object[candidates.size()];
        for (int i = 0; i < records.length; i++) {
            final Candidate candidate = candidates.get(i);
            final Map<String, Object> values = new HashMap<>();
            values.put(ENTITY_ID, candidate.entityId());
            values.put("probability", candidate.probability());
            values.put("source_system", candidate.sourceSystem());
            values.put("source_id", candidate.sourceId());
            records[i] = new MapRecord(CANDIDATE_SCHEMA, values);
        }
        return records;
    }

    private static Object[] contributions(final List<Contribution> contributions) {
        final Object[] records = new Object[contributions.size()];
        for (int i = 0; i < records.length; i++) {
            final Contribution contribution = contributions.get(i);
            final Map<String, Object> values = new HashMap<>();
            values.put("comparison", contribution.comparison());
            values.put("level", contribution.level());
            values.put("weight", contribution.weight());
            values.put("value", contribution.left());
            values.put("candidate_value", contribution.right());
            records[i] = new MapRecord(CONTRIBUTION_SCHEMA, values);
        }
        return records;
    }

    /** "prior -19.93; given_name exact +7.41; ...; = 12.30 (p=0.99980)". Written for every record, so no String.format. */
    public static String summary(final Resolution resolution, final double priorWeight) {
        if (resolution.explanation().isEmpty()) {
            return null;
        }
        final StringBuilder text = new StringBuilder(160).append("prior ");
        signed(text, priorWeight);
        for (final Contribution contribution : resolution.explanation()) {
            text.append("; ").append(contribution.comparison()).append(' ').append(contribution.level()).append(' ');
            signed(text, contribution.weight());
        }
        text.append("; = ");
        decimals(text, resolution.weight(), 100);
        text.append(" (p=");
        decimals(text, resolution.probability(), 100_000);
        return text.append(')').toString();
    }

    private static void signed(final StringBuilder text, final double value) {
        if (value >= 0) {
            text.append('+');
        }
        decimals(text, value, 100);
    }

    /** The value rounded to 1/scale, with exactly log10(scale) decimals. */
    private static void decimals(final StringBuilder text, final double value, final long scale) {
        final long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            text.append('-');
        }
        text.append(scaled / scale).append('.');
        final String fraction = Long.toString(scaled % scale);
        for (int pad = Long.toString(scale).length() - 1 - fraction.length(); pad > 0; pad--) {
            text.append('0');
        }
        text.append(fraction);
    }

    /**
     * The record's canonical values as the engine matches and stores them: lineage and resolution
     * fields left out, dates as ISO text, arrays as lists of text.
     *
     * @throws IllegalArgumentException naming a field that holds a nested record
     */
    public static Map<String, Object> canonicalValues(final Record record, final Set<String> excluded) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final RecordField field : record.getSchema().getFields()) {
            final String name = field.getFieldName();
            if (excluded.contains(name)) {
                continue;
            }
            final Object value = record.getValue(name);
            if (value != null) {
                values.put(name, plain(name, value));
            }
        }
        return values;
    }

    private static Object plain(final String field, final Object value) {
        if (value instanceof Record) {
            throw new IllegalArgumentException("field '" + field + "' holds a nested record; resolve flat canonical records, such as MapToCanonicalRecord writes");
        }
        if (value instanceof Object[] array) {
            final List<String> texts = new ArrayList<>(array.length);
            for (final Object element : array) {
                if (element instanceof Record) {
                    throw new IllegalArgumentException("field '" + field + "' holds nested records; resolve flat canonical records");
                }
                if (element != null) {
                    texts.add(Values.text(element));
                }
            }
            return texts;
        }
        if (value instanceof BigDecimal || value instanceof String) {
            return value;
        }
        return Values.text(value);
    }
}
