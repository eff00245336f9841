package io.github.nifiintegration.matching.comparators;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 dates (the canonical form the mapping writes) at most N days apart. Also catches the
 * classic day/month swap as its own level when {@code swapped} is set: 1980-03-05 vs 1980-05-03.
 */
public final class DateDifferenceTest implements LevelTest {

    private final long maxDays;
    private final boolean swappedDayMonth;

    public DateDifferenceTest(final long maxDays, final boolean swappedDayMonth) {
        this.maxDays = maxDays;
        this.swappedDayMonth = swappedDayMonth;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        final LocalDate a = parse(left);
        final LocalDate b = parse(right);
        if (a == null || b == null) {
            return false;
        }
        if (swappedDayMonth) {
            return a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth() && a.getDayOfMonth() == b.getMonthValue();
        }
        return Math.abs(ChronoUnit.DAYS.between(a, b)) <= maxDays;
    }

    private static LocalDate parse(final String text) {
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (final DateTimeParseException notADate) {
            return null;
        }
    }
}
