package io.github.nifiintegration.tooling.quality;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of a clustering against the truth, counted without listing
 * pairs: from the sizes of the predicted clusters, the true clusters and their intersections.
 * A pair is "predicted" when both records got the same entity id, "true" when they share a truth id.
 * <p>
 * For linkage of sources that are each free of duplicates (DBLP with ACM), the benchmarks' truth is
 * a list of cross-source pairs and systems are judged on the cross-source pairs they predict; counting
 * {@linkplain #crossSourceOnly() cross-source pairs only} does the same: a cluster of n records, n_s
 * of them from source s, holds n(n-1)/2 minus the sum of n_s(n_s-1)/2 cross-source pairs.
 */
public final class PairwiseQuality {

    private final boolean crossSourceOnly;
    private final Map<String, Long> predictedSizes = new HashMap<>();
    private final Map<String, Long> trueSizes = new HashMap<>();
    private final Map<String, Long> intersectionSizes = new HashMap<>();
    private final Map<String, Long> predictedSourceSizes = new HashMap<>();
    private final Map<String, Long> trueSourceSizes = new HashMap<>();
    private final Map<String, Long> intersectionSourceSizes = new HashMap<>();

    /** Counts every pair inside the clusters. */
    public PairwiseQuality() {
        this(false);
    }

    private PairwiseQuality(final boolean crossSourceOnly) {
        this.crossSourceOnly = crossSourceOnly;
    }

    /** Counts only the pairs whose records come from different sources. */
    public static PairwiseQuality crossSourceOnly() {
        return new PairwiseQuality(true);
    }

    /** Adds one record: the entity the resolver gave it and the one it truly belongs to. */
    public void add(final String predictedEntity, final String trueEntity) {
        add(predictedEntity, trueEntity, "");
    }

    /** Adds one record of the given source system. */
    public void add(final String predictedEntity, final String trueEntity, final String source) {
        final String intersection = predictedEntity + '\u0000' + trueEntity;
        predictedSizes.merge(predictedEntity, 1L, Long::sum);
        trueSizes.merge(trueEntity, 1L, Long::sum);
        intersectionSizes.merge(intersection, 1L, Long::sum);
        if (crossSourceOnly) {
            predictedSourceSizes.merge(predictedEntity + '\u0000' + source, 1L, Long::sum);
            trueSourceSizes.merge(trueEntity + '\u0000' + source, 1L, Long::sum);
            intersectionSourceSizes.merge(intersection + '\u0000' + source, 1L, Long::sum);
        }
    }

    private static long pairs(final Map<String, Long> sizes) {
        long pairs = 0;
        for (final long size : sizes.values()) {
            pairs += size * (size - 1) / 2;
        }
        return pairs;
    }

    /** The pairs inside the clusters, less those inside one source when only cross-source pairs count. */
    private long pairs(final Map<String, Long> sizes, final Map<String, Long> sourceSizes) {
        return pairs(sizes) - (crossSourceOnly ? pairs(sourceSizes) : 0);
    }

    public long truePositives() {
        return pairs(intersectionSizes, intersectionSourceSizes);
    }

    public long predictedPairs() {
        return pairs(predictedSizes, predictedSourceSizes);
    }

    public long truePairs() {
        return pairs(trueSizes, trueSourceSizes);
    }

    public double precision() {
        return predictedPairs() == 0 ? 1.0 : (double) truePositives() / predictedPairs();
    }

    public double recall() {
        return truePairs() == 0 ? 1.0 : (double) truePositives() / truePairs();
    }

    public double f1() {
        final double p = precision();
        final double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
