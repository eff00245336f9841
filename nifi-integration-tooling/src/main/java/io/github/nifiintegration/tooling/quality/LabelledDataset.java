package io.github.nifiintegration.tooling.quality;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A benchmark data set mapped onto canonical records, with its truth kept apart from the values: the
 * truth only checks the result, it is never matched on.
 *
 * @param sourceIds one id per record (source system is the data set's name)
 * @param truth     the true entity of each record
 * @param model     the template match model for it
 */
public record LabelledDataset(String name, List<Map<String, Object>> records, List<String> sourceIds, List<String> truth, Path model) {

    /** Collects a data set's records in order. */
    static final class Builder {
        private final String name;
        private final Path model;
        private final List<Map<String, Object>> records = new java.util.ArrayList<>();
        private final List<String> sourceIds = new java.util.ArrayList<>();
        private final List<String> truth = new java.util.ArrayList<>();

        Builder(final String name, final Path model) {
            this.name = name;
            this.model = model;
        }

        void add(final String sourceId, final String entity, final Map<String, Object> values) {
            sourceIds.add(sourceId);
            truth.add(entity);
            records.add(values);
        }

        LabelledDataset build() {
            return new LabelledDataset(name, List.copyOf(records), List.copyOf(sourceIds), List.copyOf(truth), model);
        }
    }
}
