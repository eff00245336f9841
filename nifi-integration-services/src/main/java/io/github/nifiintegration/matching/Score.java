package io.github.nifiintegration.matching;

import java.util.List;

/**
 * A pair's match weight (log2 odds, the prior included), its match probability, and, when asked
 * for, the contribution of each comparison.
 */
public record Score(double weight, double probability, List<Contribution> contributions) {

    /** The match probability of a match weight. */
    public static double probability(final double weight) {
        return 1.0 / (1.0 + Math.pow(2, -weight));
    }

    /** The match weight of a match probability: log2(p / (1 - p)). */
    public static double weight(final double probability) {
        return ComparisonLevel.log2(probability / (1 - probability));
    }
}
