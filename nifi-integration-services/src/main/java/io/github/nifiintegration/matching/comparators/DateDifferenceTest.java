package io.github.nifiintegration.matching.comparators;

import java.time.LocalDate;
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

    /**
     * Reads yyyy-MM-dd (what MapToCanonicalRecord writes) digit by digit: this runs for every
     * candidate pair, where java.time's general parser was a tenth of all resolution time.
     */
    static LocalDate parse(final String text) {
        if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        final int year = digits(text, 0, 4);
        final int month = digits(text, 5, 7);
        final int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (final java.time.DateTimeException notADate) {
            return null;
        }
    }

    private static int digits(final String text, final int from, final int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
