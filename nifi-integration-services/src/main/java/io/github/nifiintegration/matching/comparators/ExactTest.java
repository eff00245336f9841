package io.github.nifiintegration.matching.comparators;

/** The values are equal, ignoring case. */
public final class ExactTest implements LevelTest {

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        return left.equalsIgnoreCase(right);
    }
}
