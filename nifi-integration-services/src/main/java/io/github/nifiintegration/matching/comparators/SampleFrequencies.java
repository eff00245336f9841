package io.github.nifiintegration.matching.comparators;

import io.github.nifiintegration.matching.FieldValues;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Value and word frequencies over a set of records held in memory (a sample being estimated from, a
 * labelled data set being evaluated), counted the way the master data store counts them during
 * resolution. Scoring pairs with it gives term-frequency adjusted and TF-IDF levels the same meaning
 * they have when records are resolved, instead of the unweighted {@link ComparisonContext#NONE}.
 */
public final class SampleFrequencies implements ComparisonContext {

    private final Map<String, Long> records = new HashMap<>();
    private final Map<String, Map<String, Long>> values = new HashMap<>();
    private final Map<String, Map<String, Long>> documentsWithToken = new HashMap<>();

    /** Counts the given fields of the records. */
    public SampleFrequencies(final List<Map<String, Object>> sample, final Collection<String> fields) {
        for (final String field : fields) {
            final Map<String, Long> valueCounts = new HashMap<>();
            final Map<String, Long> tokenCounts = new HashMap<>();
            long count = 0;
            for (final Map<String, Object> record : sample) {
                final List<String> texts = FieldValues.texts(record.get(field));
                if (texts.isEmpty()) {
                    continue;
                }
                count++;
                final Set<String> distinctValues = new HashSet<>();
                final Set<String> tokens = new HashSet<>();
                for (final String text : texts) {
                    distinctValues.add(text.toLowerCase(Locale.ROOT));
                    tokens.addAll(Tokens.set(text));
                }
                distinctValues.forEach(value -> valueCounts.merge(value, 1L, Long::sum));
                tokens.forEach(token -> tokenCounts.merge(token, 1L, Long::sum));
            }
            records.put(field, count);
            values.put(field, valueCounts);
            documentsWithToken.put(field, tokenCounts);
        }
    }

    @Override
    public long recordCount(final String field) {
        return records.getOrDefault(field, 0L);
    }

    @Override
    public long valueCount(final String field, final String value) {
        return values.getOrDefault(field, Map.of()).getOrDefault(value, 0L);
    }

    @Override
    public double inverseDocumentFrequency(final String field, final String token) {
        return ComparisonContext.inverseDocumentFrequency(recordCount(field), documentsWithToken.getOrDefault(field, Map.of()).getOrDefault(token, 0L));
    }
}
