package io.github.nifiintegration.matching.comparators;

/**
 * What scoring may need beyond the two values: how common a value or a word is among the records
 * seen so far (the master data store keeps the counts). Used for term-frequency adjustment of exact
 * matches and for TF-IDF cosine.
 */
public interface ComparisonContext {

    /** How many records seen so far have a value in {@code field} (0 when nothing is known). */
    long recordCount(String field);

    /** How many records seen so far have this (lower-case) value in {@code field}. */
    long valueCount(String field, String value);

    /** log(1 + records / records containing the token) for the field's word tokens; 1 when unknown. */
    double inverseDocumentFrequency(String field, String token);

    /** The inverse document frequency of a word found in {@code containing} of {@code documents} values, smoothed so that unseen words count most. */
    static double inverseDocumentFrequency(final long documents, final long containing) {
        return Math.log(1.0 + (documents + 1.0) / (containing + 1.0));
    }

    /** No frequencies: no adjustment, every word weighs the same. */
    ComparisonContext NONE = new ComparisonContext() {
        @Override
        public long recordCount(final String field) {
            return 0;
        }

        @Override
        public long valueCount(final String field, final String value) {
            return 0;
        }

        @Override
        public double inverseDocumentFrequency(final String field, final String token) {
            return 1.0;
        }
    };
}
