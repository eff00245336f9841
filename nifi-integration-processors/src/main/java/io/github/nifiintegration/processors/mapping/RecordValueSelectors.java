package io.github.nifiintegration.processors.mapping;

import io.github.nifiintegration.mapping.ValueSelector;
import org.apache.nifi.record.path.FieldValue;
import org.apache.nifi.record.path.RecordPath;
import org.apache.nifi.serialization.record.Record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a mapping's path into a {@link ValueSelector} over NiFi records. Any RecordPath works
 * (predicates, array indexes, wildcards, functions). Plain child paths such as {@code /email} or
 * {@code /address/city}, by far the most common, are read with direct field look-ups: the same
 * answer as RecordPath without building a result stream for every field of every record.
 */
public final class RecordValueSelectors {

    private static final Pattern PLAIN_CHILD_PATH = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_]*)+");

    private RecordValueSelectors() {
    }

    /**
     * @throws org.apache.nifi.record.path.exception.RecordPathException when the path is not a valid RecordPath
     */
    public static ValueSelector<Record> forPath(final String path) {
        final RecordPath compiled = RecordPath.compile(path);
        if (PLAIN_CHILD_PATH.matcher(path).matches()) {
            final String[] names = path.substring(1).split("/");
            return names.length == 1 ? singleField(names[0]) : nestedFields(names);
        }
        return record -> {
            final List<Object> values = new ArrayList<>(2);
            compiled.evaluate(record).getSelectedFields().map(FieldValue::getValue).forEach(value -> addExpanded(values, value));
            return values;
        };
    }

    private static ValueSelector<Record> singleField(final String name) {
        return record -> expanded(record.getValue(name));
    }

    private static ValueSelector<Record> nestedFields(final String[] names) {
        return record -> {
            Object current = record;
            for (final String name : names) {
                if (!(current instanceof Record nested)) {
                    return List.of();
                }
                current = nested.getValue(name);
            }
            return expanded(current);
        };
    }

    private static List<Object> expanded(final Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Object[] || value instanceof Collection<?> || value instanceof Record) {
            final List<Object> values = new ArrayList<>();
            addExpanded(values, value);
            return values;
        }
        return List.of(value);
    }

    private static void addExpanded(final List<Object> values, final Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Record) {
            throw new IllegalArgumentException("the path selects a nested record, not a value; select one of its fields");
        }
        if (value instanceof Object[] array) {
            for (final Object element : array) {
                addExpanded(values, element);
            }
        } else if (value instanceof Collection<?> collection) {
            for (final Object element : collection) {
                addExpanded(values, element);
            }
        } else {
            values.add(value);
        }
    }
}
