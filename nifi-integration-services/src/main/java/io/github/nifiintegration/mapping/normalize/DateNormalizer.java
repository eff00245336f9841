package io.github.nifiintegration.mapping.normalize;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dates and times to ISO-8601 text: {@code 2024-03-01}, {@code 2024-03-01T09:30:00} or
 * {@code 2024-03-01T09:30:00+01:00}, whichever the input carries. Text is tried against the ISO
 * forms first and then against the configured patterns in their order (the first that parses wins,
 * so put {@code dd/MM/yyyy} before {@code MM/dd/yyyy} for day-first sources). Parsing is strict:
 * {@code 31/02/2024} is refused rather than rolled over into March.
 */
final class DateNormalizer implements Normalizer {

    private final List<DateTimeFormatter> formatters;

    DateNormalizer(final List<String> patterns) {
        final List<DateTimeFormatter> all = new ArrayList<>();
        all.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        all.add(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        all.add(DateTimeFormatter.ISO_LOCAL_DATE);
        for (final String pattern : patterns) {
            all.add(strict(pattern));
        }
        this.formatters = List.copyOf(all);
    }

    /** Builds a case-insensitive, strict formatter; throws IllegalArgumentException for a bad pattern. */
    static DateTimeFormatter strict(final String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern.replace("yyyy", "uuuu").replace("yy", "uu"))
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    @Override
    public Object normalize(final Object value) throws NormalizationException {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Date || value instanceof java.sql.Timestamp || value instanceof java.util.Date) {
            return Values.text(value);
        }
        if (value instanceof TemporalAccessor temporal) {
            return iso(temporal);
        }
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        for (final DateTimeFormatter formatter : formatters) {
            try {
                return iso(formatter.parse(text));
            } catch (final DateTimeParseException notThisPattern) {
                // try the next pattern
            }
        }
        throw new NormalizationException("'" + text + "' matches none of the date formats");
    }

    private static String iso(final TemporalAccessor parsed) {
        final boolean hasTime = parsed.isSupported(ChronoField.HOUR_OF_DAY);
        if (!hasTime) {
            return LocalDate.from(parsed).toString();
        }
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (parsed instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        return LocalDateTime.from(parsed).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
}
