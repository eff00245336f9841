package io.github.nifiintegration.estimation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Labels carried by the records themselves, in a field naming each record's true entity. */
public final class LabelField {

    private LabelField() {
    }

    /**
     * Removes the label field from every record (a label is the answer, never a value to compare) and
     * returns the labels in record order, ready for {@link ModelEstimator#estimateFromLabels}.
     *
     * @throws IllegalArgumentException naming the first record without a label
     */
    public static List<String> take(final List<Map<String, Object>> records, final String field) {
        final List<String> labels = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            final Object label = records.get(i).remove(field);
            if (label == null || label.toString().isBlank()) {
                throw new IllegalArgumentException("record " + (i + 1) + " has no '" + field + "' label; every record needs its entity's label "
                        + "(a record that matches nothing gets one of its own)");
            }
            labels.add(label.toString());
        }
        return labels;
    }
}
