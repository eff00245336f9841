package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.mapping.normalize.Values;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;

import java.util.Collection;

/**
 * The key of a whole record: every field's name and value, nested records and arrays included, in
 * schema order. Two records with the same fields and values have the same key, whatever their
 * types' text forms (dates are written as ISO-8601).
 */
final class WholeRecordKey {

    private static final char NAME_END = '\u001F';
    private static final char FIELD_END = '\u001E';
    private static final char NESTED_START = '\u0002';
    private static final char NESTED_END = '\u0003';

    private WholeRecordKey() {
    }

    static String of(final Record record) {
        final StringBuilder text = new StringBuilder(128);
        append(text, record);
        return text.toString();
    }

    private static void append(final StringBuilder text, final Record record) {
        for (final RecordField field : record.getSchema().getFields()) {
            final Object value = record.getValue(field);
            if (value != null) {
                text.append(field.getFieldName()).append(NAME_END);
                appendValue(text, value);
                text.append(FIELD_END);
            }
        }
    }

    private static void appendValue(final StringBuilder text, final Object value) {
        if (value instanceof Record nested) {
            text.append(NESTED_START);
            append(text, nested);
            text.append(NESTED_END);
        } else if (value instanceof Object[] array) {
            text.append(NESTED_START);
            for (final Object element : array) {
                if (element != null) {
                    appendValue(text, element);
                }
                text.append(FIELD_END);
            }
            text.append(NESTED_END);
        } else if (value instanceof Collection<?> collection) {
            appendValue(text, collection.toArray());
        } else {
            text.append(Values.text(value));
        }
    }
}
