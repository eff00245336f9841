package io.github.nifiintegration.processors.common;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A record that could not be processed, written as it came in plus one field that says why. */
public final class FailedRecords {

    private final String errorField;
    private final RecordSchema schema;

    public FailedRecords(final RecordSchema input, final String errorField) {
        this.errorField = errorField;
        final List<RecordField> fields = new ArrayList<>(input.getFields());
        fields.removeIf(field -> field.getFieldName().equals(errorField));
        fields.add(new RecordField(errorField, RecordFieldType.STRING.getDataType(), false));
        this.schema = new SimpleRecordSchema(fields);
    }

    public Record failed(final Record input, final String reason) {
        final Map<String, Object> values = new HashMap<>(input.toMap());
        values.put(errorField, reason);
        return new MapRecord(schema, values);
    }
}
