package io.github.nifiintegration.tooling.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzy deduplication of a labelled data set with the model entity resolution uses on it: DeduplicateRecords
 * (Fuzzy, across FlowFiles, FlowFiles of {@code flowFileSize} in file order), each record's group being
 * the kept record it duplicates or itself; pairwise precision, recall and F1 of those groups against
 * the truth, for the quality command's table next to entity resolution's.
 */
final class DedupeQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DedupeQuality() {
    }

    static QualityCommand.Row run(final LabelledDataset dataset, final QualityCommand.Weights weights, final Path model, final int flowFileSize) throws Exception {
        final Path state = Files.createTempDirectory("quality-dedupe-" + dataset.name() + "-");
        final TestRunner runner = RecordServiceSetup.fuzzyDeduplication(model, state);
        RecordServiceSetup.jsonReader(runner);
        RecordServiceSetup.jsonWriter(runner, false);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);

        final Map<String, String> groupOf = new HashMap<>();
        long nanos = 0;
        for (int from = 0; from < dataset.records().size(); from += flowFileSize) {
            runner.enqueue(DatasetFlowFiles.chunk(dataset, from, flowFileSize));
            final long start = System.nanoTime();
            runner.run(1, false, from == 0);
            nanos += System.nanoTime() - start;
            if (!runner.getFlowFilesForRelationship("failure").isEmpty()) {
                throw new IllegalStateException("DeduplicateRecords routed records of " + dataset.name() + " to failure");
            }
            for (final String relationship : List.of("unique", "duplicate")) {
                for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                    for (final JsonNode record : JSON.readTree(flowFile.getContent())) {
                        groupOf.put(record.get("source_id").asText(), DedupeGroups.groupOf(record, "source_id"));
                    }
                }
            }
            runner.clearTransferState();
        }
        runner.stop();
        final PairwiseQuality quality = new PairwiseQuality();
        final List<String> groups = new ArrayList<>(dataset.records().size());
        for (int i = 0; i < dataset.records().size(); i++) {
            groups.add(groupOf.get(dataset.sourceIds().get(i)));
            quality.add(groups.get(i), dataset.truth().get(i));
        }
        return new QualityCommand.Row(dataset.name(), weights, "dedupe", dataset.records().size(), quality, nanos / 1e9, groups);
    }
}
