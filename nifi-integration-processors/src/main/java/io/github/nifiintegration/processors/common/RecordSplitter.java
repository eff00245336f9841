package io.github.nifiintegration.processors.common;

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

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the records of one incoming FlowFile over relationships: one child FlowFile per
 * relationship, created when its first record arrives and written by the configured Record Writer
 * as records stream through (never all in memory). A FlowFile without any record still yields one
 * empty child on a chosen relationship, so that nothing disappears without trace.
 */
public final class RecordSplitter {

    /** One child FlowFile and the writer streaming into it. */
    private static final class Output {
        FlowFile flowFile;
        final RecordSetWriter writer;
        final OutputStream out;
        int records;

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
    private final Map<Relationship, Output> outputs = new LinkedHashMap<>();

    public RecordSplitter(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory, final ComponentLog logger) {
        this.session = session;
        this.original = original;
        this.writerFactory = writerFactory;
        this.logger = logger;
    }

    /** Writes a record to the relationship's child; the first record's schema is the child's schema. */
    public void write(final Relationship relationship, final Record record) throws IOException, SchemaNotFoundException {
        Output output = outputs.get(relationship);
        if (output == null) {
            output = open(record.getSchema());
            outputs.put(relationship, output);
        }
        output.writer.write(record);
        output.records++;
    }

    /** Records written to a relationship so far. */
    public int count(final Relationship relationship) {
        final Output output = outputs.get(relationship);
        return output == null ? 0 : output.records;
    }

    /**
     * Finishes every child, adds the attributes, and transfers it. When no record was written at all,
     * an empty child with {@code emptySchema} goes to {@code emptyRelationship}.
     *
     * @return the transferred children by relationship
     */
    public Map<Relationship, FlowFile> finish(final Map<String, String> attributes, final Relationship emptyRelationship, final RecordSchema emptySchema)
            throws IOException, SchemaNotFoundException {
        if (outputs.isEmpty()) {
            outputs.put(emptyRelationship, open(emptySchema));
        }
        final Map<Relationship, FlowFile> transferred = new LinkedHashMap<>();
        for (final Map.Entry<Relationship, Output> entry : outputs.entrySet()) {
            final Output output = entry.getValue();
            final WriteResult result = output.writer.finishRecordSet();
            output.writer.close();
            output.out.close();
            final Map<String, String> childAttributes = new HashMap<>(result.getAttributes());
            childAttributes.putAll(attributes);
            childAttributes.put("record.count", String.valueOf(result.getRecordCount()));
            childAttributes.put("mime.type", output.writer.getMimeType());
            output.flowFile = session.putAllAttributes(output.flowFile, childAttributes);
            session.transfer(output.flowFile, entry.getKey());
            transferred.put(entry.getKey(), output.flowFile);
        }
        outputs.clear();
        return transferred;
    }

    /** Drops whatever was written; the caller routes the original instead. */
    public void discard() {
        for (final Output output : outputs.values()) {
            try {
                output.writer.close();
            } catch (final IOException | RuntimeException ignored) {
                // the child is removed below; a failure to close it changes nothing
            }
            session.remove(output.flowFile);
        }
        outputs.clear();
    }

    /**
     * The child's content stream, closed once however often it is closed: the writer closes it, and so
     * do we in case a writer does not. (A session may do work on each close: NiFi's mock session copies
     * the whole content every time.)
     */
    private static final class CloseOnce extends FilterOutputStream {
        CloseOnce(final OutputStream out) {
            super(out);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            // FilterOutputStream would write byte by byte
            out.write(bytes, offset, length);
        }
        // close(): FilterOutputStream closes the stream it wraps the first time only
    }

    private Output open(final RecordSchema recordSchema) throws IOException, SchemaNotFoundException {
        final FlowFile child = session.create(original);
        final OutputStream out = new CloseOnce(session.write(child));
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
}
