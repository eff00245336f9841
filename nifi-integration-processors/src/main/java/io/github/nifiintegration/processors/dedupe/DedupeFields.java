package io.github.nifiintegration.processors.dedupe;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields DeduplicateRecords adds to the records it routes, and their schemas. */
final class DedupeFields {

    /** On a duplicate: the id of the kept record it duplicates. */
    static final String DUPLICATE_OF = "duplicate_of";
    /** On a fuzzy duplicate: the record it matched best, the match probability and the explanation. */
    static final String MATCH_ID = "duplicate_match_id";
    static final String SCORE = "duplicate_score";
    static final String EXPLANATION = "duplicate_explanation";
    /** On a unique record that replaces a kept one (Most Complete, Most Recent): the replaced record's id. */
    static final String REPLACES = "replaces_id";
    /** On a record routed to failure: why. */
    static final String ERROR = "dedupe_error";

    private static final Set<String> ADDED = Set.of(DUPLICATE_OF, MATCH_ID, SCORE, EXPLANATION, REPLACES, ERROR);
    private static final DataType STRING = RecordFieldType.STRING.getDataType();

    private DedupeFields() {
    }

    static RecordSchema duplicateSchema(final RecordSchema input, final boolean fuzzy) {
        final RecordField duplicateOf = new RecordField(DUPLICATE_OF, STRING, false);
        if (!fuzzy) {
            return extended(input, duplicateOf);
        }
        return extended(input, duplicateOf, new RecordField(MATCH_ID, STRING, true), new RecordField(SCORE, RecordFieldType.DOUBLE.getDataType(), true),
                new RecordField(EXPLANATION, STRING, true));
    }

    static RecordSchema replacingSchema(final RecordSchema input) {
        return extended(input, new RecordField(REPLACES, STRING, true));
    }

    static RecordSchema failureSchema(final RecordSchema input) {
        return extended(input, new RecordField(ERROR, STRING, false));
    }

    /** The input's fields (without fields an earlier DeduplicateRecords added), then the added ones. */
    private static RecordSchema extended(final RecordSchema input, final RecordField... added) {
        final List<RecordField> fields = new ArrayList<>(input.getFieldCount() + added.length);
        input.getFields().stream().filter(field -> !ADDED.contains(field.getFieldName())).forEach(fields::add);
        fields.addAll(List.of(added));
        return new SimpleRecordSchema(fields);
    }

    /** The record in the given schema, with the added fields set. */
    static Record with(final Record input, final RecordSchema schema, final Map<String, Object> added) {
        // the input's values already fit its fields, and the added ones are text or numbers: no type checks needed
        return new MapRecord(schema, new AddedOnTop(input.toMap(), added), false, false);
    }

    /**
     * The input's values with the added ones on top, read through rather than copied: a writer looks
     * values up one field at a time, and copying every duplicate's values into a map of its own cost
     * more than judging it. Read-only; the merged entries are made only if somebody iterates them.
     */
    private static final class AddedOnTop extends AbstractMap<String, Object> {
        private final Map<String, Object> input;
        private final Map<String, Object> added;
        private Set<Entry<String, Object>> merged;

        AddedOnTop(final Map<String, Object> input, final Map<String, Object> added) {
            this.input = input;
            this.added = added;
        }

        @Override
        public Object get(final Object key) {
            return added.containsKey(key) ? added.get(key) : input.get(key);
        }

        @Override
        public boolean containsKey(final Object key) {
            return added.containsKey(key) || input.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            if (merged == null) {
                final Map<String, Object> values = new LinkedHashMap<>(input);
                values.putAll(added);
                merged = Collections.unmodifiableMap(values).entrySet();
            }
            return merged;
        }
    }
}
