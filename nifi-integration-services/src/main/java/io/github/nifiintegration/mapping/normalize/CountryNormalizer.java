package io.github.nifiintegration.mapping.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Country names and codes to ISO 3166-1 alpha-2. The lookup is built from the JDK's own locale data:
 * every ISO country's alpha-2 and alpha-3 code and its name in several languages, plus the everyday
 * names that no locale lists ({@code USA}, {@code UK}, {@code Holland}, ...). Case, accents,
 * punctuation and a leading "the" do not matter. An unknown name is refused.
 */
final class CountryNormalizer implements Normalizer {

    private static final Locale[] NAME_LANGUAGES = {
            Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, Locale.ITALIAN, Locale.of("es"), Locale.of("pt"), Locale.of("nl")};

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("usa", "US"), Map.entry("u s a", "US"), Map.entry("u s", "US"), Map.entry("america", "US"),
            Map.entry("united states of america", "US"), Map.entry("uk", "GB"), Map.entry("u k", "GB"),
            Map.entry("great britain", "GB"), Map.entry("britain", "GB"), Map.entry("england", "GB"),
            Map.entry("scotland", "GB"), Map.entry("wales", "GB"), Map.entry("northern ireland", "GB"),
            Map.entry("holland", "NL"), Map.entry("the netherlands", "NL"), Map.entry("south korea", "KR"),
            Map.entry("korea", "KR"), Map.entry("north korea", "KP"), Map.entry("russia", "RU"),
            Map.entry("czech republic", "CZ"), Map.entry("ivory coast", "CI"), Map.entry("vietnam", "VN"),
            Map.entry("uae", "AE"), Map.entry("deutschland", "DE"), Map.entry("turkey", "TR"),
            Map.entry("burma", "MM"), Map.entry("swaziland", "SZ"), Map.entry("macedonia", "MK"));

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final AccentFoldingNormalizer FOLD = new AccentFoldingNormalizer();

    private static final Map<String, String> CODES_BY_KEY = buildLookup();

    private static Map<String, String> buildLookup() {
        final Map<String, String> lookup = new HashMap<>();
        for (final String code : Locale.getISOCountries()) {
            final Locale country = Locale.of("", code);
            lookup.put(key(code), code);
            lookup.put(key(country.getISO3Country()), code);
            for (final Locale language : NAME_LANGUAGES) {
                lookup.putIfAbsent(key(country.getDisplayCountry(language)), code);
            }
        }
        ALIASES.forEach((alias, code) -> lookup.put(key(alias), code));
        return Map.copyOf(lookup);
    }

    private static String key(final String name) {
        final String folded = (String) FOLD.normalize(name);
        String key = NOT_LETTER_OR_DIGIT.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        if (key.startsWith("the ")) {
            key = key.substring(4);
        }
        return key;
    }

    @Override
    public Object normalize(final Object value) throws NormalizationException {
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        final String code = CODES_BY_KEY.get(key(text));
        if (code == null) {
            throw new NormalizationException("'" + text + "' is not a known country name or ISO 3166 code");
        }
        return code;
    }
}
