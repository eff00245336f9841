package io.github.nifiintegration.mapping.normalize;

import java.math.BigDecimal;

/**
 * Decimal numbers as exact {@link BigDecimal}s. Text may carry a currency symbol or code, grouping
 * separators, spaces, a leading sign or accounting parentheses for negatives: {@code "$ 1,234.50"},
 * {@code "(12.00)"}, {@code "EUR 1.234,50"} with the {@code comma} argument (decimal comma sources).
 */
final class DecimalNormalizer implements Normalizer {

    private final char decimalSeparator;
    private final char groupingSeparator;

    DecimalNormalizer(final boolean decimalComma) {
        this.decimalSeparator = decimalComma ? ',' : '.';
        this.groupingSeparator = decimalComma ? '.' : ',';
    }

    @Override
    public CanonicalType outputType() {
        return CanonicalType.DECIMAL;
    }

    @Override
    public Object normalize(final Object value) throws NormalizationException {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        final StringBuilder digits = new StringBuilder(text.length());
        boolean negative = text.startsWith("(") && text.endsWith(")");
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits.append(c);
            } else if (c == decimalSeparator) {
                digits.append('.');
            } else if (c == '-' || c == '\u2212') {
                negative = true;
            } else if (c == groupingSeparator || c == '\'' || Character.isWhitespace(c) || c == '\u00A0'
                    || c == '+' || c == '(' || c == ')' || Character.getType(c) == Character.CURRENCY_SYMBOL || Character.isLetter(c) && isCurrencyCode(text)) {
                continue;
            } else {
                throw new NormalizationException("'" + text + "' is not a decimal number");
            }
        }
        try {
            final BigDecimal parsed = new BigDecimal(digits.toString());
            return negative ? parsed.negate() : parsed;
        } catch (final NumberFormatException e) {
            throw new NormalizationException("'" + text + "' is not a decimal number");
        }
    }

    /** Letters are allowed only as one three-letter currency code at the start or the end. */
    private static boolean isCurrencyCode(final String text) {
        return text.matches("^[A-Za-z]{3}\\s*[^A-Za-z]*$") || text.matches("^[^A-Za-z]*\\s*[A-Za-z]{3}$");
    }
}
