package io.github.nifiintegration.processors.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.processors.RecordServices;
import io.github.nifiintegration.processors.resolution.ResolveEntities;
import io.github.nifiintegration.services.MasterDataStoreService;
import io.github.nifiintegration.services.StandardMatchModelService;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.embedded.EmbeddedMasterDataStore;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ResolveEntities, ApplyStewardDecisions and MaintainGoldenRecords wired as on a canvas, over one
 * real embedded store: 'resolved' and 'review' feed the golden records, as do 'applied' decisions.
 */
final class GoldenFlow implements AutoCloseable {

    static final Path PERSON_MODEL = Path.of("../templates/models/person.json");

    /** The same store instance for every processor of the flow, as one store service serves a whole canvas. */
    static final class SharedStore extends AbstractControllerService implements MasterDataStoreService {
        private final MasterDataStore store;

        SharedStore(final MasterDataStore store) {
            this.store = store;
        }

        @Override
        public MasterDataStore getStore() {
            return store;
        }
    }

    private final EmbeddedMasterDataStore store;
    final TestRunner resolve;
    final TestRunner golden;
    final TestRunner steward;
    final List<JsonNode> goldenRecords = new ArrayList<>();
    final List<JsonNode> events = new ArrayList<>();

    GoldenFlow(final Path storeDirectory, final Map<String, String> goldenProperties) throws Exception {
        store = EmbeddedMasterDataStore.open(storeDirectory, 1000);
        resolve = TestRunners.newTestRunner(ResolveEntities.class);
        addServices(resolve);
        final StandardMatchModelService model = new StandardMatchModelService();
        resolve.addControllerService("model", model);
        resolve.setProperty(model, StandardMatchModelService.MODEL_FILE, PERSON_MODEL.toString());
        resolve.enableControllerService(model);
        resolve.setProperty("Match Model", "model");

        golden = TestRunners.newTestRunner(MaintainGoldenRecords.class);
        addServices(golden);
        goldenProperties.forEach(golden::setProperty);

        steward = TestRunners.newTestRunner(ApplyStewardDecisions.class);
        addServices(steward);
    }

    private void addServices(final TestRunner runner) throws Exception {
        runner.setProperty("Record Reader", RecordServices.addJsonReader(runner, "reader"));
        runner.setProperty("Record Writer", RecordServices.addJsonWriter(runner, "writer"));
        final SharedStore shared = new SharedStore(store);
        runner.addControllerService("store", shared);
        runner.enableControllerService(shared);
        runner.setProperty("Master Data Store", "store");
    }

    MasterDataStore store() {
        return store;
    }

    /** Resolves a FlowFile of source records and maintains the golden records of the entities it touched. */
    List<JsonNode> ingest(final String records) throws Exception {
        resolve.clearTransferState();
        resolve.enqueue(records);
        resolve.run();
        resolve.assertTransferCount("failure", 0);
        final List<JsonNode> resolved = new ArrayList<>();
        for (final String relationship : List.of("resolved", "review")) {
            for (final MockFlowFile flowFile : resolve.getFlowFilesForRelationship(relationship)) {
                resolved.addAll(RecordServices.records(flowFile));
                maintain(flowFile.getContent());
            }
        }
        return resolved;
    }

    /** Applies decision records and maintains the golden records of what they changed; returns the invalid ones. */
    List<JsonNode> decide(final String decisions) throws Exception {
        steward.clearTransferState();
        steward.enqueue(decisions);
        steward.run();
        steward.assertTransferCount("failure", 0);
        for (final MockFlowFile applied : steward.getFlowFilesForRelationship("applied")) {
            maintain(applied.getContent());
        }
        return RecordServices.records(steward.getFlowFilesForRelationship("invalid"));
    }

    private void maintain(final String content) throws Exception {
        golden.clearTransferState();
        golden.enqueue(content);
        golden.run();
        golden.assertTransferCount("failure", 0);
        golden.assertTransferCount("original", 1);
        goldenRecords.addAll(records(golden, MaintainGoldenRecords.REL_GOLDEN));
        events.addAll(records(golden, MaintainGoldenRecords.REL_EVENTS));
    }

    private static List<JsonNode> records(final TestRunner runner, final Relationship relationship) throws Exception {
        return RecordServices.records(runner.getFlowFilesForRelationship(relationship));
    }

    @Override
    public void close() {
        store.close();
    }
}
