package io.github.nifiintegration.matching.comparators;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.util.Locale;

/** Jaro-Winkler similarity (commons-text) at or above a threshold: typos near the end cost little. */
public final class JaroWinklerTest implements LevelTest {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final double threshold;

    public JaroWinklerTest(final double threshold) {
        this.threshold = threshold;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        return JARO_WINKLER.apply(left.toLowerCase(Locale.ROOT), right.toLowerCase(Locale.ROOT)) >= threshold;
    }
}
