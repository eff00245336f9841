package io.github.nifiintegration.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Canonical field values as the matcher sees them: missing, one text, or several (a list field). */
public final class FieldValues {

    private FieldValues() {
    }

    /** The non-blank texts of a value: none for null or blank, several for a list or array. */
    public static List<String> texts(final Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            final List<String> texts = new ArrayList<>(collection.size());
            for (final Object element : collection) {
                texts.addAll(texts(element));
            }
            return texts;
        }
        if (value instanceof Object[] array) {
            return texts(List.of(array));
        }
        final String text = value.toString().strip();
        return text.isEmpty() ? List.of() : List.of(text);
    }
}
