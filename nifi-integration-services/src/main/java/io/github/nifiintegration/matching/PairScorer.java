package io.github.nifiintegration.matching;

import io.github.nifiintegration.matching.comparators.ComparisonContext;
import io.github.nifiintegration.matching.comparators.RecordLevelTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a pair of records with a Fellegi-Sunter model: the prior's log odds plus, per comparison,
 * log2(m/u) of the first level the pair falls into. Exact levels marked for term-frequency
 * adjustment use how common the shared value is as u, so "Smith = Smith" counts for less than
 * "Zielinski = Zielinski".
 */
public final class PairScorer {

    /** Level index meaning "a value is missing": no evidence either way. */
    public static final int NULL_LEVEL = -1;

    /** How many records' worth of belief the model's own u keeps against observed value frequencies. */
    static final double TF_PSEUDO_RECORDS = 1000;

    private final MatchModel model;

    public PairScorer(final MatchModel model) {
        this.model = model;
    }

    public MatchModel model() {
        return model;
    }

    /** The match weight and probability of the pair, without explanation (the fast path). */
    public Score score(final Map<String, Object> left, final Map<String, Object> right, final ComparisonContext context) {
        double weight = model.priorWeight();
        for (final Comparison comparison : model.comparisons()) {
            weight += contribution(comparison, left, right, context, null);
        }
        return new Score(weight, Score.probability(weight), List.of());
    }

    /** The same score, with each comparison's contribution. */
    public Score explain(final Map<String, Object> left, final Map<String, Object> right, final ComparisonContext context) {
        double weight = model.priorWeight();
        final List<Contribution> contributions = new ArrayList<>(model.comparisons().size());
        for (final Comparison comparison : model.comparisons()) {
            weight += contribution(comparison, left, right, context, contributions);
        }
        return new Score(weight, Score.probability(weight), contributions);
    }

    /** The level index of each comparison for the pair ({@link #NULL_LEVEL} when a value is missing): the pair's comparison vector. */
    public int[] levels(final Map<String, Object> left, final Map<String, Object> right, final ComparisonContext context) {
        final int[] levels = new int[model.comparisons().size()];
        for (int i = 0; i < levels.length; i++) {
            final Comparison comparison = model.comparisons().get(i);
            levels[i] = level(comparison, FieldValues.texts(left.get(comparison.field())), FieldValues.texts(right.get(comparison.field())), left, right, context);
        }
        return levels;
    }

    private double contribution(final Comparison comparison, final Map<String, Object> left, final Map<String, Object> right,
                                final ComparisonContext context, final List<Contribution> explanation) {
        final Object leftValue = left.get(comparison.field());
        final Object rightValue = right.get(comparison.field());
        if (explanation == null && leftValue instanceof String a && rightValue instanceof String b) {
            // the common case, without building value lists: two single texts
            return singleTextWeight(comparison, a.strip(), b.strip(), left, right, context);
        }
        final List<String> a = FieldValues.texts(leftValue);
        final List<String> b = FieldValues.texts(rightValue);
        final int level = level(comparison, a, b, left, right, context);
        if (level == NULL_LEVEL) {
            if (explanation != null) {
                explanation.add(new Contribution(comparison.name(), "null", 0, join(a), join(b)));
            }
            return 0;
        }
        final ComparisonLevel matched = comparison.levels().get(level);
        double weight = matched.weight();
        if (matched.tfAdjusted()) {
            weight = termFrequencyWeight(comparison, matched, sharedValue(a, b), context);
        }
        if (explanation != null) {
            explanation.add(new Contribution(comparison.name(), matched.label(), weight, join(a), join(b)));
        }
        return weight;
    }

    private static double singleTextWeight(final Comparison comparison, final String a, final String b, final Map<String, Object> left,
                                           final Map<String, Object> right, final ComparisonContext context) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        final List<ComparisonLevel> levels = comparison.levels();
        for (int i = 0; i < levels.size(); i++) {
            final ComparisonLevel level = levels.get(i);
            if (level.isElse() || holds(level, a, b, left, right, context)) {
                return level.tfAdjusted() ? termFrequencyWeight(comparison, level, a, context) : level.weight();
            }
        }
        return 0;
    }

    private static boolean holds(final ComparisonLevel level, final String a, final String b, final Map<String, Object> left,
                                 final Map<String, Object> right, final ComparisonContext context) {
        return level.test() instanceof RecordLevelTest recordTest ? recordTest.test(left, right, context) : level.test().test(a, b, context);
    }

    /** The index of the closest level any pair of the two sides' values falls into. */
    static int level(final Comparison comparison, final List<String> a, final List<String> b, final Map<String, Object> left,
                     final Map<String, Object> right, final ComparisonContext context) {
        if (a.isEmpty() || b.isEmpty()) {
            return NULL_LEVEL;
        }
        final List<ComparisonLevel> levels = comparison.levels();
        int best = levels.size();
        for (final String leftValue : a) {
            for (final String rightValue : b) {
                for (int i = 0; i < best; i++) {
                    final ComparisonLevel level = levels.get(i);
                    if (level.isElse() || holds(level, leftValue, rightValue, left, right, context)) {
                        best = i;
                        break;
                    }
                }
            }
        }
        // no level took the pair and there is no 'else': the comparison says nothing
        return best == levels.size() ? NULL_LEVEL : best;
    }

    /**
     * The exact level's weight with u replaced by how common the shared value is. The observed share
     * is shrunk towards the model's u by {@link #TF_PSEUDO_RECORDS}: on the first few records every
     * value looks common (one "Ann" in two records is 50%), which would wrongly make every early name
     * worthless; as records accumulate the observed share takes over.
     */
    private static double termFrequencyWeight(final Comparison comparison, final ComparisonLevel level, final String value, final ComparisonContext context) {
        if (value == null) {
            return level.weight();
        }
        final String field = comparison.field();
        final double records = context.recordCount(field);
        final double count = context.valueCount(field, value.toLowerCase(Locale.ROOT));
        final double u = (count + TF_PSEUDO_RECORDS * level.u()) / (records + TF_PSEUDO_RECORDS);
        return ComparisonLevel.log2(level.m() / Math.max(u, comparison.tfMinimumU()));
    }

    private static String sharedValue(final List<String> a, final List<String> b) {
        for (final String left : a) {
            for (final String right : b) {
                if (left.equalsIgnoreCase(right)) {
                    return left;
                }
            }
        }
        return null;
    }

    private static String join(final List<String> values) {
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(", ", values);
    }
}
