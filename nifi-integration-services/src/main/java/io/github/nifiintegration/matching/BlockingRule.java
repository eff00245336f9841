package io.github.nifiintegration.matching;

import io.github.nifiintegration.matching.comparators.Phonetics;
import io.github.nifiintegration.matching.comparators.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking rule: records are only compared when they share the key this rule builds, for example
 * the Soundex of the family name plus the birth year. Several rules are OR-ed: a pair is compared if
 * any rule gives both the same key. A record missing one of a rule's fields gets no key from it.
 */
public record BlockingRule(String name, List<KeyPart> parts, boolean symmetric) {

    /**
     * @param symmetric when true, a key's parts are sorted before they are joined, so that values in
     *                  swapped fields (given and family name the other way round) give the same key
     */
    public BlockingRule(final String name, final List<KeyPart> parts) {
        this(name, parts, false);
    }

    /** One part of a key: a field and how to transform its value. */
    public record KeyPart(String field, Transform transform, int length) {
    }

    /** How a value becomes part of a key. */
    public enum Transform {
        EXACT, LOWER, SOUNDEX, DOUBLE_METAPHONE, NYSIIS, PREFIX, SUFFIX, YEAR, DIGITS,
        /**
         * One key per distinct word of the value (token blocking): long text such as titles or
         * product names shares some word with its variants even when it starts and ends differently.
         * With a length, shorter words are left out. Common words make large blocks, which
         * maxBlockSize cuts.
         */
        TOKENS;

        static Transform of(final String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public BlockingRule {
        parts = List.copyOf(parts);
    }

    /**
     * The keys of a record under this rule: usually one, several when a field holds a list, none when
     * a field is missing. Each key starts with the rule's name, so rules never collide.
     */
    public List<String> keys(final Map<String, Object> values) {
        return keys(values, new java.util.HashMap<>());
    }

    /**
     * The keys, with transformed values shared between rules: several rules often take the same
     * phonetic code of the same field, and a code is worth computing once per record.
     */
    public List<String> keys(final Map<String, Object> values, final Map<String, String> transformedValues) {
        List<String> keys = List.of(name + ":");
        for (final KeyPart part : parts) {
            final List<String> partValues = new ArrayList<>(1);
            for (final String value : FieldValues.texts(values.get(part.field()))) {
                if (part.transform() == Transform.TOKENS) {
                    partValues.addAll(words(value, part.length()));
                    continue;
                }
                final String transformed = transformedValues.computeIfAbsent(part.transform().name() + part.length() + '\u0000' + value, k -> transform(part, value));
                if (!transformed.isEmpty()) {
                    partValues.add(transformed);
                }
            }
            if (partValues.isEmpty()) {
                return List.of();
            }
            final List<String> extended = new ArrayList<>(keys.size() * partValues.size());
            for (final String prefix : keys) {
                for (final String value : partValues) {
                    extended.add(prefix + "|" + value);
                }
            }
            keys = extended;
        }
        if (symmetric) {
            final List<String> sorted = new ArrayList<>(keys.size());
            for (final String key : keys) {
                final String[] partsOfKey = key.substring(key.indexOf('|') + 1).split("\\|");
                java.util.Arrays.sort(partsOfKey);
                sorted.add(name + ":|" + String.join("|", partsOfKey));
            }
            return sorted;
        }
        return keys;
    }

    private static List<String> words(final String value, final int minimumLength) {
        final List<String> words = new ArrayList<>();
        for (final String word : Tokens.set(value)) {
            if (word.length() >= minimumLength) {
                words.add(word);
            }
        }
        java.util.Collections.sort(words);
        return words;
    }

    private static String digitsOf(final String value) {
        final StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static String transform(final KeyPart part, final String value) {
        return switch (part.transform()) {
            case EXACT -> value;
            case LOWER -> value.toLowerCase(Locale.ROOT);
            case SOUNDEX -> Phonetics.encode(Phonetics.Algorithm.SOUNDEX, value);
            case DOUBLE_METAPHONE -> Phonetics.encode(Phonetics.Algorithm.DOUBLE_METAPHONE, value);
            case NYSIIS -> Phonetics.encode(Phonetics.Algorithm.NYSIIS, value);
            case PREFIX -> value.length() <= part.length() ? value.toLowerCase(Locale.ROOT) : value.substring(0, part.length()).toLowerCase(Locale.ROOT);
            case SUFFIX -> value.length() <= part.length() ? value.toLowerCase(Locale.ROOT) : value.substring(value.length() - part.length()).toLowerCase(Locale.ROOT);
            case YEAR -> value.length() >= 4 && Character.isDigit(value.charAt(0)) ? value.substring(0, 4) : "";
            case TOKENS -> throw new IllegalStateException("tokens give several keys per value; see words()");
            case DIGITS -> {
                final String digits = digitsOf(value);
                yield part.length() > 0 && digits.length() > part.length() ? digits.substring(digits.length() - part.length()) : digits;
            }
        };
    }
}
