package io.github.nifiintegration.mapping.normalize;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A postal code in the form its country writes it: upper case, separators normalized, and validated
 * for the countries this normalizer knows (a code that does not fit is refused). All-digit codes lost
 * their leading zeros when a reader inferred a number ({@code 0800} read as {@code 800}), so they are
 * padded back. For other countries the code is upper-cased and its white space collapsed.
 */
final class PostalCodeNormalizer implements Normalizer {

    /** How a country's code looks once separators are removed, and how to write it back. */
    private record Format(Pattern compact, String replacement, int digitsToPad) {
    }

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            Map.entry("US", new Format(Pattern.compile("(\\d{5})(\\d{4})?"), "$1-$2", 5)),
            Map.entry("AU", new Format(Pattern.compile("(\\d{4})"), "$1", 4)),
            Map.entry("NZ", new Format(Pattern.compile("(\\d{4})"), "$1", 4)),
            Map.entry("DE", new Format(Pattern.compile("(\\d{5})"), "$1", 5)),
            Map.entry("FR", new Format(Pattern.compile("(\\d{5})"), "$1", 5)),
            Map.entry("ES", new Format(Pattern.compile("(\\d{5})"), "$1", 5)),
            Map.entry("IT", new Format(Pattern.compile("(\\d{5})"), "$1", 5)),
            Map.entry("CH", new Format(Pattern.compile("(\\d{4})"), "$1", 4)),
            Map.entry("AT", new Format(Pattern.compile("(\\d{4})"), "$1", 4)),
            Map.entry("BE", new Format(Pattern.compile("(\\d{4})"), "$1", 4)),
            Map.entry("DK", new Format(Pattern.compile("(\\d{4})"), "$1", 4)),
            Map.entry("SE", new Format(Pattern.compile("(\\d{3})(\\d{2})"), "$1 $2", 5)),
            Map.entry("PL", new Format(Pattern.compile("(\\d{2})(\\d{3})"), "$1-$2", 5)),
            Map.entry("PT", new Format(Pattern.compile("(\\d{4})(\\d{3})"), "$1-$2", 7)),
            Map.entry("JP", new Format(Pattern.compile("(\\d{3})(\\d{4})"), "$1-$2", 7)),
            Map.entry("IN", new Format(Pattern.compile("(\\d{6})"), "$1", 6)),
            Map.entry("BR", new Format(Pattern.compile("(\\d{5})(\\d{3})"), "$1-$2", 8)),
            Map.entry("NL", new Format(Pattern.compile("(\\d{4})([A-Z]{2})"), "$1 $2", 0)),
            Map.entry("CA", new Format(Pattern.compile("([A-Z]\\d[A-Z])(\\d[A-Z]\\d)"), "$1 $2", 0)),
            Map.entry("GB", new Format(Pattern.compile("([A-Z]{1,2}\\d[A-Z\\d]?)(\\d[A-Z]{2})"), "$1 $2", 0)),
            Map.entry("IE", new Format(Pattern.compile("([AC-FHKNPRTV-Y]\\d{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})"), "$1 $2", 0)));

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.]+");

    private final String country;

    PostalCodeNormalizer(final String country) {
        this.country = country.toUpperCase(Locale.ROOT);
    }

    @Override
    public Object normalize(final Object value) throws NormalizationException {
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        final String upper = text.toUpperCase(Locale.ROOT);
        final Format format = FORMATS.get(country);
        if (format == null) {
            return SEPARATORS.matcher(upper).replaceAll(" ");
        }
        String compact = SEPARATORS.matcher(upper).replaceAll("");
        if (format.digitsToPad() > 0 && compact.length() < format.digitsToPad() && compact.chars().allMatch(Character::isDigit)) {
            compact = "0".repeat(format.digitsToPad() - compact.length()) + compact;
        }
        final Matcher matcher = format.compact().matcher(compact);
        if (!matcher.matches()) {
            throw new NormalizationException("'" + text + "' is not a valid " + country + " postal code");
        }
        final String formatted = matcher.replaceFirst(format.replacement());
        // an optional group that did not match leaves its separator dangling (US ZIP without +4)
        return formatted.endsWith("-") ? formatted.substring(0, formatted.length() - 1) : formatted;
    }
}
