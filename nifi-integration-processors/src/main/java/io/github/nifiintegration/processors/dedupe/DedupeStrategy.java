package io.github.nifiintegration.processors.dedupe;

import org.apache.nifi.components.DescribedValue;

/** How DeduplicateRecords decides that two records are copies of each other. */
enum DedupeStrategy implements DescribedValue {
    EXACT("Exact", "Records are duplicates when their keys are equal: the key fields (dynamic properties, each a RecordPath with normalizers) "
            + "or, without key fields, the whole record. Keys are kept as 128-bit hashes: fast, and in bounded memory."),
    FUZZY("Fuzzy", "Records are duplicates when the Match Model says they match: the same comparisons, blocking rules and thresholds as "
            + "ResolveEntities, so copies with typing errors and other formatting are caught.");

    private final String displayName;
    private final String description;

    DedupeStrategy(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
