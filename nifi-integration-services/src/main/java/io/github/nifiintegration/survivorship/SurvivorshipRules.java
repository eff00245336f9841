package io.github.nifiintegration.survivorship;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules decide each field of a golden record: a chain per field (the first rule decides, the
 * next ones break its ties), a default chain for every other field, the trust list of source systems
 * and the field that holds a record's timestamp.
 * <p>
 * A chain is written as rule names separated by {@code |}, e.g. {@code source_priority | most_recent}.
 * Whatever ties a chain leaves are broken the same way every time (source priority, then the latest
 * timestamp, then source system and id), so the golden record never depends on arrival order.
 */
public final class SurvivorshipRules {

    private final Map<String, List<Rule>> chains;
    private final List<Rule> defaultChain;
    private final List<String> sourcePriority;
    private final String timestampField;

    public SurvivorshipRules(final Map<String, List<Rule>> chains, final List<Rule> defaultChain, final List<String> sourcePriority,
                             final String timestampField) {
        chains.forEach(SurvivorshipRules::check);
        check("the default rule", defaultChain);
        this.chains = Map.copyOf(chains);
        this.defaultChain = List.copyOf(defaultChain);
        this.sourcePriority = List.copyOf(sourcePriority);
        this.timestampField = timestampField == null || timestampField.isBlank() ? null : timestampField.trim();
    }

    /**
     * Parses a chain such as {@code source_priority | most_recent}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<Rule> parseChain(final String text) {
        final List<Rule> chain = new ArrayList<>();
        for (final String part : text.split("\\|")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("'" + text + "' has an empty rule; write rule names separated by |, e.g. source_priority | most_recent");
            }
            chain.add(Rule.parse(part));
        }
        check("'" + text + "'", chain);
        return chain;
    }

    /** A comma-separated trust list, most trusted first. */
    public static List<String> parseSourcePriority(final String text) {
        final List<String> systems = new ArrayList<>();
        if (text != null) {
            for (final String part : text.split(",")) {
                if (!part.isBlank()) {
                    systems.add(part.trim());
                }
            }
        }
        return systems;
    }

    private static void check(final String where, final List<Rule> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(where + " names no rule");
        }
        if (chain.contains(Rule.UNION) && chain.size() > 1) {
            throw new IllegalArgumentException(where + ": union keeps every value, so it cannot be chained with other rules");
        }
    }

    public List<Rule> chainFor(final String field) {
        return chains.getOrDefault(field, defaultChain);
    }

    public List<String> sourcePriority() {
        return sourcePriority;
    }

    /** The field holding a record's timestamp, or null when records have none. */
    public String timestampField() {
        return timestampField;
    }

    /** The configured chains, for documentation and explanations. */
    public Map<String, List<Rule>> chains() {
        return new LinkedHashMap<>(chains);
    }
}
