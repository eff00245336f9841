package io.github.nifiintegration.mapping.normalize;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** Turns the values that record readers produce into text without losing meaning. */
public final class Values {

    private Values() {
    }

    /**
     * The text of a value: dates and timestamps as ISO-8601 (their {@code toString} forms are not),
     * everything else as {@code toString}; {@code null} stays {@code null}.
     */
    public static String text(final Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof Date d) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.toInstant().atOffset(ZoneOffset.UTC));
        }
        return value.toString();
    }

    /** The value's text, stripped; {@code null} when the value is null or only white space. */
    public static String nonBlankText(final Object value) {
        final String text = text(value);
        if (text == null) {
            return null;
        }
        final String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
