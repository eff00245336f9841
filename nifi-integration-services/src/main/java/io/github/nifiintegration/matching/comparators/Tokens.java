package io.github.nifiintegration.matching.comparators;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Splits long text (titles, product names, addresses) into lower-case word tokens. */
public final class Tokens {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Tokens() {
    }

    public static Set<String> set(final String text) {
        final Set<String> tokens = new HashSet<>();
        for (final String token : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    public static Map<String, Integer> counts(final String text) {
        final Map<String, Integer> counts = new HashMap<>();
        for (final String token : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!token.isEmpty()) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        return counts;
    }
}
