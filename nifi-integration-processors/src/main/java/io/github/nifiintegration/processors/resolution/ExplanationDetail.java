package io.github.nifiintegration.processors.resolution;

import org.apache.nifi.components.DescribedValue;

/** How much of a match decision's explanation travels with each resolved record. */
enum ExplanationDetail implements DescribedValue {
    NONE("None", "No explanation field: only the entity id, status, probability and weight."),
    SUMMARY("Summary", "One text field: each comparison's level and weight, e.g. 'email exact +16.5; given_name jaro_winkler >= 0.9 +3.3'."),
    FULL("Full", "An array of records, one per comparison: the comparison, level, weight and both values compared.");

    private final String displayName;
    private final String description;

    ExplanationDetail(final String displayName, final String description) {
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
