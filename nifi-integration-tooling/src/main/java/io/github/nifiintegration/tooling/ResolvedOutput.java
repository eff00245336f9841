package io.github.nifiintegration.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a ResolveEntities runner (with a JSON writer) wrote since the last drain. */
public final class ResolvedOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResolvedOutput() {
    }

    /**
     * The records of the 'resolved' and 'review' FlowFiles, then clears the runner's transfers.
     *
     * @throws IllegalStateException when anything went to 'failure', with the processor's reason
     */
    public static List<JsonNode> drain(final TestRunner runner) throws IOException {
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship("failure");
        if (!failed.isEmpty()) {
            throw new IllegalStateException("ResolveEntities routed " + failed.size() + " FlowFile(s) to failure: "
                    + failed.get(0).getAttribute("resolution.failure.reason"));
        }
        final List<JsonNode> records = new ArrayList<>();
        for (final String relationship : List.of("resolved", "review")) {
            for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                JSON.readTree(flowFile.getContent()).forEach(records::add);
            }
        }
        runner.clearTransferState();
        return records;
    }
}
