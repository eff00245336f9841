package io.github.nifiintegration.estimation;

import io.github.nifiintegration.matching.BlockedPairs;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.PairScorer;
import io.github.nifiintegration.matching.Score;
import io.github.nifiintegration.matching.comparators.ComparisonContext;
import io.github.nifiintegration.matching.comparators.SampleFrequencies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tuning with labels: the match threshold at which the model's decisions on the blocked pairs of
 * labelled records have the best pairwise F1. Weights learned from labels are calibrated, so a fixed
 * threshold such as 0.9 asks for nine chances in ten; where the best trade-off between missed and
 * false matches lies lower or higher, the labels say where.
 *
 * @param model        the model with the chosen match threshold (the review threshold kept at or below it)
 * @param matchWeight  the chosen threshold as a match weight
 * @param f1           pairwise F1 over all true pairs at that threshold (true pairs not blocked count as missed)
 * @param templateF1   the same at the model's original threshold
 */
public record ThresholdChoice(MatchModel model, double matchWeight, double f1, double templateF1) {

    /**
     * @param labels each record's true entity, as for {@link ModelEstimator#estimateFromLabels}
     */
    public static ThresholdChoice bestF1(final MatchModel model, final List<Map<String, Object>> records, final List<String> labels) {
        final PairScorer scorer = new PairScorer(model);
        final ComparisonContext context = new SampleFrequencies(records, model.fields());
        final List<double[]> pairs = new ArrayList<>();
        BlockedPairs.forEach(model, records, Long.MAX_VALUE, (left, right) -> pairs.add(new double[]{
                scorer.score(records.get(left), records.get(right), context).weight(), labels.get(left).equals(labels.get(right)) ? 1 : 0}));
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        final long truePairs = truePairs(labels);
        final double templateWeight = Score.weight(model.matchThreshold());
        long correct = 0;
        double bestF1 = 0;
        double bestWeight = templateWeight;
        long templateCorrect = 0;
        long templatePredicted = 0;
        for (int i = 0; i < pairs.size(); i++) {
            correct += (long) pairs.get(i)[1];
            if (pairs.get(i)[0] >= templateWeight) {
                templateCorrect = correct;
                templatePredicted = i + 1;
            }
            // a threshold can only fall between two different weights
            if (i + 1 < pairs.size() && pairs.get(i + 1)[0] == pairs.get(i)[0]) {
                continue;
            }
            final double f1 = f1(correct, i + 1, truePairs);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestWeight = i + 1 < pairs.size() ? (pairs.get(i)[0] + pairs.get(i + 1)[0]) / 2 : pairs.get(i)[0] - 1;
            }
        }
        // kept between weights -30 and +30, so the threshold stays a probability strictly between 0 and 1
        bestWeight = Math.max(-30, Math.min(30, bestWeight));
        final double matchThreshold = Score.probability(bestWeight);
        final MatchModel tuned = model.withThresholds(matchThreshold, Math.min(model.reviewThreshold(), matchThreshold));
        return new ThresholdChoice(tuned, bestWeight, bestF1, f1(templateCorrect, templatePredicted, truePairs));
    }

    private static double f1(final long correct, final long predicted, final long truePairs) {
        return predicted + truePairs == 0 ? 0 : 2.0 * correct / (predicted + truePairs);
    }

    private static long truePairs(final List<String> labels) {
        final Map<String, Long> sizes = new HashMap<>();
        labels.forEach(label -> sizes.merge(label, 1L, Long::sum));
        long pairs = 0;
        for (final long size : sizes.values()) {
            pairs += size * (size - 1) / 2;
        }
        return pairs;
    }
}
