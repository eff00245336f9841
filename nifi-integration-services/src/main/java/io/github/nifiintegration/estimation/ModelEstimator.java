package io.github.nifiintegration.estimation;

import io.github.nifiintegration.matching.Comparison;
import io.github.nifiintegration.matching.ComparisonLevel;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.PairScorer;
import io.github.nifiintegration.matching.BlockedPairs;
import io.github.nifiintegration.matching.comparators.ComparisonContext;
import io.github.nifiintegration.matching.comparators.SampleFrequencies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Estimates a match model's probabilities from the user's own records, without labels, the way
 * Splink does:
 * <ul>
 *   <li><b>u</b> (how often non-matches fall into each level) from pairs drawn at random: nearly all
 *       random pairs are non-matches;</li>
 *   <li><b>m</b> (how often matches fall into each level) and the share of matches by expectation
 *       maximisation over the pairs the blocking rules bring together, with u held fixed;</li>
 *   <li>the <b>prior</b>: EM's share of matches among blocked pairs, times the blocked pairs, over all
 *       pairs.</li>
 * </ul>
 * When the user has labels (which records are the same entity), {@link #estimateFromLabels} counts
 * instead of guessing: m from the true pairs among the blocked pairs, u from random pairs of
 * different entities, the prior from the blocked true pairs.
 * <p>
 * The levels, blocking rules and thresholds come from a template model; only the probabilities
 * change. Pairs are compared with the value and word frequencies of the records themselves, as the
 * store supplies them during resolution, so TF-IDF levels mean the same in both. Deterministic for a
 * given seed.
 */
public final class ModelEstimator {

    private static final double FLOOR = 1e-7;

    /**
     * Pseudo-pairs distributed like the template's m (a Dirichlet prior on m). On a small or very
     * clean set of blocked pairs, where nearly every pair is a match, plain EM drives the m of every
     * level but the first to zero and gives those levels absurd weights; a few pseudo-pairs keep the
     * template's belief there until the data says otherwise, and vanish on large data.
     */
    private static final double PRIOR_PAIRS = 10;

    private final MatchModel template;
    private final PairScorer scorer;
    private final long seed;
    private final int maxSampledPairs;
    private final int maxBlockedPairs;
    private final int maxIterations;
    private final double tolerance;

    public ModelEstimator(final MatchModel template, final long seed) {
        this(template, seed, 1_000_000, 2_000_000, 100, 1e-5);
    }

    public ModelEstimator(final MatchModel template, final long seed, final int maxSampledPairs, final int maxBlockedPairs,
                          final int maxIterations, final double tolerance) {
        this.template = template;
        this.scorer = new PairScorer(template);
        this.seed = seed;
        this.maxSampledPairs = maxSampledPairs;
        this.maxBlockedPairs = maxBlockedPairs;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    public Estimate estimate(final List<Map<String, Object>> records) {
        if (records.size() < 2) {
            throw new IllegalArgumentException("estimation needs at least two records, got " + records.size());
        }
        final List<Comparison> comparisons = template.comparisons();
        final ComparisonContext context = new SampleFrequencies(records, template.fields());
        final double[][] u = estimateU(records, context, null);
        final int[][] blocked = blockedVectors(records, context, null, null);
        final double[][] m = initialM(comparisons);
        double share = 0.1;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations && !converged && blocked.length > 0) {
            iteration++;
            final double[][] weightedCounts = new double[comparisons.size()][];
            final double[] weightedTotals = new double[comparisons.size()];
            for (int c = 0; c < comparisons.size(); c++) {
                weightedCounts[c] = new double[comparisons.get(c).levels().size()];
            }
            double matchSum = 0;
            final double priorLogit = Math.log(share / (1 - share));
            for (final int[] vector : blocked) {
                double logit = priorLogit;
                for (int c = 0; c < vector.length; c++) {
                    if (vector[c] != PairScorer.NULL_LEVEL) {
                        logit += Math.log(m[c][vector[c]] / u[c][vector[c]]);
                    }
                }
                final double p = 1 / (1 + Math.exp(-logit));
                matchSum += p;
                for (int c = 0; c < vector.length; c++) {
                    if (vector[c] != PairScorer.NULL_LEVEL) {
                        weightedCounts[c][vector[c]] += p;
                        weightedTotals[c] += p;
                    }
                }
            }
            double largestChange = 0;
            for (int c = 0; c < comparisons.size(); c++) {
                for (int level = 0; level < m[c].length; level++) {
                    final double next = smoothedM(comparisons.get(c), level, weightedCounts[c][level], weightedTotals[c]);
                    largestChange = Math.max(largestChange, Math.abs(next - m[c][level]));
                    m[c][level] = next;
                }
            }
            share = Math.min(1 - FLOOR, Math.max(FLOOR, matchSum / blocked.length));
            converged = largestChange < tolerance;
        }
        return new Estimate(model(m, u, share * blocked.length, records.size()), sampledPairs(records.size()), blocked.length, iteration, converged, share);
    }

    /**
     * Estimates from labelled records: {@code labels} gives each record's true entity (records of the
     * same entity share a label; a record alone in its entity has a label of its own). m counts the
     * levels of the true pairs among the blocked pairs (what resolution will score), u those of random
     * pairs of different entities, and the prior is the share of blocked true pairs among all pairs.
     * Labels given as pairs become labels with {@link TruePairs#labels}.
     */
    public Estimate estimateFromLabels(final List<Map<String, Object>> records, final List<String> labels) {
        if (records.size() < 2) {
            throw new IllegalArgumentException("estimation needs at least two records, got " + records.size());
        }
        if (labels.size() != records.size()) {
            throw new IllegalArgumentException("one label per record is needed: " + records.size() + " records, " + labels.size() + " labels");
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null || labels.get(i).isBlank()) {
                throw new IllegalArgumentException("record " + (i + 1) + " has no label; give every record its entity's label (a record alone gets one of its own)");
            }
        }
        final List<Comparison> comparisons = template.comparisons();
        final ComparisonContext context = new SampleFrequencies(records, template.fields());
        final double[][] u = estimateU(records, context, labels);
        final long[] pairCounts = new long[1];
        final int[][] truePairs = blockedVectors(records, context, labels, pairCounts);
        final double[][] m = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            final double[] counts = new double[comparisons.get(c).levels().size()];
            double total = 0;
            for (final int[] vector : truePairs) {
                if (vector[c] != PairScorer.NULL_LEVEL) {
                    counts[vector[c]]++;
                    total++;
                }
            }
            m[c] = new double[counts.length];
            for (int level = 0; level < counts.length; level++) {
                m[c][level] = smoothedM(comparisons.get(c), level, counts[level], total);
            }
        }
        final double share = pairCounts[0] == 0 ? 0 : (double) truePairs.length / pairCounts[0];
        return new Estimate(model(m, u, truePairs.length, records.size()), sampledPairs(records.size()), pairCounts[0], 0, true, share);
    }

    /** The template with the given probabilities and a prior of {@code matchingPairs} among all pairs of the records. */
    private MatchModel model(final double[][] m, final double[][] u, final double matchingPairs, final int records) {
        final List<Comparison> comparisons = template.comparisons();
        final double allPairs = records * (records - 1.0) / 2;
        final double prior = Math.min(0.5, Math.max(FLOOR, matchingPairs / allPairs));
        final List<Comparison> estimated = new ArrayList<>(comparisons.size());
        for (int c = 0; c < comparisons.size(); c++) {
            final List<ComparisonLevel> levels = new ArrayList<>();
            for (int level = 0; level < comparisons.get(c).levels().size(); level++) {
                levels.add(comparisons.get(c).levels().get(level).withProbabilities(round(m[c][level]), round(u[c][level])));
            }
            estimated.add(comparisons.get(c).withLevels(levels));
        }
        return template.withComparisons(estimated, round(prior));
    }

    /** m of one level from (expected) counts of matching pairs, with the template's pseudo-pairs mixed in. */
    private static double smoothedM(final Comparison comparison, final int level, final double count, final double total) {
        final double templateM = comparison.levels().get(level).m();
        return Math.max(FLOOR, (count + PRIOR_PAIRS * templateM) / (total + PRIOR_PAIRS * templateMTotal(comparison)));
    }

    /**
     * u per comparison level: the share of random pairs that fall into it (missing values left out).
     * With labels, pairs of the same entity are drawn but not counted.
     */
    double[][] estimateU(final List<Map<String, Object>> records, final ComparisonContext context, final List<String> labels) {
        final List<Comparison> comparisons = template.comparisons();
        final long[][] counts = new long[comparisons.size()][];
        final long[] totals = new long[comparisons.size()];
        for (int c = 0; c < comparisons.size(); c++) {
            counts[c] = new long[comparisons.get(c).levels().size()];
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final long pairs = sampledPairs(records.size());
        for (long i = 0; i < pairs; i++) {
            final int a = random.nextInt(records.size());
            int b = random.nextInt(records.size() - 1);
            if (b >= a) {
                b++;
            }
            if (labels != null && labels.get(a).equals(labels.get(b))) {
                continue;
            }
            final int[] vector = scorer.levels(records.get(a), records.get(b), context);
            for (int c = 0; c < vector.length; c++) {
                if (vector[c] != PairScorer.NULL_LEVEL) {
                    counts[c][vector[c]]++;
                    totals[c]++;
                }
            }
        }
        final double[][] u = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            u[c] = new double[counts[c].length];
            for (int level = 0; level < counts[c].length; level++) {
                // a level no random pair reached (exact e-mail, say) is rare, not impossible
                u[c][level] = Math.max(FLOOR, (counts[c][level] + 0.5) / (totals[c] + 1.0));
            }
        }
        return u;
    }

    private long sampledPairs(final int records) {
        return Math.min(maxSampledPairs, (long) records * (records - 1) / 2);
    }

    /**
     * The comparison vectors of the distinct pairs that share a blocking key (blocks over maxBlockSize
     * skipped); with labels only those of true pairs, and {@code blockedCount[0]} gets how many pairs
     * were blocked in all.
     */
    int[][] blockedVectors(final List<Map<String, Object>> records, final ComparisonContext context, final List<String> labels, final long[] blockedCount) {
        final List<int[]> vectors = new ArrayList<>();
        final long blocked = BlockedPairs.forEach(template, records, maxBlockedPairs, (left, right) -> {
            if (labels == null || labels.get(left).equals(labels.get(right))) {
                vectors.add(scorer.levels(records.get(left), records.get(right), context));
            }
        });
        if (blockedCount != null) {
            blockedCount[0] = blocked;
        }
        return vectors.toArray(new int[0][]);
    }

    private static double templateMTotal(final Comparison comparison) {
        double total = 0;
        for (final ComparisonLevel level : comparison.levels()) {
            total += level.m();
        }
        return total;
    }

    /** A neutral start: most matches in the closest level, a little in the others. */
    private static double[][] initialM(final List<Comparison> comparisons) {
        final double[][] m = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            final int levels = comparisons.get(c).levels().size();
            m[c] = new double[levels];
            for (int level = 0; level < levels; level++) {
                m[c][level] = levels == 1 ? 1.0 : level == 0 ? 0.7 : 0.3 / (levels - 1);
            }
        }
        return m;
    }

    private static double round(final double value) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", value));
    }
}
