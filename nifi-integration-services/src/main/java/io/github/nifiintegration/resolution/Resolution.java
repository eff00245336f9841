package io.github.nifiintegration.resolution;

import io.github.nifiintegration.matching.Contribution;

import java.util.List;

/**
 * The decision for one record: its entity, what happened, and why.
 *
 * @param probability      the best candidate's match probability (NaN when there was no candidate)
 * @param weight           the best candidate's match weight (log2 odds)
 * @param explanation      the best candidate's per-comparison contributions
 * @param candidates       the entities compared, best first (for review decisions)
 * @param retiredEntityIds entities merged into {@code entityId} by this record
 */
public record Resolution(ResolutionStatus status, String entityId, double probability, double weight, List<Contribution> explanation,
                         List<Candidate> candidates, List<String> retiredEntityIds) {
}
