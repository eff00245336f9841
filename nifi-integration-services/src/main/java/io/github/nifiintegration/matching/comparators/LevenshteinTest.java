package io.github.nifiintegration.matching.comparators;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Locale;

/** At most N single-character edits apart (commons-text's bounded Levenshtein, which stops early). */
public final class LevenshteinTest implements LevelTest {

    private final LevenshteinDistance distance;

    public LevenshteinTest(final int maxDistance) {
        this.distance = new LevenshteinDistance(maxDistance);
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        return distance.apply(left.toLowerCase(Locale.ROOT), right.toLowerCase(Locale.ROOT)) >= 0;
    }
}
