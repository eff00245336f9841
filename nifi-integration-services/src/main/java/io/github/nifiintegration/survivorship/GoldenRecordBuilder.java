package io.github.nifiintegration.survivorship;

import io.github.nifiintegration.store.GoldenValue;
import io.github.nifiintegration.store.SourceRef;
import io.github.nifiintegration.store.StoredRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes the golden values of an entity from all its source records and a steward's pins. The
 * result depends only on the records' values, never on the order they arrived in: candidates are
 * put in one fixed order first (source priority, latest timestamp, source system and id).
 */
public final class GoldenRecordBuilder {

    /** The rule named in the lineage of a value a steward pinned. */
    public static final String PINNED = "pinned";
    /** The rule named when a chain left several values tied and the fixed order decided. */
    public static final String TIE_BREAK = "tie_break";

    private final SurvivorshipRules rules;
    private final RuleSettings settings;
    private final Comparator<ValueCandidate> fixedOrder;

    public GoldenRecordBuilder(final SurvivorshipRules rules) {
        this.rules = rules;
        this.settings = new RuleSettings(rules.sourcePriority());
        this.fixedOrder = Comparator.comparingInt((ValueCandidate c) -> settings.rank(c.source().system()))
                .thenComparing(ValueCandidate::timestamp, Comparator.nullsLast((a, b) -> ValueOrder.compare(b, a)))
                .thenComparing(c -> c.source().system())
                .thenComparing(c -> c.source().id());
    }

    public SurvivorshipRules rules() {
        return rules;
    }

    /** The golden values by field name (in name order); fields no record has a value for are left out. */
    public Map<String, GoldenValue> build(final Collection<StoredRecord> records, final Map<String, Object> pins) {
        final Map<String, List<ValueCandidate>> candidatesByField = new TreeMap<>();
        for (final StoredRecord record : records) {
            final int completeness = completeness(record.values());
            final String timestamp = timestampOf(record);
            record.values().forEach((field, value) -> {
                if (present(value)) {
                    candidatesByField.computeIfAbsent(field, f -> new ArrayList<>()).add(new ValueCandidate(value, record.key(), timestamp, completeness));
                }
            });
        }
        final Map<String, GoldenValue> golden = new TreeMap<>();
        candidatesByField.forEach((field, candidates) -> {
            candidates.sort(fixedOrder);
            golden.put(field, decide(rules.chainFor(field), candidates));
        });
        pins.forEach((field, value) -> golden.put(field, new GoldenValue(value, PINNED, List.of())));
        return new LinkedHashMap<>(golden);
    }

    private GoldenValue decide(final List<Rule> chain, final List<ValueCandidate> candidates) {
        if (chain.get(0) == Rule.UNION) {
            return union(candidates);
        }
        List<ValueCandidate> remaining = candidates;
        for (final Rule rule : chain) {
            remaining = rule.keepBest(remaining, settings);
            if (Rule.unanimous(remaining)) {
                // the first of the survivors in the fixed order is the lineage: a stable choice among equals
                return new GoldenValue(remaining.get(0).value(), rule.id(), List.of(remaining.get(0).lineage()));
            }
        }
        return new GoldenValue(remaining.get(0).value(), TIE_BREAK, List.of(remaining.get(0).lineage()));
    }

    /** Every distinct element (lists are flattened), in text order; the lineage names every record, as each contributed. */
    private static GoldenValue union(final List<ValueCandidate> candidates) {
        final Set<String> elements = new TreeSet<>();
        final Set<SourceRef> sources = new LinkedHashSet<>();
        for (final ValueCandidate candidate : candidates) {
            if (candidate.value() instanceof List<?> list) {
                list.forEach(element -> elements.add(String.valueOf(element)));
            } else {
                elements.add(String.valueOf(candidate.value()));
            }
            sources.add(candidate.lineage());
        }
        return new GoldenValue(new ArrayList<>(elements), Rule.UNION.id(), new ArrayList<>(sources));
    }

    private String timestampOf(final StoredRecord record) {
        if (rules.timestampField() == null) {
            return null;
        }
        final Object value = record.values().get(rules.timestampField());
        return present(value) ? String.valueOf(value) : null;
    }

    private static int completeness(final Map<String, Object> values) {
        int filled = 0;
        for (final Object value : values.values()) {
            if (present(value)) {
                filled++;
            }
        }
        return filled;
    }

    static boolean present(final Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        return !(value instanceof String text) || !text.isBlank();
    }
}
