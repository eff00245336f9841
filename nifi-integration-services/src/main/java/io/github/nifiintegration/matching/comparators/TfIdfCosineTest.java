package io.github.nifiintegration.matching.comparators;

import java.util.Map;

/**
 * Cosine similarity of TF-IDF weighted word vectors at or above a threshold: rare shared words
 * ("Beethoven") count for much more than common ones ("the", "Street", "Inc"). The inverse document
 * frequencies come from the records seen so far.
 */
public final class TfIdfCosineTest implements LevelTest {

    private final String field;
    private final double threshold;

    public TfIdfCosineTest(final String field, final double threshold) {
        this.field = field;
        this.threshold = threshold;
    }

    @Override
    public boolean test(final String left, final String right, final ComparisonContext context) {
        return similarity(Tokens.counts(left), Tokens.counts(right), context) >= threshold;
    }

    double similarity(final Map<String, Integer> a, final Map<String, Integer> b, final ComparisonContext context) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        double normA = 0;
        for (final Map.Entry<String, Integer> token : a.entrySet()) {
            final double idf = context.inverseDocumentFrequency(field, token.getKey());
            final double weightA = token.getValue() * idf;
            normA += weightA * weightA;
            final Integer inB = b.get(token.getKey());
            if (inB != null) {
                dot += weightA * inB * idf;
            }
        }
        double normB = 0;
        for (final Map.Entry<String, Integer> token : b.entrySet()) {
            final double weightB = token.getValue() * context.inverseDocumentFrequency(field, token.getKey());
            normB += weightB * weightB;
        }
        return dot / Math.sqrt(normA * normB);
    }
}
