package io.github.nifiintegration.matching;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Fellegi-Sunter match model: which fields are compared and how (with m and u per level), how
 * candidates are found (blocking rules), the prior probability that two records match, and the two
 * thresholds that turn a match probability into a decision.
 *
 * @param prior            the probability that two records, drawn at random from blocked pairs' universe, match
 * @param matchThreshold   at or above this probability a record joins the candidate's entity
 * @param reviewThreshold  at or above this (and below the match threshold) a person should decide
 * @param maxBlockSize     candidates read per blocking key at most; larger blocks are cut and counted
 * @param onePerSource     each source system holds at most one record of an entity (sources free of
 *                         duplicates, linked to each other): a record never joins or merges an entity
 *                         that already holds a record of its own source system
 */
public record MatchModel(String name, double prior, double matchThreshold, double reviewThreshold, int maxBlockSize,
                         List<BlockingRule> blockingRules, List<Comparison> comparisons, boolean onePerSource) {

    public MatchModel {
        blockingRules = List.copyOf(blockingRules);
        comparisons = List.copyOf(comparisons);
    }

    /** A model without the one-record-per-source constraint. */
    public MatchModel(final String name, final double prior, final double matchThreshold, final double reviewThreshold, final int maxBlockSize,
                      final List<BlockingRule> blockingRules, final List<Comparison> comparisons) {
        this(name, prior, matchThreshold, reviewThreshold, maxBlockSize, blockingRules, comparisons, false);
    }

    /** The fields the model reads. */
    public Set<String> fields() {
        final Set<String> fields = new LinkedHashSet<>();
        comparisons.forEach(comparison -> fields.add(comparison.field()));
        blockingRules.forEach(rule -> rule.parts().forEach(part -> fields.add(part.field())));
        return fields;
    }

    public double priorWeight() {
        return ComparisonLevel.log2(prior / (1 - prior));
    }

    /** The same model with other thresholds (probabilities). */
    public MatchModel withThresholds(final double newMatchThreshold, final double newReviewThreshold) {
        return new MatchModel(name, prior, newMatchThreshold, newReviewThreshold, maxBlockSize, blockingRules, comparisons, onePerSource);
    }

    public MatchModel withComparisons(final List<Comparison> newComparisons, final double newPrior) {
        return new MatchModel(name, newPrior, matchThreshold, reviewThreshold, maxBlockSize, blockingRules, newComparisons, onePerSource);
    }
}
