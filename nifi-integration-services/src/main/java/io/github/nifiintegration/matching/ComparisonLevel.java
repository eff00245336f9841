package io.github.nifiintegration.matching;

import io.github.nifiintegration.matching.comparators.LevelTest;

/**
 * One level of a comparison: a test (or none, for the final "else" level) with its Fellegi-Sunter
 * probabilities: m, the chance that a true match falls into this level, and u, the chance that a
 * non-match does. The level's match weight is log2(m / u).
 *
 * @param kind       the level's type as written in the model ("exact", "jaro_winkler", ...)
 * @param parameter  its threshold or bound, NaN when it has none
 * @param tfAdjusted for exact levels: replace u by how common the value is (a shared rare surname
 *                   is stronger evidence than a shared "Smith")
 * @param otherField for 'swapped' levels: the field this one is compared with, across the records
 */
public record ComparisonLevel(String label, String kind, double parameter, LevelTest test, double m, double u, boolean tfAdjusted, String otherField) {

    public ComparisonLevel(final String label, final String kind, final double parameter, final LevelTest test, final double m, final double u, final boolean tfAdjusted) {
        this(label, kind, parameter, test, m, u, tfAdjusted, null);
    }

    public double weight() {
        return log2(m / u);
    }

    public boolean isElse() {
        return test == null;
    }

    public ComparisonLevel withProbabilities(final double newM, final double newU) {
        return new ComparisonLevel(label, kind, parameter, test, newM, newU, tfAdjusted, otherField);
    }

    static double log2(final double x) {
        return Math.log(x) / Math.log(2);
    }
}
