package io.github.nifiintegration.store;

import java.util.List;
import java.util.Objects;

/**
 * One field of a golden record: the value that survived, the rule that chose it, and the source
 * records it came from (one for most rules; every contributing record for a union; none for a value
 * a steward pinned).
 *
 * @param value   text, a decimal, or a list of texts (the forms the store keeps values in)
 * @param rule    the rule that decided, e.g. {@code source_priority} or {@code pinned}
 * @param sources the lineage: the source records the value came from
 */
public record GoldenValue(Object value, String rule, List<SourceRef> sources) {

    public GoldenValue {
        Objects.requireNonNull(value, "a golden value is never null: fields without a value are left out");
        sources = List.copyOf(sources);
    }
}
