package io.github.nifiintegration.processors.mapping;

import io.github.nifiintegration.mapping.FieldMapping;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The record schemas the mapping processor writes: canonical records, and invalid source records. */
final class CanonicalSchemas {

    /** Lineage fields that every canonical record carries. */
    static final String SOURCE_SYSTEM = "source_system";
    static final String SOURCE_ID = "source_id";
    static final String MAPPED_AT = "mapped_at";
    /** The partition of a record's blocking key, when a Partition Key is configured (for a load-balanced connection in a cluster). */
    static final String PARTITION_KEY = "partition_key";
    /** The field that carries the reasons on an invalid record. */
    static final String MAPPING_ERRORS = "mapping_errors";

    static final Set<String> RESERVED_NAMES = Set.of(SOURCE_SYSTEM, SOURCE_ID, MAPPED_AT, PARTITION_KEY, MAPPING_ERRORS);

    private static final DataType DECIMAL = RecordFieldType.DECIMAL.getDecimalDataType(38, 10);
    private static final DataType STRING_ARRAY = RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType());

    private CanonicalSchemas() {
    }

    /** The canonical fields in the order they are configured, then the lineage fields. */
    static RecordSchema canonical(final List<FieldMapping> mappings) {
        final List<RecordField> fields = new ArrayList<>(mappings.size() + 3);
        for (final FieldMapping mapping : mappings) {
            DataType type = switch (mapping.type()) {
                case STRING -> RecordFieldType.STRING.getDataType();
                case DECIMAL -> DECIMAL;
            };
            if (mapping.multiValued()) {
                type = RecordFieldType.ARRAY.getArrayDataType(type);
            }
            fields.add(new RecordField(mapping.canonicalName(), type, true));
        }
        fields.add(new RecordField(SOURCE_SYSTEM, RecordFieldType.STRING.getDataType(), false));
        fields.add(new RecordField(SOURCE_ID, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(MAPPED_AT, RecordFieldType.STRING.getDataType(), false));
        return new SimpleRecordSchema(fields);
    }

    /** The source record's own fields, then its lineage and the reasons it is invalid. */
    static RecordSchema invalid(final RecordSchema sourceSchema) {
        final List<RecordField> fields = new ArrayList<>(sourceSchema.getFieldCount() + 3);
        for (final RecordField field : sourceSchema.getFields()) {
            if (!RESERVED_NAMES.contains(field.getFieldName())) {
                fields.add(field);
            }
        }
        fields.add(new RecordField(SOURCE_SYSTEM, RecordFieldType.STRING.getDataType(), false));
        fields.add(new RecordField(SOURCE_ID, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(MAPPING_ERRORS, STRING_ARRAY, false));
        return new SimpleRecordSchema(fields);
    }
}
