package io.github.nifiintegration.mapping.normalize;

import org.apache.commons.text.WordUtils;

import java.util.Locale;

/**
 * Upper, lower or title case. Title case capitalizes after spaces, hyphens, apostrophes and periods,
 * so that {@code o'brien-smith} becomes {@code O'Brien-Smith}.
 */
final class CaseNormalizer implements Normalizer {

    enum Mode { UPPER, LOWER, TITLE }

    private static final char[] WORD_DELIMITERS = {' ', '-', '\'', '.', '\u2019'};

    private final Mode mode;

    CaseNormalizer(final Mode mode) {
        this.mode = mode;
    }

    @Override
    public Object normalize(final Object value) {
        final String text = Values.text(value);
        if (text == null) {
            return null;
        }
        return switch (mode) {
            case UPPER -> text.toUpperCase(Locale.ROOT);
            case LOWER -> text.toLowerCase(Locale.ROOT);
            case TITLE -> WordUtils.capitalizeFully(text, WORD_DELIMITERS);
        };
    }
}
