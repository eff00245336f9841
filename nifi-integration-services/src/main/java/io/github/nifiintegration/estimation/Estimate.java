package io.github.nifiintegration.estimation;

import io.github.nifiintegration.matching.MatchModel;

/**
 * An estimated model and how the estimation went.
 *
 * @param sampledPairs random pairs used for the u-probabilities
 * @param blockedPairs candidate pairs (from the blocking rules) used for expectation maximisation
 * @param iterations   EM iterations run
 * @param converged    whether the m-probabilities stopped moving (largest change below the tolerance)
 * @param blockedMatchShare the share of blocked pairs EM believes to be matches
 */
public record Estimate(MatchModel model, long sampledPairs, long blockedPairs, int iterations, boolean converged, double blockedMatchShare) {
}
