package io.github.nifiintegration.matching.comparators;

/**
 * ISO-8601 dates (yyyy-MM-dd) that agree on at least N of their three parts: year, month, day. A date
 * mistyped or misread in one part (1981-09-23 vs 2008-09-23, or 1965-02-09 vs 1965-02-20) keeps two
 * parts, however far apart the dates are in days, while two unrelated dates rarely share two parts.
 * Parts are compared as written, so a date with an impossible part (month 00) still shares the others.
 */
public final class DatePartsTest implements LevelTest {

    private final int agree;

    public DatePartsTest(final int agree) {
        this.agree = agree;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        if (!isoShaped(left) || !isoShaped(right)) {
            return false;
        }
        final int shared = (left.regionMatches(0, right, 0, 4) ? 1 : 0) + (left.regionMatches(5, right, 5, 2) ? 1 : 0)
                + (left.regionMatches(8, right, 8, 2) ? 1 : 0);
        return shared >= agree;
    }

    private static boolean isoShaped(final String text) {
        return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
    }
}
