package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.processors.common.DescribedChoice;

/** Which records a record is compared with. */
enum DedupeScope implements DescribedChoice {
    FLOWFILE("Within a FlowFile", "Each FlowFile is deduplicated on its own; nothing is remembered between FlowFiles and nothing is written to disk."),
    ACROSS_FLOWFILES("Across FlowFiles", "Every record is compared with all records seen before, in earlier FlowFiles and before restarts, within "
            + "the Age Off Duration. What was seen is kept in the State Directory.");

    private final Text text;

    DedupeScope(final String displayName, final String description) {
        this.text = new Text(displayName, description);
    }

    @Override
    public Text text() {
        return text;
    }
}
