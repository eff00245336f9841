package io.github.nifiintegration.resolution;

import io.github.nifiintegration.matching.BlockingRule;
import io.github.nifiintegration.matching.Comparison;
import io.github.nifiintegration.matching.ComparisonLevel;
import io.github.nifiintegration.matching.FieldValues;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.comparators.ComparisonContext;
import io.github.nifiintegration.matching.comparators.Tokens;
import io.github.nifiintegration.store.StoreReader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Value and word frequencies over the records seen so far, kept as store counters: what
 * term-frequency adjustment and TF-IDF cosine need. Only the fields the model adjusts are counted.
 */
final class StoreFrequencies {

    private final Set<String> valueFields = new HashSet<>();
    private final Set<String> tokenFields = new HashSet<>();
    private final Map<String, String> recordCountKeys = new java.util.HashMap<>();
    private final Map<String, String> valueKeyPrefixes = new java.util.HashMap<>();

    StoreFrequencies(final MatchModel model) {
        for (final Comparison comparison : model.comparisons()) {
            for (final ComparisonLevel level : comparison.levels()) {
                if (level.tfAdjusted()) {
                    valueFields.add(comparison.field());
                }
                if (level.kind().equals("tfidf_cosine")) {
                    tokenFields.add(comparison.field());
                }
            }
            // fixed after construction, so concurrent tasks may read them
            recordCountKeys.put(comparison.field(), "n|" + comparison.field());
            valueKeyPrefixes.put(comparison.field(), "v|" + comparison.field() + "|");
        }
    }

    /** The frequencies as the store holds them now, for scoring one record's candidates. */
    ComparisonContext over(final StoreReader reader) {
        return new Context(reader);
    }

    /** The counters a record adds to (and removes from, when it is replaced). */
    List<String> counterKeys(final Map<String, Object> values) {
        final List<String> keys = new ArrayList<>();
        for (final String field : valueFields) {
            final List<String> texts = FieldValues.texts(values.get(field));
            if (!texts.isEmpty()) {
                keys.add(recordCountKeys.get(field));
                final String prefix = valueKeyPrefixes.get(field);
                for (final String text : texts.size() == 1 ? texts : new HashSet<>(texts)) {
                    keys.add(prefix.concat(text.toLowerCase(Locale.ROOT)));
                }
            }
        }
        for (final String field : tokenFields) {
            final List<String> texts = FieldValues.texts(values.get(field));
            if (!texts.isEmpty()) {
                keys.add("docs|" + field);
                final Set<String> tokens = new HashSet<>();
                texts.forEach(text -> tokens.addAll(Tokens.set(text)));
                tokens.forEach(token -> keys.add("t|" + field + "|" + token));
            }
        }
        return keys;
    }

    /** Counts do not change while one record's candidates are scored: each is looked up once. */
    private final class Context implements ComparisonContext {
        private final StoreReader reader;
        private final Map<String, Long> memo = new java.util.HashMap<>();

        Context(final StoreReader reader) {
            this.reader = reader;
        }

        @Override
        public long recordCount(final String field) {
            return memo.computeIfAbsent(recordCountKeys.get(field), reader::counter);
        }

        @Override
        public long valueCount(final String field, final String value) {
            return memo.computeIfAbsent(valueKeyPrefixes.get(field).concat(value), reader::counter);
        }

        @Override
        public double inverseDocumentFrequency(final String field, final String token) {
            return ComparisonContext.inverseDocumentFrequency(reader.counter("docs|" + field), reader.counter("t|" + field + "|" + token));
        }
    }

    static List<String> blockingKeys(final MatchModel model, final Map<String, Object> values) {
        final List<String> keys = new ArrayList<>();
        final Map<String, String> transformed = new java.util.HashMap<>();
        for (final BlockingRule rule : model.blockingRules()) {
            keys.addAll(rule.keys(values, transformed));
        }
        return keys;
    }
}
