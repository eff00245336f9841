package io.github.nifiintegration.tooling.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A benchmark data set mapped onto canonical records, with its truth kept apart from the values: the
 * truth only checks the result, it is never matched on.
 *
 * @param sourceSystems the source system of each record: the data set's name for deduplication data
 *                      sets, one name per table for linkage data sets
 * @param sourceIds     one id per record, unique within its source system
 * @param truth         the true entity of each record
 * @param model         the template match model for it
 */
public record LabelledDataset(String name, List<Map<String, Object>> records, List<String> sourceSystems, List<String> sourceIds, List<String> truth,
                              Path model) {

    /**
     * Whether the records come from several sources that are linked to each other (DBLP with ACM):
     * then the truth lists cross-source pairs only, and quality counts cross-source pairs.
     */
    public boolean linkage() {
        return new HashSet<>(sourceSystems).size() > 1;
    }

    /** Collects a data set's records in order. */
    static final class Builder {
        private final String name;
        private final Path model;
        private final List<Map<String, Object>> records = new ArrayList<>();
        private final List<String> sourceSystems = new ArrayList<>();
        private final List<String> sourceIds = new ArrayList<>();
        private final List<String> truth = new ArrayList<>();

        Builder(final String name, final Path model) {
            this.name = name;
            this.model = model;
        }

        void add(final String sourceId, final String entity, final Map<String, Object> values) {
            add(name, sourceId, entity, values);
        }

        void add(final String sourceSystem, final String sourceId, final String entity, final Map<String, Object> values) {
            sourceSystems.add(sourceSystem);
            sourceIds.add(sourceId);
            truth.add(entity);
            records.add(values);
        }

        LabelledDataset build() {
            return new LabelledDataset(name, List.copyOf(records), List.copyOf(sourceSystems), List.copyOf(sourceIds), List.copyOf(truth), model);
        }
    }
}
