package io.github.nifiintegration.mapping.normalize;

import java.text.Normalizer.Form;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds accents: Unicode NFKD decomposition, then the combining marks are dropped, so {@code José}
 * becomes {@code Jose} and compatibility forms such as full-width letters or ligatures become their
 * plain letters. A few Latin letters have no decomposition (ø, ł, ß, æ, ...) and are mapped explicitly.
 * Scripts without a Latin form (Cyrillic, Han, ...) are kept as they are.
 */
final class AccentFoldingNormalizer implements Normalizer {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private static final Map<Character, String> UNDECOMPOSABLE = Map.ofEntries(
            Map.entry('ø', "o"), Map.entry('Ø', "O"),
            Map.entry('ł', "l"), Map.entry('Ł', "L"),
            Map.entry('đ', "d"), Map.entry('Đ', "D"),
            Map.entry('ß', "ss"), Map.entry('ẞ', "SS"),
            Map.entry('æ', "ae"), Map.entry('Æ', "AE"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('þ', "th"), Map.entry('Þ', "TH"),
            Map.entry('ı', "i"));

    @Override
    public Object normalize(final Object value) {
        final String text = Values.text(value);
        if (text == null) {
            return null;
        }
        if (isAscii(text)) {
            return text;
        }
        final String decomposed = java.text.Normalizer.normalize(text, Form.NFKD);
        final String unmarked = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        final StringBuilder folded = new StringBuilder(unmarked.length());
        for (int i = 0; i < unmarked.length(); i++) {
            final char c = unmarked.charAt(i);
            final String replacement = UNDECOMPOSABLE.get(c);
            if (replacement == null) {
                folded.append(c);
            } else {
                folded.append(replacement);
            }
        }
        return folded.toString();
    }

    private static boolean isAscii(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }
}
