package io.github.nifiintegration.processors.dedupe;

import org.apache.nifi.components.DescribedValue;

/** Which records a record is compared with. */
enum DedupeScope implements DescribedValue {
    FLOWFILE("Within a FlowFile", "Each FlowFile is deduplicated on its own; nothing is remembered between FlowFiles and nothing is written to disk."),
    ACROSS_FLOWFILES("Across FlowFiles", "Every record is compared with all records seen before, in earlier FlowFiles and before restarts, within "
            + "the Age Off Duration. What was seen is kept in the State Directory.");

    private final String displayName;
    private final String description;

    DedupeScope(final String displayName, final String description) {
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
