package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.processors.common.DescribedChoice;

/**
 * Which record of a duplicate group goes to 'unique'. In a stream a record that has left cannot be
 * called back: within a FlowFile the best record of each group is kept and the others are its
 * duplicates; across FlowFiles a later record that ranks higher than the kept one is sent to
 * 'unique' as its replacement, with the replaced record's id in 'replaces_id', so that a downstream
 * upsert (PutDatabaseRecord with UPSERT, for example) ends with the best record.
 */
enum KeepPolicy implements DescribedChoice {
    FIRST_SEEN("First Seen", "The first record of a group is kept; later copies are duplicates of it."),
    MOST_COMPLETE("Most Complete", "The record with the most fields holding a value is kept (the first of equally complete ones). "
            + "A later, more complete copy replaces the kept one: it goes to 'unique' with 'replaces_id'."),
    MOST_RECENT("Most Recent", "The record with the latest value in the Recency Field is kept (the first of equally recent ones; a record "
            + "without the field ranks last). A later, more recent copy replaces the kept one: it goes to 'unique' with 'replaces_id'.");

    private final Text text;

    KeepPolicy(final String displayName, final String description) {
        this.text = new Text(displayName, description);
    }

    @Override
    public Text text() {
        return text;
    }
}
