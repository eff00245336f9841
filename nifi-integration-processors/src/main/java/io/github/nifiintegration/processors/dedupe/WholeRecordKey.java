package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.dedupe.KeyHash;
import io.github.nifiintegration.dedupe.KeyHasher;
import io.github.nifiintegration.mapping.normalize.Values;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * The key of a whole record: every field's name and value, nested records and arrays included, in
 * schema order. Two records with the same fields and values have the same key, whatever their
 * types' text forms (dates are written as ISO-8601).
 * <p>
 * The key is hashed as it is spelled ({@link KeyHasher}): no key text is made. The field names of a
 * FlowFile's schema are encoded once, since every record of the FlowFile shares the schema. Not
 * thread-safe: one per FlowFile being judged.
 */
final class WholeRecordKey {

    private static final char NAME_END = '\u001F';
    private static final char FIELD_END = '\u001E';
    private static final char NESTED_START = '\u0002';
    private static final char NESTED_END = '\u0003';

    private final KeyHasher key = new KeyHasher();
    private RecordSchema encodedSchema;
    private List<RecordField> encodedFields;
    private byte[][] encodedNames;

    /** The record's key, hashed. */
    KeyHash hash(final Record record) {
        key.reset();
        appendTopLevel(record);
        return key.hash();
    }

    /** The record's key text (what {@link #hash} hashes). */
    String text(final Record record) {
        key.reset();
        appendTopLevel(record);
        return key.text();
    }

    private void appendTopLevel(final Record record) {
        final RecordSchema schema = record.getSchema();
        if (schema != encodedSchema) {
            encodeNames(schema);
        }
        final List<RecordField> fields = encodedFields;
        for (int i = 0; i < fields.size(); i++) {
            final Object value = record.getValue(fields.get(i));
            if (value != null) {
                key.appendUtf8(encodedNames[i]);
                appendValue(value);
                key.appendAscii(FIELD_END);
            }
        }
    }

    private void encodeNames(final RecordSchema schema) {
        encodedFields = schema.getFields();
        encodedNames = new byte[encodedFields.size()][];
        for (int i = 0; i < encodedNames.length; i++) {
            encodedNames[i] = (encodedFields.get(i).getFieldName() + NAME_END).getBytes(StandardCharsets.UTF_8);
        }
        encodedSchema = schema;
    }

    /** A nested record: rare enough to spell its names each time. */
    private void appendNested(final Record record) {
        for (final RecordField field : record.getSchema().getFields()) {
            final Object value = record.getValue(field);
            if (value != null) {
                key.append(field.getFieldName()).appendAscii(NAME_END);
                appendValue(value);
                key.appendAscii(FIELD_END);
            }
        }
    }

    private void appendValue(final Object value) {
        if (value instanceof String text) {
            key.append(text);
        } else if (value instanceof Integer || value instanceof Long) {
            key.append(((Number) value).longValue());
        } else if (value instanceof Record nested) {
            key.appendAscii(NESTED_START);
            appendNested(nested);
            key.appendAscii(NESTED_END);
        } else if (value instanceof Object[] array) {
            key.appendAscii(NESTED_START);
            for (final Object element : array) {
                if (element != null) {
                    appendValue(element);
                }
                key.appendAscii(FIELD_END);
            }
            key.appendAscii(NESTED_END);
        } else if (value instanceof Collection<?> collection) {
            appendValue(collection.toArray());
        } else {
            key.append(Values.text(value));
        }
    }
}
