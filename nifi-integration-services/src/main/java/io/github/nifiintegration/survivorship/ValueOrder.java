package io.github.nifiintegration.survivorship;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * How values and timestamps are ordered for minimum, maximum and most recent: decimals by number,
 * ISO-8601 dates and date-times by time, anything else as text. Mixed kinds fall back to text.
 */
final class ValueOrder {

    static final Comparator<Object> NATURAL = ValueOrder::compare;

    private ValueOrder() {
    }

    static int compare(final Object a, final Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        final String left = String.valueOf(a);
        final String right = String.valueOf(b);
        final Long leftTime = epochMillis(left);
        final Long rightTime = leftTime == null ? null : epochMillis(right);
        if (leftTime != null && rightTime != null) {
            return Long.compare(leftTime, rightTime);
        }
        return left.compareTo(right);
    }

    /** Milliseconds since the epoch of an ISO-8601 date or date-time (dates at midnight UTC), or null. */
    static Long epochMillis(final String text) {
        if (text == null || text.length() < 10 || !Character.isDigit(text.charAt(0))) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).toEpochDay() * 86_400_000L;
            }
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (final DateTimeParseException notOffset) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            } catch (final DateTimeParseException notTime) {
                return null;
            }
        }
    }
}
