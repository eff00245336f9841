package io.github.nifiintegration.matching.comparators;

import java.math.BigDecimal;

/**
 * Numbers at most an absolute difference apart, or at most a relative difference (percent of the
 * larger magnitude). Values that are not numbers never fall into this level.
 */
public final class NumericDifferenceTest implements LevelTest {

    private final double maxDifference;
    private final boolean relative;

    public NumericDifferenceTest(final double maxDifference, final boolean relative) {
        this.maxDifference = maxDifference;
        this.relative = relative;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        final double a;
        final double b;
        try {
            a = new BigDecimal(left.strip()).doubleValue();
            b = new BigDecimal(right.strip()).doubleValue();
        } catch (final NumberFormatException notNumbers) {
            return false;
        }
        final double difference = Math.abs(a - b);
        if (!relative) {
            return difference <= maxDifference;
        }
        final double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale == 0 || difference / scale * 100 <= maxDifference;
    }
}
