package io.github.nifiintegration.mapping.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One part of a person's full name: {@code given}, {@code middle}, {@code family}, {@code prefix}
 * (Dr, Mrs, ...) or {@code suffix} (Jr, III, PhD, ...). Understands "Given Middle Family" and
 * "Family, Given Middle" and keeps family-name particles with the family name
 * ({@code Ludwig van Beethoven} has family name {@code van Beethoven}). Case is kept; chain
 * {@code title} to change it.
 */
final class PersonNameNormalizer implements Normalizer {

    enum Part { GIVEN, MIDDLE, FAMILY, PREFIX, SUFFIX }

    private static final Set<String> PREFIXES = Set.of(
            "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "fr", "lady", "lord", "madam", "mme", "mlle", "herr", "frau");
    private static final Set<String> SUFFIXES = Set.of(
            "jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "dds", "jnr", "snr");
    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "st", "ter", "ten", "bin", "ibn", "al", "el", "dos", "das", "y");

    private final Part part;

    PersonNameNormalizer(final Part part) {
        this.part = part;
    }

    @Override
    public Object normalize(final Object value) {
        final String text = Values.nonBlankText(value);
        if (text == null) {
            return null;
        }
        final String result = switch (part) {
            case PREFIX -> parse(text).prefix;
            case GIVEN -> parse(text).given;
            case MIDDLE -> parse(text).middle;
            case FAMILY -> parse(text).family;
            case SUFFIX -> parse(text).suffix;
        };
        return result == null || result.isEmpty() ? null : result;
    }

    private static final class NameParts {
        String prefix;
        String given;
        String middle;
        String family;
        String suffix;
    }

    private static NameParts parse(final String fullName) {
        final NameParts parts = new NameParts();
        final List<String> suffixes = new ArrayList<>();
        String name = fullName;

        // "Family, Given Middle" unless what follows the comma is only a suffix ("John Smith, Jr.")
        final int comma = name.indexOf(',');
        String familyFirst = null;
        if (comma > 0) {
            final String after = name.substring(comma + 1).strip();
            if (isAll(after, SUFFIXES)) {
                suffixes.addAll(tokens(after));
                name = name.substring(0, comma);
            } else {
                familyFirst = name.substring(0, comma).strip();
                name = after.replace(",", " ");
            }
        }

        final List<String> words = new ArrayList<>(tokens(name));
        final List<String> prefixes = new ArrayList<>();
        while (words.size() > 1 && PREFIXES.contains(bare(words.get(0)))) {
            prefixes.add(words.remove(0));
        }
        while (words.size() > 1 && SUFFIXES.contains(bare(words.get(words.size() - 1)))) {
            suffixes.add(0, words.remove(words.size() - 1));
        }
        parts.prefix = String.join(" ", prefixes);
        parts.suffix = String.join(" ", suffixes);

        if (familyFirst != null) {
            parts.family = familyFirst;
            parts.given = words.isEmpty() ? null : words.get(0);
            parts.middle = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : null;
            return parts;
        }
        if (words.size() == 1) {
            parts.given = words.get(0);
            return parts;
        }
        int familyStart = words.size() - 1;
        while (familyStart > 1 && PARTICLES.contains(bare(words.get(familyStart - 1)))) {
            familyStart--;
        }
        parts.given = words.get(0);
        parts.middle = String.join(" ", words.subList(1, familyStart));
        parts.family = String.join(" ", words.subList(familyStart, words.size()));
        return parts;
    }

    private static List<String> tokens(final String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }

    private static boolean isAll(final String text, final Set<String> vocabulary) {
        final List<String> words = tokens(text);
        return !words.isEmpty() && words.stream().allMatch(w -> vocabulary.contains(bare(w)));
    }

    private static String bare(final String word) {
        return word.replace(".", "").toLowerCase(Locale.ROOT);
    }
}
