package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.processors.common.RecordSplitter;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends each judged record of a FlowFile to its relationship: unique records unchanged (or with
 * 'replaces_id' when the keep policy can replace), duplicates and failures with the fields that say
 * why. Counts what went where.
 */
final class RoutedOutput {

    private final RecordSplitter outputs;
    private final RecordSchema inputSchema;
    private final RecordSchema duplicateSchema;
    private final RecordSchema replacingSchema;
    private final RecordSchema failureSchema;
    private final boolean fuzzy;
    private final boolean replacing;
    /** By {@link RecordVerdict.Kind#ordinal()}: counting costs no boxing per record. */
    private final int[] counts = new int[RecordVerdict.Kind.values().length];

    /**
     * @param fuzzy     whether duplicates carry the match fields
     * @param replacing whether unique records carry 'replaces_id' (keep policies that can replace a kept record)
     */
    RoutedOutput(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writer, final ComponentLog logger,
                 final RecordSchema inputSchema, final boolean fuzzy, final boolean replacing) {
        this.outputs = new RecordSplitter(session, original, writer, logger);
        this.inputSchema = inputSchema;
        this.duplicateSchema = DedupeFields.duplicateSchema(inputSchema, fuzzy);
        this.replacingSchema = DedupeFields.replacingSchema(inputSchema);
        this.failureSchema = DedupeFields.failureSchema(inputSchema);
        this.fuzzy = fuzzy;
        this.replacing = replacing;
    }

    void route(final Record record, final RecordVerdict verdict) throws IOException, SchemaNotFoundException {
        counts[verdict.kind().ordinal()]++;
        switch (verdict.kind()) {
            case UNIQUE -> outputs.write(DeduplicateRecords.REL_UNIQUE, replacing ? DedupeFields.with(record, replacingSchema, Map.of()) : record);
            case REPLACEMENT -> outputs.write(DeduplicateRecords.REL_UNIQUE, DedupeFields.with(record, replacingSchema, Map.of(DedupeFields.REPLACES, verdict.keptId())));
            case DUPLICATE -> outputs.write(DeduplicateRecords.REL_DUPLICATE, DedupeFields.with(record, duplicateSchema, duplicateFields(verdict)));
            case FAILED -> outputs.write(DeduplicateRecords.REL_FAILURE, DedupeFields.with(record, failureSchema, Map.of(DedupeFields.ERROR, verdict.error())));
        }
    }

    private Map<String, Object> duplicateFields(final RecordVerdict verdict) {
        if (!fuzzy) {
            return Collections.singletonMap(DedupeFields.DUPLICATE_OF, verdict.keptId());
        }
        final Map<String, Object> fields = new HashMap<>();
        fields.put(DedupeFields.DUPLICATE_OF, verdict.keptId());
        fields.put(DedupeFields.MATCH_ID, verdict.matchedId());
        fields.put(DedupeFields.SCORE, verdict.score());
        fields.put(DedupeFields.EXPLANATION, verdict.explanation());
        return fields;
    }

    /** Transfers the children, each with the FlowFile's counts; an empty FlowFile yields an empty 'unique'. */
    void finish() throws IOException, SchemaNotFoundException {
        outputs.finish(Map.of("dedupe.unique.count", String.valueOf(count(RecordVerdict.Kind.UNIQUE) + count(RecordVerdict.Kind.REPLACEMENT)),
                "dedupe.duplicate.count", String.valueOf(count(RecordVerdict.Kind.DUPLICATE)),
                "dedupe.failure.count", String.valueOf(count(RecordVerdict.Kind.FAILED))), DeduplicateRecords.REL_UNIQUE, inputSchema);
    }

    void discard() {
        outputs.discard();
    }

    /** Records routed so far, whatever their kind. */
    int recordsIn() {
        int records = 0;
        for (final int count : counts) {
            records += count;
        }
        return records;
    }

    int count(final RecordVerdict.Kind kind) {
        return counts[kind.ordinal()];
    }
}
