package io.github.nifiintegration.mapping.normalize;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named normalizers that a mapping can chain, with their documentation. The catalog is the one
 * place that knows the names; it turns a call such as {@code phone(AU, possible)} into a normalizer,
 * or explains why the call is wrong.
 */
public final class NormalizerCatalog {

    /** Makes a normalizer from a call's arguments and the processor-wide defaults. */
    @FunctionalInterface
    private interface Factory {
        Normalizer create(List<String> args, NormalizerSettings settings);
    }

    /** A normalizer's name, how to call it, and what it does: the text users read in the docs. */
    public record Entry(String name, String usage, String description, int maxArgs, Factory factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        noArgs("trim", "Removes white space at both ends.", () -> new WhitespaceNormalizer(false));
        noArgs("collapse", "Trims, and folds every inner run of white space into one space.", () -> new WhitespaceNormalizer(true));
        noArgs("upper", "Upper case.", () -> new CaseNormalizer(CaseNormalizer.Mode.UPPER));
        noArgs("lower", "Lower case.", () -> new CaseNormalizer(CaseNormalizer.Mode.LOWER));
        noArgs("title", "Title case, also after hyphens and apostrophes: o'brien-smith -> O'Brien-Smith.", () -> new CaseNormalizer(CaseNormalizer.Mode.TITLE));
        noArgs("fold_accents", "Unicode NFKD accent folding: José -> Jose, Łódź -> Lodz.", AccentFoldingNormalizer::new);
        add("name", "name(given|middle|family|prefix|suffix)",
                "One part of a person's full name; understands 'Family, Given' and particles such as van, de la.", 1,
                (args, settings) -> new PersonNameNormalizer(enumArg(args, PersonNameNormalizer.Part.class, "name")));
        noArgs("email", "Canonical e-mail address: trimmed, mailto: removed, lower case; invalid addresses are refused.", EmailNormalizer::new);
        add("phone", "phone | phone(REGION) | phone(REGION, possible)",
                "E.164 phone number via libphonenumber; numbers without a country code are read in REGION (default: the Default Region property). "
                        + "Numbers must be valid for their region, or only of a possible length with 'possible'.", 2,
                (args, settings) -> {
                    final String region = args.isEmpty() ? settings.defaultRegion() : region(args.get(0));
                    if (!PhoneNormalizer.isSupportedRegion(region)) {
                        throw new IllegalArgumentException("phone: '" + region + "' is not a region that libphonenumber knows");
                    }
                    if (args.size() == 2 && !args.get(1).equalsIgnoreCase("possible")) {
                        throw new IllegalArgumentException("phone: the second argument may only be 'possible', not '" + args.get(1) + "'");
                    }
                    return new PhoneNormalizer(region, args.size() < 2);
                });
        add("postal_code", "postal_code | postal_code(COUNTRY)",
                "Postal code written the way its country writes it (upper case, separators, lost leading zeros restored), validated for known countries.", 1,
                (args, settings) -> new PostalCodeNormalizer(args.isEmpty() ? settings.defaultRegion() : region(args.get(0))));
        add("date", "date | date('pattern', 'pattern', ...)",
                "Date or date-time to ISO-8601. Tries the ISO forms, then the given java.time patterns (default: the Date Formats property) in order.", Integer.MAX_VALUE,
                (args, settings) -> {
                    final List<String> patterns = args.isEmpty() ? settings.datePatterns() : args;
                    patterns.forEach(NormalizerCatalog::checkDatePattern);
                    return new DateNormalizer(patterns);
                });
        add("decimal", "decimal | decimal(comma)",
                "Exact decimal number; currency symbols, grouping separators and accounting parentheses are understood. 'comma' for a decimal comma.", 1,
                (args, settings) -> {
                    if (!args.isEmpty() && !args.get(0).equalsIgnoreCase("comma") && !args.get(0).equalsIgnoreCase("point")) {
                        throw new IllegalArgumentException("decimal: the argument may be 'comma' or 'point', not '" + args.get(0) + "'");
                    }
                    return new DecimalNormalizer(!args.isEmpty() && args.get(0).equalsIgnoreCase("comma"));
                });
        noArgs("country", "Country name (several languages) or ISO alpha-2/alpha-3 code to the ISO 3166-1 alpha-2 code; unknown names are refused.", CountryNormalizer::new);
    }

    private NormalizerCatalog() {
    }

    private static void noArgs(final String name, final String description, final Supplier<Normalizer> supplier) {
        add(name, name, description, 0, (args, settings) -> supplier.get());
    }

    private static void add(final String name, final String usage, final String description, final int maxArgs, final Factory factory) {
        ENTRIES.put(name, new Entry(name, usage, description, maxArgs, factory));
    }

    /** Every normalizer, in the order the documentation lists them. */
    public static Collection<Entry> entries() {
        return Collections.unmodifiableCollection(ENTRIES.values());
    }

    /**
     * Creates the normalizer for one call of a chain.
     *
     * @throws IllegalArgumentException naming the normalizer and what is wrong with the call
     */
    public static Normalizer create(final String name, final List<String> args, final NormalizerSettings settings) {
        final Entry entry = ENTRIES.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new IllegalArgumentException("unknown normalizer '" + name + "'; known normalizers: " + String.join(", ", ENTRIES.keySet()));
        }
        if (args.size() > entry.maxArgs()) {
            throw new IllegalArgumentException(entry.name() + " takes " + (entry.maxArgs() == 0 ? "no arguments" : "at most " + entry.maxArgs() + " argument(s)")
                    + "; usage: " + entry.usage());
        }
        return entry.factory().create(args, settings);
    }

    private static String region(final String code) {
        final String region = code.strip().toUpperCase(Locale.ROOT);
        if (!region.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 3166 alpha-2 region code such as US or AU");
        }
        return region;
    }

    private static void checkDatePattern(final String pattern) {
        try {
            DateNormalizer.strict(pattern);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("date: '" + pattern + "' is not a valid date pattern: " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumArg(final List<String> args, final Class<E> type, final String normalizer) {
        final StringBuilder allowed = new StringBuilder();
        for (final E constant : type.getEnumConstants()) {
            if (!allowed.isEmpty()) {
                allowed.append('|');
            }
            allowed.append(constant.name().toLowerCase(Locale.ROOT));
            if (args.size() == 1 && constant.name().equalsIgnoreCase(args.get(0).strip())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(normalizer + " needs one argument: " + normalizer + "(" + allowed + ")");
    }

    /** The patterns used when a date call gives none: unambiguous forms first, then day-first. */
    public static final List<String> DEFAULT_DATE_PATTERNS = List.of(
            "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd", "yyyyMMdd", "dd/MM/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "d MMM yyyy", "MMM d, yyyy", "d MMMM yyyy", "MMMM d, yyyy");
}
