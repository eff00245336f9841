package io.github.nifiintegration.services.golden;

import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.SourceRef;
import io.github.nifiintegration.survivorship.ChangeEvent;
import io.github.nifiintegration.survivorship.FieldChange;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Golden records and change events as NiFi records: the schemas, and the conversion. Golden values
 * keep their type (text, decimal, array of text); each value's lineage is one entry per source
 * record in {@code golden_lineage}.
 */
public final class GoldenRecordFields {

    public static final String ENTITY_ID = "entity_id";
    public static final String VERSION = "golden_version";
    public static final String RETIRED_INTO = "retired_into";
    public static final String CHANGED_AT = "changed_at";
    public static final String LINEAGE = "golden_lineage";
    public static final String EVENT_TYPE = "event_type";
    public static final String RELATED = "related_entity_ids";
    public static final String CHANGES = "changes";

    private static final DataType STRING = RecordFieldType.STRING.getDataType();
    private static final DataType LONG = RecordFieldType.LONG.getDataType();
    private static final DataType STRINGS = RecordFieldType.ARRAY.getArrayDataType(STRING);

    static final RecordSchema LINEAGE_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("field", STRING), new RecordField("rule", STRING), new RecordField("source_system", STRING, true),
            new RecordField("source_id", STRING, true), new RecordField("source_timestamp", STRING, true)));
    static final RecordSchema CHANGE_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("field", STRING), new RecordField("old_value", STRING, true), new RecordField("new_value", STRING, true),
            new RecordField("old_rule", STRING, true), new RecordField("new_rule", STRING, true),
            new RecordField("new_source_system", STRING, true), new RecordField("new_source_id", STRING, true)));
    public static final RecordSchema EVENT_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(EVENT_TYPE, STRING, false), new RecordField(ENTITY_ID, STRING, false), new RecordField(VERSION, LONG, false),
            new RecordField(RELATED, STRINGS, true), new RecordField(CHANGED_AT, STRING, true),
            new RecordField(CHANGES, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(CHANGE_SCHEMA)), true)));

    private GoldenRecordFields() {
    }

    /** One schema for all the golden records of a FlowFile: the fixed fields, then every value field any of them has. */
    public static RecordSchema goldenSchema(final Collection<GoldenRecord> records) {
        final Map<String, DataType> valueTypes = new TreeMap<>();
        for (final GoldenRecord record : records) {
            record.fields().forEach((field, value) -> valueTypes.merge(field, typeOf(value.value()), GoldenRecordFields::wider));
        }
        final List<RecordField> fields = new ArrayList<>();
        fields.add(new RecordField(ENTITY_ID, STRING, false));
        fields.add(new RecordField(VERSION, LONG, true));
        fields.add(new RecordField(RETIRED_INTO, STRING, true));
        fields.add(new RecordField(CHANGED_AT, STRING, true));
        valueTypes.forEach((field, type) -> {
            if (!isFixed(field)) {
                fields.add(new RecordField(field, type, true));
            }
        });
        fields.add(new RecordField(LINEAGE, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(LINEAGE_SCHEMA)), true));
        return new SimpleRecordSchema(fields);
    }

    private static boolean isFixed(final String field) {
        return field.equals(ENTITY_ID) || field.equals(VERSION) || field.equals(RETIRED_INTO) || field.equals(CHANGED_AT) || field.equals(LINEAGE);
    }

    public static Record golden(final GoldenRecord golden, final RecordSchema schema) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(ENTITY_ID, golden.entityId());
        values.put(VERSION, golden.version());
        values.put(RETIRED_INTO, golden.retiredInto());
        values.put(CHANGED_AT, golden.changedAt());
        final List<Record> lineage = new ArrayList<>();
        golden.fields().forEach((field, value) -> {
            if (!isFixed(field)) {
                values.put(field, recordValue(value.value(), schema.getDataType(field).orElse(STRING)));
            }
            if (value.sources().isEmpty()) {
                lineage.add(lineage(field, value.rule(), null));
            }
            for (final SourceRef source : value.sources()) {
                lineage.add(lineage(field, value.rule(), source));
            }
        });
        values.put(LINEAGE, lineage.toArray());
        return new MapRecord(schema, values);
    }

    public static Record event(final ChangeEvent event) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(EVENT_TYPE, event.type().name());
        values.put(ENTITY_ID, event.golden().entityId());
        values.put(VERSION, event.golden().version());
        values.put(RELATED, event.relatedEntities().toArray());
        values.put(CHANGED_AT, event.golden().changedAt());
        final List<Record> changes = new ArrayList<>();
        for (final FieldChange change : event.changes()) {
            final Map<String, Object> changeValues = new LinkedHashMap<>();
            changeValues.put("field", change.field());
            changeValues.put("old_value", change.before() == null ? null : text(change.before().value()));
            changeValues.put("new_value", change.after() == null ? null : text(change.after().value()));
            changeValues.put("old_rule", change.before() == null ? null : change.before().rule());
            changeValues.put("new_rule", change.after() == null ? null : change.after().rule());
            final SourceRef source = change.after() == null || change.after().sources().isEmpty() ? null : change.after().sources().get(0);
            changeValues.put("new_source_system", source == null ? null : source.system());
            changeValues.put("new_source_id", source == null ? null : source.id());
            changes.add(new MapRecord(CHANGE_SCHEMA, changeValues));
        }
        values.put(CHANGES, changes.toArray());
        return new MapRecord(EVENT_SCHEMA, values);
    }

    private static Record lineage(final String field, final String rule, final SourceRef source) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("field", field);
        values.put("rule", rule);
        values.put("source_system", source == null ? null : source.system());
        values.put("source_id", source == null ? null : source.id());
        values.put("source_timestamp", source == null ? null : source.timestamp());
        return new MapRecord(LINEAGE_SCHEMA, values);
    }

    /** A list as its elements joined by ", "; anything else as its text. */
    static String text(final Object value) {
        return value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : value.toString();
    }

    private static DataType typeOf(final Object value) {
        if (value instanceof List<?>) {
            return STRINGS;
        }
        if (value instanceof BigDecimal decimal) {
            return RecordFieldType.DECIMAL.getDecimalDataType(Math.max(decimal.precision(), decimal.scale() + 1), Math.max(decimal.scale(), 0));
        }
        return STRING;
    }

    /** Two records disagree about a field's type: decimals widen to hold both; anything else becomes text. */
    private static DataType wider(final DataType a, final DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.getFieldType() == RecordFieldType.DECIMAL && b.getFieldType() == RecordFieldType.DECIMAL) {
            final var x = (org.apache.nifi.serialization.record.type.DecimalDataType) a;
            final var y = (org.apache.nifi.serialization.record.type.DecimalDataType) b;
            final int scale = Math.max(x.getScale(), y.getScale());
            final int integerDigits = Math.max(x.getPrecision() - x.getScale(), y.getPrecision() - y.getScale());
            return RecordFieldType.DECIMAL.getDecimalDataType(integerDigits + scale, scale);
        }
        return STRING;
    }

    private static Object recordValue(final Object value, final DataType type) {
        if (type.getFieldType() == RecordFieldType.STRING) {
            return text(value);
        }
        return value instanceof List<?> list ? list.toArray() : value;
    }

}
