package io.github.nifiintegration.tooling.quality;

import io.github.nifiintegration.matching.BlockedPairs;
import io.github.nifiintegration.matching.Contribution;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.PairScorer;
import io.github.nifiintegration.matching.Score;
import io.github.nifiintegration.matching.comparators.ComparisonContext;
import io.github.nifiintegration.matching.comparators.SampleFrequencies;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Why a model gets what it gets on a labelled data set: every pair the blocking rules bring together
 * is scored and checked against the truth, giving precision and recall at each match-weight
 * threshold, the weight histogram of true and false pairs, and the worst false positives and false
 * negatives with their per-field explanations. True pairs that no blocking rule brings together are
 * counted (they are lost whatever the threshold). Pairs are scored with the value and word
 * frequencies of the whole data set (resolution uses those of the records seen so far). For linkage
 * data sets only cross-source pairs count, as in {@link PairwiseQuality#crossSourceOnly()}.
 */
public final class QualityReport {

    /** A blocked pair with its weight and whether it truly matches. */
    record ScoredPair(int left, int right, double weight, boolean match) {
    }

    /** Precision and recall if pairs at or above {@code weight} were matches. */
    record CurvePoint(double weight, double probability, double precision, double recall) {
    }

    /** A pair worth a look, with its explanation. */
    record ExplainedPair(String kind, String leftId, String rightId, Score score, Map<String, Object> left, Map<String, Object> right) {
    }

    final LabelledDataset dataset;
    final MatchModel model;
    final long truePairs;
    final long blockedTruePairs;
    final List<CurvePoint> curve = new ArrayList<>();
    final Map<Integer, long[]> histogram = new java.util.TreeMap<>();
    final List<ExplainedPair> examples = new ArrayList<>();
    final PairwiseQuality resolved;
    final double exactClusterShare;

    private QualityReport(final LabelledDataset dataset, final MatchModel model, final long truePairs, final long blockedTruePairs,
                          final PairwiseQuality resolved, final double exactClusterShare) {
        this.dataset = dataset;
        this.model = model;
        this.truePairs = truePairs;
        this.blockedTruePairs = blockedTruePairs;
        this.resolved = resolved;
        this.exactClusterShare = exactClusterShare;
    }

    /**
     * @param entityOf the entity resolution gave each record (same order as the data set), for the cluster-level figures
     */
    static QualityReport build(final LabelledDataset dataset, final MatchModel model, final List<String> entityOf, final PairwiseQuality resolved) {
        final PairScorer scorer = new PairScorer(model);
        final ComparisonContext context = new SampleFrequencies(dataset.records(), model.fields());
        final List<ScoredPair> pairs = blockedPairs(dataset, model, scorer, context);
        final long truePairs = resolved.truePairs();
        final long blockedTrue = pairs.stream().filter(ScoredPair::match).count();
        final QualityReport report = new QualityReport(dataset, model, truePairs, blockedTrue, resolved, exactClusters(dataset.truth(), entityOf));

        final List<ScoredPair> byWeight = new ArrayList<>(pairs);
        byWeight.sort(Comparator.comparingDouble(ScoredPair::weight).reversed());
        for (int threshold = 40; threshold >= -20; threshold -= 2) {
            long predicted = 0;
            long correct = 0;
            for (final ScoredPair pair : byWeight) {
                if (pair.weight() < threshold) {
                    break;
                }
                predicted++;
                correct += pair.match() ? 1 : 0;
            }
            report.curve.add(new CurvePoint(threshold, 1 / (1 + Math.pow(2, -threshold)), predicted == 0 ? 1 : (double) correct / predicted,
                    truePairs == 0 ? 1 : (double) correct / truePairs));
        }
        for (final ScoredPair pair : pairs) {
            final int bin = (int) Math.floor(Math.max(-30, Math.min(40, pair.weight())) / 2) * 2;
            report.histogram.computeIfAbsent(bin, b -> new long[2])[pair.match() ? 1 : 0]++;
        }
        final double matchWeight = Math.log(model.matchThreshold() / (1 - model.matchThreshold())) / Math.log(2);
        byWeight.stream().filter(p -> !p.match() && p.weight() >= matchWeight).limit(5)
                .forEach(p -> report.examples.add(explain("false positive", dataset, scorer, context, p)));
        pairs.stream().filter(p -> p.match() && p.weight() < matchWeight).sorted(Comparator.comparingDouble(ScoredPair::weight)).limit(5)
                .forEach(p -> report.examples.add(explain("false negative", dataset, scorer, context, p)));
        byWeight.stream().filter(ScoredPair::match).skip(byWeight.size() / 4).limit(1)
                .forEach(p -> report.examples.add(explain("true positive", dataset, scorer, context, p)));
        return report;
    }

    private static ExplainedPair explain(final String kind, final LabelledDataset dataset, final PairScorer scorer, final ComparisonContext context,
                                         final ScoredPair pair) {
        final Map<String, Object> left = dataset.records().get(pair.left());
        final Map<String, Object> right = dataset.records().get(pair.right());
        return new ExplainedPair(kind, dataset.sourceIds().get(pair.left()), dataset.sourceIds().get(pair.right()),
                scorer.explain(left, right, context), left, right);
    }

    private static List<ScoredPair> blockedPairs(final LabelledDataset dataset, final MatchModel model, final PairScorer scorer, final ComparisonContext context) {
        final List<ScoredPair> pairs = new ArrayList<>();
        final boolean crossSourceOnly = dataset.linkage();
        BlockedPairs.forEach(model, dataset.records(), Long.MAX_VALUE, (left, right) -> {
            if (!crossSourceOnly || !dataset.sourceSystems().get(left).equals(dataset.sourceSystems().get(right))) {
                pairs.add(new ScoredPair(left, right, scorer.score(dataset.records().get(left), dataset.records().get(right), context).weight(),
                        dataset.truth().get(left).equals(dataset.truth().get(right))));
            }
        });
        return pairs;
    }

    /** The share of true entities that resolution reproduced exactly (same records, nothing more). */
    private static double exactClusters(final List<String> truth, final List<String> entityOf) {
        final Map<String, Set<Integer>> trueClusters = new HashMap<>();
        final Map<String, Set<Integer>> predicted = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            trueClusters.computeIfAbsent(truth.get(i), k -> new HashSet<>()).add(i);
            predicted.computeIfAbsent(entityOf.get(i), k -> new HashSet<>()).add(i);
        }
        final Set<Set<Integer>> predictedSets = new HashSet<>(predicted.values());
        return (double) trueClusters.values().stream().filter(predictedSets::contains).count() / trueClusters.size();
    }

    /** A few lines for the console. */
    void print(final PrintStream out) {
        out.printf(Locale.ROOT, "  %s: %,d true pairs, %,d of them blocked (%.1f%%); %.1f%% of true entities reproduced exactly%n", dataset.name(),
                truePairs, blockedTruePairs, 100.0 * blockedTruePairs / Math.max(1, truePairs), exactClusterShare * 100);
        final StringBuilder curveLine = new StringBuilder("    threshold curve (weight: precision/recall):");
        for (final CurvePoint point : curve) {
            if (((int) point.weight()) % 6 == 0 && point.weight() <= 24 && point.weight() >= -6) {
                curveLine.append(String.format(Locale.ROOT, "  %+.0f: %.3f/%.3f", point.weight(), point.precision(), point.recall()));
            }
        }
        out.println(curveLine);
        for (final ExplainedPair example : examples) {
            if (!example.kind().equals("true positive") && examples.indexOf(example) % 5 == 0) {
                out.printf(Locale.ROOT, "    worst %s: %s ~ %s, weight %.1f: %s%n", example.kind(), example.leftId(), example.rightId(), example.score().weight(),
                        summary(example.score().contributions()));
            }
        }
    }

    static String summary(final List<Contribution> contributions) {
        final StringBuilder text = new StringBuilder();
        for (final Contribution contribution : contributions) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(contribution.comparison()).append(' ').append(contribution.level()).append(String.format(Locale.ROOT, " %+.1f", contribution.weight()));
        }
        return text.toString();
    }
}
