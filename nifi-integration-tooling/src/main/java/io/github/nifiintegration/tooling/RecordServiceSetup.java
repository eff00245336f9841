package io.github.nifiintegration.tooling;

import org.apache.nifi.csv.CSVReader;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.csv.CSVUtils;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.schema.access.SchemaAccessUtils;
import org.apache.nifi.schema.inference.SchemaInferenceUtil;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import io.github.nifiintegration.processors.dedupe.DeduplicateRecords;
import io.github.nifiintegration.processors.resolution.ResolveEntities;
import io.github.nifiintegration.services.EmbeddedMasterDataStoreService;
import io.github.nifiintegration.services.StandardMatchModelService;

import java.nio.file.Path;

/**
 * NiFi's real record readers and writers, added to a runner the way a flow would configure them:
 * readers infer the schema (CSV from its header line), writers write the schema they are handed.
 */
public final class RecordServiceSetup {

    public static final String READER = "reader";
    public static final String WRITER = "writer";
    public static final String STORE = "store";

    private RecordServiceSetup() {
    }

    public static void csvReader(final TestRunner runner) throws InitializationException {
        csvReader(runner, SchemaInferenceUtil.INFER_SCHEMA.getValue());
    }

    /** A CSVReader that takes every column of the header as a string field: no inference pass. */
    public static void csvReaderWithStringFields(final TestRunner runner) throws InitializationException {
        csvReader(runner, "csv-header-derived");
    }

    private static void csvReader(final TestRunner runner, final String schemaAccessStrategy) throws InitializationException {
        final CSVReader reader = new CSVReader();
        runner.addControllerService(READER, reader);
        runner.setProperty(reader, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, schemaAccessStrategy);
        runner.setProperty(reader, CSVUtils.FIRST_LINE_IS_HEADER, "true");
        runner.enableControllerService(reader);
    }

    public static void jsonReader(final TestRunner runner) throws InitializationException {
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService(READER, reader);
        runner.setProperty(reader, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, SchemaInferenceUtil.INFER_SCHEMA);
        runner.enableControllerService(reader);
    }

    /** Reader by file name: .json files get a JsonTreeReader, anything else a CSVReader. */
    public static void readerFor(final TestRunner runner, final String fileName) throws InitializationException {
        if (fileName.endsWith(".json")) {
            jsonReader(runner);
        } else {
            csvReader(runner);
        }
    }

    /**
     * ResolveEntities with a StandardMatchModelService reading {@code model} and an embedded store in
     * {@code storeDirectory}; the reader and writer are left to the caller.
     */
    public static TestRunner resolveEntities(final Path model, final Path storeDirectory) throws InitializationException {
        return resolveEntities(model, runner -> {
            final EmbeddedMasterDataStoreService store = new EmbeddedMasterDataStoreService();
            runner.addControllerService(STORE, store);
            runner.setProperty(store, EmbeddedMasterDataStoreService.DIRECTORY, storeDirectory.toString());
            runner.enableControllerService(store);
        });
    }

    /** Adds a master data store service to a runner, under the id {@link #STORE}, and enables it. */
    @FunctionalInterface
    public interface StoreInstaller {
        void install(TestRunner runner) throws InitializationException;
    }

    /** ResolveEntities with a StandardMatchModelService reading {@code model} and the store {@code store} installs. */
    public static TestRunner resolveEntities(final Path model, final StoreInstaller store) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ResolveEntities.class);
        matchModel(runner, model);
        store.install(runner);
        runner.setProperty("Match Model", "model");
        runner.setProperty("Master Data Store", STORE);
        return runner;
    }

    /**
     * DeduplicateRecords, Fuzzy across FlowFiles, with a StandardMatchModelService reading {@code model},
     * its state in {@code stateDirectory}, and records identified by /source_id; the reader and writer
     * are left to the caller.
     */
    public static TestRunner fuzzyDeduplication(final Path model, final Path stateDirectory) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(DeduplicateRecords.class);
        matchModel(runner, model);
        runner.setProperty("Deduplication Strategy", "FUZZY");
        runner.setProperty("Match Model", "model");
        runner.setProperty("Scope", "ACROSS_FLOWFILES");
        runner.setProperty("State Directory", stateDirectory.toString());
        runner.setProperty("Record ID Path", "/source_id");
        return runner;
    }

    /** A StandardMatchModelService "model" reading the model file. */
    private static void matchModel(final TestRunner runner, final Path model) throws InitializationException {
        final StandardMatchModelService modelService = new StandardMatchModelService();
        runner.addControllerService("model", modelService);
        runner.setProperty(modelService, StandardMatchModelService.MODEL_FILE, model.toString());
        runner.enableControllerService(modelService);
    }

    public static void jsonWriter(final TestRunner runner, final boolean pretty) throws InitializationException {
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService(WRITER, writer);
        runner.setProperty(writer, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, SchemaAccessUtils.INHERIT_RECORD_SCHEMA);
        runner.setProperty(writer, JsonRecordSetWriter.PRETTY_PRINT_JSON, String.valueOf(pretty));
        runner.enableControllerService(writer);
    }

    public static void csvWriter(final TestRunner runner) throws InitializationException {
        final CSVRecordSetWriter writer = new CSVRecordSetWriter();
        runner.addControllerService(WRITER, writer);
        runner.setProperty(writer, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, SchemaAccessUtils.INHERIT_RECORD_SCHEMA);
        runner.enableControllerService(writer);
    }
}
