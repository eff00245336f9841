package io.github.nifiintegration.survivorship;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * A survivorship rule: given the candidate values of one field (one per source record that has a
 * value), it keeps the best ones. Rules are chained: each next rule only breaks the ties the ones
 * before it left. {@link #UNION} is the exception: it keeps every distinct value.
 */
public enum Rule {
    /** The value from the most trusted source system (the order of the trust list; unlisted systems last). */
    SOURCE_PRIORITY("source_priority", "the value of the most trusted source system") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMax(candidates, Comparator.comparingInt((ValueCandidate c) -> -settings.rank(c.source().system())));
        }
    },
    /** The value from the record with the latest timestamp. */
    MOST_RECENT("most_recent", "the value of the record with the latest timestamp") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMaxTimestamp(candidates, 1);
        }
    },
    /** The value known first: from the record with the earliest timestamp. */
    FIRST_NON_EMPTY("first_non_empty", "the value of the record with the earliest timestamp (the first known value)") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMaxTimestamp(candidates, -1);
        }
    },
    /** The value most source records agree on. */
    MOST_FREQUENT("most_frequent", "the value most records agree on") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            final Map<Object, Integer> counts = new HashMap<>();
            candidates.forEach(c -> counts.merge(c.value(), 1, Integer::sum));
            return keepMax(candidates, Comparator.comparingInt((ValueCandidate c) -> counts.get(c.value())));
        }
    },
    /** The longest value (the most complete spelling: "Katherine" over "Kate"). */
    LONGEST("longest", "the longest value") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMax(candidates, Comparator.comparingInt((ValueCandidate c) -> String.valueOf(c.value()).length()));
        }
    },
    /** The value from the record with the most fields filled in. */
    MOST_COMPLETE("most_complete", "the value of the record with the most fields filled in") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMax(candidates, Comparator.comparingInt((ToIntFunction<ValueCandidate>) ValueCandidate::completeness));
        }
    },
    MIN("min", "the smallest value (numbers by value, ISO dates by time, otherwise text)") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMax(candidates, Comparator.comparing(ValueCandidate::value, ValueOrder.NATURAL.reversed()));
        }
    },
    MAX("max", "the largest value (numbers by value, ISO dates by time, otherwise text)") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return keepMax(candidates, Comparator.comparing(ValueCandidate::value, ValueOrder.NATURAL));
        }
    },
    /** Every distinct value (multi-valued fields such as e-mail addresses and phones). */
    UNION("union", "every distinct value, as a list") {
        @Override
        List<ValueCandidate> keepBest(final List<ValueCandidate> candidates, final RuleSettings settings) {
            return candidates;
        }
    };

    private final String id;
    private final String description;

    Rule(final String id, final String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used in configuration and lineage, e.g. {@code most_recent}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    abstract List<ValueCandidate> keepBest(List<ValueCandidate> candidates, RuleSettings settings);

    /**
     * @throws IllegalArgumentException naming the valid rules
     */
    public static Rule parse(final String name) {
        final String wanted = name.trim().toLowerCase(java.util.Locale.ROOT);
        for (final Rule rule : values()) {
            if (rule.id.equals(wanted)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown survivorship rule '" + name.trim() + "'; the rules are " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", "));
    }

    private static List<ValueCandidate> keepMax(final List<ValueCandidate> candidates, final Comparator<ValueCandidate> order) {
        ValueCandidate best = null;
        for (final ValueCandidate candidate : candidates) {
            if (best == null || order.compare(candidate, best) > 0) {
                best = candidate;
            }
        }
        final List<ValueCandidate> kept = new ArrayList<>();
        for (final ValueCandidate candidate : candidates) {
            if (order.compare(candidate, best) == 0) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Keeps the latest ({@code direction} 1) or earliest (-1) timestamp; records without one lose to any that has one. */
    private static List<ValueCandidate> keepMaxTimestamp(final List<ValueCandidate> candidates, final int direction) {
        final List<ValueCandidate> dated = candidates.stream().filter(c -> c.timestamp() != null).toList();
        if (dated.isEmpty()) {
            return candidates;
        }
        return keepMax(dated, (a, b) -> direction * ValueOrder.compare(a.timestamp(), b.timestamp()));
    }

    static boolean unanimous(final List<ValueCandidate> candidates) {
        for (final ValueCandidate candidate : candidates) {
            if (!Objects.equals(candidate.value(), candidates.get(0).value())) {
                return false;
            }
        }
        return true;
    }
}
