package io.github.nifiintegration.processors.dedupe;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DedupeFieldsTest {

    private static final RecordSchema ONCE_DEDUPLICATED = new SimpleRecordSchema(List.of(
            new RecordField("id", RecordFieldType.STRING.getDataType()),
            new RecordField("postcode", RecordFieldType.INT.getDataType()),
            new RecordField(DedupeFields.DUPLICATE_OF, RecordFieldType.STRING.getDataType())));

    private static Record input() {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", "c7");
        values.put("postcode", 2000);
        values.put(DedupeFields.DUPLICATE_OF, "c1");
        return new MapRecord(ONCE_DEDUPLICATED, values);
    }

    @Test
    void anAddedFieldReplacesTheOneAnEarlierRunAddedAndTheOtherValuesReadThrough() {
        final Record input = input();
        final RecordSchema schema = DedupeFields.duplicateSchema(input.getSchema(), false);
        assertEquals(List.of("id", "postcode", DedupeFields.DUPLICATE_OF), schema.getFieldNames(), "the earlier field is not repeated");

        final Record duplicate = DedupeFields.with(input, schema, Map.of(DedupeFields.DUPLICATE_OF, "c3"));

        assertEquals("c3", duplicate.getValue(DedupeFields.DUPLICATE_OF));
        assertEquals("c7", duplicate.getValue("id"));
        assertEquals(2000, duplicate.getValue("postcode"));
        assertEquals(Map.of("id", "c7", "postcode", 2000, DedupeFields.DUPLICATE_OF, "c3"), duplicate.toMap(), "iterating sees the merged values");
        assertEquals("c1", input.getValue(DedupeFields.DUPLICATE_OF), "the input record is left as it was");
    }

    @Test
    void anAddedNullValueHidesTheInputsValue() {
        final Map<String, Object> added = new LinkedHashMap<>();
        added.put(DedupeFields.DUPLICATE_OF, null);
        final Record duplicate = DedupeFields.with(input(), DedupeFields.duplicateSchema(ONCE_DEDUPLICATED, true), added);
        assertEquals(null, duplicate.getValue(DedupeFields.DUPLICATE_OF));
    }
}
