package io.github.nifiintegration.matching.comparators;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Frequencies fixed by a test: as if the store had seen {@code records} records with these counts. */
public record FixedFrequencies(long records, ToLongFunction<String> valueCounts, ToDoubleFunction<String> idf) implements ComparisonContext {

    @Override
    public long recordCount(final String field) {
        return records;
    }

    @Override
    public long valueCount(final String field, final String value) {
        return valueCounts.applyAsLong(value);
    }

    @Override
    public double inverseDocumentFrequency(final String field, final String token) {
        return idf.applyAsDouble(token);
    }
}
