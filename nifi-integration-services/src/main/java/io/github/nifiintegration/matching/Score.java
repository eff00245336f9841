package io.github.nifiintegration.matching;

import java.util.List;

/**
 * A pair's match weight (log2 odds, the prior included), its match probability, and, when asked
 * for, the contribution of each comparison.
 */
public record Score(double weight, double probability, List<Contribution> contributions) {

    static double probability(final double weight) {
        return 1.0 / (1.0 + Math.pow(2, -weight));
    }
}
