package io.github.nifiintegration.processors.golden;

import io.github.nifiintegration.stewardship.AppliedDecision;
import io.github.nifiintegration.stewardship.InvalidDecisionException;
import io.github.nifiintegration.stewardship.StewardDecision;
import io.github.nifiintegration.store.SourceKey;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Decision records as ApplyStewardDecisions reads them, and the 'applied' records it writes. */
final class DecisionRecords {

    static final String DECISION = "decision";
    static final String ENTITY_ID = "entity_id";
    static final String OTHER_ENTITY_ID = "other_entity_id";
    static final String SOURCE_SYSTEM = "source_system";
    static final String SOURCE_ID = "source_id";
    static final String OTHER_SOURCE_SYSTEM = "other_source_system";
    static final String OTHER_SOURCE_ID = "other_source_id";
    static final String FIELD = "field";
    static final String VALUE = "value";

    private DecisionRecords() {
    }

    /**
     * @throws InvalidDecisionException naming the missing field or the unknown decision
     */
    static StewardDecision parse(final Record record) {
        final String decision = required(record, DECISION).toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (decision) {
            case "merge" -> new StewardDecision.Merge(required(record, ENTITY_ID), required(record, OTHER_ENTITY_ID));
            case "split" -> new StewardDecision.Split(key(record, SOURCE_SYSTEM, SOURCE_ID));
            case "cannot_link" -> new StewardDecision.CannotLink(key(record, SOURCE_SYSTEM, SOURCE_ID), key(record, OTHER_SOURCE_SYSTEM, OTHER_SOURCE_ID));
            case "pin" -> new StewardDecision.Pin(required(record, ENTITY_ID), required(record, FIELD), required(record, VALUE));
            case "unpin" -> new StewardDecision.Unpin(required(record, ENTITY_ID), required(record, FIELD));
            default -> throw new InvalidDecisionException("unknown decision '" + decision + "'; the decisions are merge, split, cannot_link, pin and unpin");
        };
    }

    /** The decision record with the entity to recompute in 'entity_id', and 'merged_entity_ids' / 'split_from_entity_id' when they apply. */
    static Record applied(final Record input, final RecordSchema schema, final AppliedDecision applied) {
        final Map<String, Object> values = new HashMap<>(input.toMap());
        values.put(ENTITY_ID, applied.entityId());
        values.put(MaintainGoldenRecords.MERGED_IDS_FIELD, applied.mergedEntityIds().isEmpty() ? null : applied.mergedEntityIds().toArray());
        values.put(MaintainGoldenRecords.SPLIT_FROM_FIELD, applied.splitFromEntityId());
        return new MapRecord(schema, values);
    }

    static RecordSchema appliedSchema(final RecordSchema input) {
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : input.getFields()) {
            final String name = field.getFieldName();
            if (!name.equals(ENTITY_ID) && !name.equals(MaintainGoldenRecords.MERGED_IDS_FIELD) && !name.equals(MaintainGoldenRecords.SPLIT_FROM_FIELD)) {
                fields.add(field);
            }
        }
        fields.add(new RecordField(ENTITY_ID, RecordFieldType.STRING.getDataType(), false));
        fields.add(new RecordField(MaintainGoldenRecords.MERGED_IDS_FIELD, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType()), true));
        fields.add(new RecordField(MaintainGoldenRecords.SPLIT_FROM_FIELD, RecordFieldType.STRING.getDataType(), true));
        return new SimpleRecordSchema(fields);
    }

    private static SourceKey key(final Record record, final String systemField, final String idField) {
        return new SourceKey(required(record, systemField), required(record, idField));
    }

    private static String required(final Record record, final String field) {
        final String value = record.getAsString(field);
        if (value == null || value.isBlank()) {
            throw new InvalidDecisionException("the decision has no '" + field + "'");
        }
        return value.trim();
    }
}
