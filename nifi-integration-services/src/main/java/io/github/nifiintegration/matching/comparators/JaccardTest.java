package io.github.nifiintegration.matching.comparators;

import java.util.Set;

/**
 * Jaccard similarity of the two values' word-token sets at or above a threshold: word order and
 * repeated words do not matter ("Smith & Sons Ltd" vs "Sons Ltd Smith"). commons-text's
 * JaccardSimilarity works on characters, not words, hence the token sets here.
 */
public final class JaccardTest implements LevelTest {

    private final double threshold;

    public JaccardTest(final double threshold) {
        this.threshold = threshold;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        final Set<String> a = Tokens.set(left);
        final Set<String> b = Tokens.set(right);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        int shared = 0;
        for (final String token : a) {
            if (b.contains(token)) {
                shared++;
            }
        }
        return (double) shared / (a.size() + b.size() - shared) >= threshold;
    }
}
