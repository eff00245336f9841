package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.mapping.ValueSelector;
import io.github.nifiintegration.mapping.normalize.Values;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;

/** How a record ranks among its copies under a keep policy: higher is better. */
final class RecordRank {

    /** A record without the recency field ranks below every dated one. */
    static final long UNDATED = Long.MIN_VALUE;

    private final KeepPolicy policy;
    private final ValueSelector<Record> recency;
    private final String recencyPath;

    RecordRank(final KeepPolicy policy, final ValueSelector<Record> recency, final String recencyPath) {
        this.policy = policy;
        this.recency = recency;
        this.recencyPath = recencyPath;
    }

    /**
     * @throws IllegalArgumentException when the recency field holds something that is not a date, time or number
     */
    long of(final Record record) {
        return switch (policy) {
            case FIRST_SEEN -> 0;
            case MOST_COMPLETE -> filledFields(record);
            case MOST_RECENT -> recency(record);
        };
    }

    private static long filledFields(final Record record) {
        long filled = 0;
        for (final RecordField field : record.getSchema().getFields()) {
            final Object value = record.getValue(field);
            if (value instanceof Record nested) {
                filled += filledFields(nested);
            } else if (value instanceof Object[] array) {
                filled += array.length == 0 ? 0 : 1;
            } else if (value != null && !(value instanceof CharSequence text && text.toString().isBlank())) {
                filled++;
            }
        }
        return filled;
    }

    private long recency(final Record record) {
        final List<Object> values = recency.select(record);
        if (values.isEmpty() || values.get(0) == null) {
            return UNDATED;
        }
        final Object value = values.get(0);
        if (value instanceof Date date) {
            return date.getTime();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return UNDATED;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (final DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (final DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (final DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    } catch (final DateTimeParseException notDate) {
                        throw new IllegalArgumentException("the Recency Field " + recencyPath + " holds '" + text
                                + "', which is not an ISO-8601 date or time, a timestamp or a number");
                    }
                }
            }
        }
    }
}
