package io.github.nifiintegration.tooling.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A labelled data set cut into FlowFiles: JSON arrays of its records, each with its source system and id. */
final class DatasetFlowFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetFlowFiles() {
    }

    /** The records {@code from} up to {@code from + size} (or the end) as one FlowFile's content. */
    static byte[] chunk(final LabelledDataset dataset, final int from, final int size) throws JsonProcessingException {
        final List<Map<String, Object>> chunk = new ArrayList<>();
        for (int i = from; i < Math.min(dataset.records().size(), from + size); i++) {
            final Map<String, Object> record = new LinkedHashMap<>(dataset.records().get(i));
            record.put("source_system", dataset.sourceSystems().get(i));
            record.put("source_id", dataset.sourceIds().get(i));
            chunk.add(record);
        }
        return JSON.writeValueAsBytes(chunk);
    }
}
