package io.github.nifiintegration.mapping.normalize;

import java.util.regex.Pattern;

/**
 * {@code trim}: strips white space (Unicode-aware, including no-break spaces) from both ends.
 * {@code collapse}: also folds every inner run of white space into one space.
 */
final class WhitespaceNormalizer implements Normalizer {

    private static final Pattern INNER_WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private final boolean collapseInner;

    WhitespaceNormalizer(final boolean collapseInner) {
        this.collapseInner = collapseInner;
    }

    @Override
    public Object normalize(final Object value) {
        final String text = Values.text(value);
        if (text == null) {
            return null;
        }
        final String trimmed = collapseInner ? INNER_WHITESPACE.matcher(text).replaceAll(" ") : text;
        return trimmed.replace('\u00A0', ' ').strip();
    }
}
