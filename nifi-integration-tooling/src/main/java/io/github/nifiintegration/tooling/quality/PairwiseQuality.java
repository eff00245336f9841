package io.github.nifiintegration.tooling.quality;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of a clustering against the truth, counted without listing
 * pairs: from the sizes of the predicted clusters, the true clusters and their intersections.
 * A pair is "predicted" when both records got the same entity id, "true" when they share a truth id.
 */
public final class PairwiseQuality {

    private final Map<String, Long> predictedSizes = new HashMap<>();
    private final Map<String, Long> trueSizes = new HashMap<>();
    private final Map<String, Long> intersectionSizes = new HashMap<>();

    /** Adds one record: the entity the resolver gave it and the one it truly belongs to. */
    public void add(final String predictedEntity, final String trueEntity) {
        predictedSizes.merge(predictedEntity, 1L, Long::sum);
        trueSizes.merge(trueEntity, 1L, Long::sum);
        intersectionSizes.merge(predictedEntity + '\u0000' + trueEntity, 1L, Long::sum);
    }

    private static long pairs(final Map<String, Long> sizes) {
        long pairs = 0;
        for (final long size : sizes.values()) {
            pairs += size * (size - 1) / 2;
        }
        return pairs;
    }

    public long truePositives() {
        return pairs(intersectionSizes);
    }

    public long predictedPairs() {
        return pairs(predictedSizes);
    }

    public long truePairs() {
        return pairs(trueSizes);
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
