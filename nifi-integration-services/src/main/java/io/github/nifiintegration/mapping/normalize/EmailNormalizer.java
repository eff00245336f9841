package io.github.nifiintegration.mapping.normalize;

import org.apache.commons.validator.routines.EmailValidator;

import java.util.Locale;

/**
 * The canonical form of an e-mail address: trimmed, without a {@code mailto:} prefix or angle
 * brackets, lower case; an address that commons-validator does not accept is refused.
 */
final class EmailNormalizer implements Normalizer {

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, true);

    @Override
    public Object normalize(final Object value) throws NormalizationException {
        String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        if (text.regionMatches(true, 0, "mailto:", 0, 7)) {
            text = text.substring(7).strip();
        }
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        final String canonical = text.toLowerCase(Locale.ROOT);
        if (!VALIDATOR.isValid(canonical)) {
            throw new NormalizationException("'" + value + "' is not a valid e-mail address");
        }
        return canonical;
    }
}
