package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.processors.common.DescribedChoice;

/** How DeduplicateRecords decides that two records are copies of each other. */
enum DedupeStrategy implements DescribedChoice {
    EXACT("Exact", "Records are duplicates when their keys are equal: the key fields (dynamic properties, each a RecordPath with normalizers) "
            + "or, without key fields, the whole record. Keys are kept as 128-bit hashes: fast, and in bounded memory."),
    FUZZY("Fuzzy", "Records are duplicates when the Match Model says they match: the same comparisons, blocking rules and thresholds as "
            + "ResolveEntities, so copies with typing errors and other formatting are caught.");

    private final Text text;

    DedupeStrategy(final String displayName, final String description) {
        this.text = new Text(displayName, description);
    }

    @Override
    public Text text() {
        return text;
    }
}
