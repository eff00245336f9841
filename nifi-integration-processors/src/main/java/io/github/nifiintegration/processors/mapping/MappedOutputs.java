package io.github.nifiintegration.processors.mapping;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The child FlowFiles that one incoming FlowFile is split into: canonical records and invalid
 * records, each written by the configured Record Writer as the records stream through. A child is
 * created only when its first record arrives, except that a FlowFile without any record still
 * yields an empty 'success' FlowFile, so that nothing disappears without trace.
 */
final class MappedOutputs {

    /** One child FlowFile and the writer streaming into it. */
    private static final class Output {
        FlowFile flowFile;
        final RecordSetWriter writer;
        final OutputStream out;

        Output(final FlowFile flowFile, final RecordSetWriter writer, final OutputStream out) {
            this.flowFile = flowFile;
            this.writer = writer;
            this.out = out;
        }
    }

    private final ProcessSession session;
    private final FlowFile original;
    private final RecordSetWriterFactory writerFactory;
    private final ComponentLog logger;
    private final String sourceSystem;
    private Output canonical;
    private Output invalid;

    MappedOutputs(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory, final ComponentLog logger,
                  final String sourceSystem) {
        this.session = session;
        this.original = original;
        this.writerFactory = writerFactory;
        this.logger = logger;
        this.sourceSystem = sourceSystem;
    }

    void writeCanonical(final Record record, final RecordSchema canonicalSchema) throws IOException, SchemaNotFoundException {
        if (canonical == null) {
            canonical = open(canonicalSchema);
        }
        canonical.writer.write(record);
    }

    void writeInvalid(final Record record) throws IOException, SchemaNotFoundException {
        if (invalid == null) {
            invalid = open(record.getSchema());
        }
        invalid.writer.write(record);
    }

    int canonicalCount() {
        return canonical == null ? 0 : Integer.parseInt(canonical.flowFile.getAttribute("record.count"));
    }

    int invalidCount() {
        return invalid == null ? 0 : Integer.parseInt(invalid.flowFile.getAttribute("record.count"));
    }

    /** Finishes both record sets and transfers the children; an empty input gets an empty success FlowFile. */
    void finish(final Relationship success, final Relationship invalidRelationship, final RecordSchema canonicalSchema) throws IOException, SchemaNotFoundException {
        if (canonical == null && invalid == null) {
            canonical = open(canonicalSchema);
        }
        final int invalidRecords = invalid == null ? 0 : close(invalid);
        final int canonicalRecords = canonical == null ? 0 : close(canonical);
        if (canonical != null) {
            canonical.flowFile = session.putAttribute(canonical.flowFile, "mapping.invalid.count", String.valueOf(invalidRecords));
            session.transfer(canonical.flowFile, success);
        }
        if (invalid != null) {
            invalid.flowFile = session.putAttribute(invalid.flowFile, "mapping.invalid.count", String.valueOf(invalidRecords));
            session.transfer(invalid.flowFile, invalidRelationship);
        }
        logger.debug("Mapped {} records of {} from {}: {} canonical, {} invalid", canonicalRecords + invalidRecords, original, sourceSystem,
                canonicalRecords, invalidRecords);
    }

    /** Drops whatever was written: the original goes to failure as a whole. */
    void discard() {
        for (final Output output : new Output[]{canonical, invalid}) {
            if (output != null) {
                try {
                    output.writer.close();
                } catch (final IOException | RuntimeException ignored) {
                    // the FlowFile is removed below; a close failure changes nothing
                }
                session.remove(output.flowFile);
            }
        }
        canonical = null;
        invalid = null;
    }

    private Output open(final RecordSchema recordSchema) throws IOException, SchemaNotFoundException {
        final FlowFile child = session.create(original);
        final OutputStream out = session.write(child);
        try {
            final RecordSchema writeSchema = writerFactory.getSchema(original.getAttributes(), recordSchema);
            final RecordSetWriter writer = writerFactory.createWriter(logger, writeSchema, out, child);
            writer.beginRecordSet();
            return new Output(child, writer, out);
        } catch (final IOException | SchemaNotFoundException | RuntimeException e) {
            out.close();
            session.remove(child);
            throw e;
        }
    }

    private int close(final Output output) throws IOException {
        final WriteResult result = output.writer.finishRecordSet();
        output.writer.close();
        output.out.close();
        final Map<String, String> attributes = new HashMap<>(result.getAttributes());
        attributes.put("record.count", String.valueOf(result.getRecordCount()));
        attributes.put("mime.type", output.writer.getMimeType());
        attributes.put("source.system", sourceSystem);
        output.flowFile = session.putAllAttributes(output.flowFile, attributes);
        return result.getRecordCount();
    }
}
