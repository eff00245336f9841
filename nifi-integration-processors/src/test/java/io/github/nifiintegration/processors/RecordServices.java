package io.github.nifiintegration.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.csv.CSVReader;
import org.apache.nifi.csv.CSVUtils;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.schema.access.SchemaAccessUtils;
import org.apache.nifi.schema.inference.SchemaInferenceUtil;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Adds NiFi's real record readers and writers to a test runner, and reads what the writers wrote. */
public final class RecordServices {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordServices() {
    }

    /** A CSVReader that takes the header line and infers the schema, as most flows configure it. */
    public static String addCsvReader(final TestRunner runner, final String id) throws InitializationException {
        final CSVReader reader = new CSVReader();
        runner.addControllerService(id, reader);
        runner.setProperty(reader, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, SchemaInferenceUtil.INFER_SCHEMA);
        runner.setProperty(reader, CSVUtils.FIRST_LINE_IS_HEADER, "true");
        runner.enableControllerService(reader);
        return id;
    }

    public static String addJsonReader(final TestRunner runner, final String id) throws InitializationException {
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService(id, reader);
        runner.setProperty(reader, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, SchemaInferenceUtil.INFER_SCHEMA);
        runner.enableControllerService(reader);
        return id;
    }

    /** A JsonRecordSetWriter that writes the schema the processor hands it. */
    public static String addJsonWriter(final TestRunner runner, final String id) throws InitializationException {
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService(id, writer);
        runner.setProperty(writer, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, SchemaAccessUtils.INHERIT_RECORD_SCHEMA);
        runner.enableControllerService(writer);
        return id;
    }

    /** The records of a FlowFile that a JsonRecordSetWriter wrote. */
    public static List<JsonNode> records(final MockFlowFile flowFile) throws IOException {
        final JsonNode root = JSON.readTree(flowFile.getContent());
        final List<JsonNode> records = new ArrayList<>();
        if (root == null) {
            return records;
        }
        if (root.isArray()) {
            root.forEach(records::add);
        } else {
            records.add(root);
        }
        return records;
    }

    /** All records of every FlowFile on a relationship, in order. */
    public static List<JsonNode> records(final List<MockFlowFile> flowFiles) throws IOException {
        final List<JsonNode> all = new ArrayList<>();
        for (final MockFlowFile flowFile : flowFiles) {
            all.addAll(records(flowFile));
        }
        return all;
    }
}
