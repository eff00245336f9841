package io.github.nifiintegration.matching.comparators;

import java.util.Locale;

/**
 * At most N edits apart, where swapping two neighbouring characters counts as one edit (optimal
 * string alignment). commons-text has no Damerau distance, so this is the one distance written here;
 * it gives up as soon as a whole row exceeds the bound.
 */
public final class DamerauLevenshteinTest implements LevelTest {

    private final int maxDistance;

    public DamerauLevenshteinTest(final int maxDistance) {
        this.maxDistance = maxDistance;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        if (maxDistance == 1) {
            return withinOneEdit(left.toLowerCase(Locale.ROOT), right.toLowerCase(Locale.ROOT));
        }
        return distance(left.toLowerCase(Locale.ROOT), right.toLowerCase(Locale.ROOT), maxDistance) <= maxDistance;
    }

    /**
     * Distance at most one, without a DP table (the common bound, on dates and phone numbers, tested
     * for nearly every candidate pair): equal lengths allow one substitution or one swap of
     * neighbours, lengths one apart allow one insertion.
     */
    static boolean withinOneEdit(final String a, final String b) {
        final int lengthDifference = a.length() - b.length();
        if (lengthDifference == 0) {
            int first = -1;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (first < 0) {
                        first = i;
                    } else {
                        // a second difference: fine only as the swap of the two neighbours just seen, and then nothing else
                        return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
                                && a.regionMatches(i + 1, b, i + 1, a.length() - i - 1);
                    }
                }
            }
            return true;
        }
        if (Math.abs(lengthDifference) != 1) {
            return false;
        }
        final String longer = lengthDifference > 0 ? a : b;
        final String shorter = lengthDifference > 0 ? b : a;
        int i = 0;
        while (i < shorter.length() && longer.charAt(i) == shorter.charAt(i)) {
            i++;
        }
        return longer.regionMatches(i + 1, shorter, i, shorter.length() - i);
    }

    /** Optimal string alignment distance, or {@code bound + 1} once it is known to exceed the bound. */
    static int distance(final String a, final String b, final int bound) {
        if (Math.abs(a.length() - b.length()) > bound) {
            return bound + 1;
        }
        final int n = a.length();
        final int m = b.length();
        int[] previousPrevious = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= m; j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, previousPrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.min(rowMinimum, value);
            }
            if (rowMinimum > bound) {
                return bound + 1;
            }
            final int[] recycled = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[m];
    }
}
