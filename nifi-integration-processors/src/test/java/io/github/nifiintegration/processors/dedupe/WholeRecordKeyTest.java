package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.dedupe.KeyHash;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class WholeRecordKeyTest {

    private static Record record(final RecordSchema schema, final Object... namesAndValues) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new MapRecord(schema, values);
    }

    private static RecordField field(final String name, final RecordFieldType type) {
        return new RecordField(name, type.getDataType());
    }

    /**
     * The key's spelling is what seen keys persisted in a State Directory were hashed from: it must
     * not change (or old state directories would no longer recognise their records).
     */
    @Test
    void theKeyIsSpelledAsPersistedKeysWereAndHashedAsItsText() {
        final RecordSchema address = new SimpleRecordSchema(List.of(field("city", RecordFieldType.STRING), field("zip", RecordFieldType.STRING)));
        final RecordSchema schema = new SimpleRecordSchema(List.of(field("id", RecordFieldType.INT), field("name", RecordFieldType.STRING),
                field("missing", RecordFieldType.STRING), new RecordField("address", RecordFieldType.RECORD.getRecordDataType(address)),
                new RecordField("tags", RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType())),
                field("born", RecordFieldType.DATE), field("amount", RecordFieldType.LONG), field("score", RecordFieldType.DOUBLE)));
        final Record record = record(schema, "id", 7, "name", "José \uD83D\uDE00", "missing", null,
                "address", record(address, "city", "Zürich", "zip", null), "tags", new Object[]{"a", null, "b"},
                "born", Date.valueOf(LocalDate.of(1990, 5, 17)), "amount", -12L, "score", 0.5);

        final String expected = "id\u001F7\u001E" + "name\u001FJosé \uD83D\uDE00\u001E" + "address\u001F\u0002city\u001FZürich\u001E\u0003\u001E"
                + "tags\u001F\u0002a\u001E\u001Eb\u001E\u0003\u001E" + "born\u001F1990-05-17\u001E" + "amount\u001F-12\u001E" + "score\u001F0.5\u001E";
        final WholeRecordKey key = new WholeRecordKey();
        assertEquals(expected, key.text(record));
        assertEquals(KeyHash.of(expected), key.hash(record));
    }

    @Test
    void eachSchemaSpellsItsOwnFieldNames() {
        final RecordSchema ab = new SimpleRecordSchema(List.of(field("a", RecordFieldType.STRING), field("b", RecordFieldType.STRING)));
        final RecordSchema xy = new SimpleRecordSchema(List.of(field("x", RecordFieldType.STRING), field("y", RecordFieldType.STRING)));
        final WholeRecordKey key = new WholeRecordKey();
        final KeyHash first = key.hash(record(ab, "a", "1", "b", "2"));
        final KeyHash other = key.hash(record(xy, "x", "1", "y", "2"));
        assertNotEquals(first, other);
        assertEquals(KeyHash.of("x\u001F1\u001Ey\u001F2\u001E"), other);
        assertEquals(first, key.hash(record(ab, "a", "1", "b", "2")));
        assertEquals(first, new WholeRecordKey().hash(record(new SimpleRecordSchema(ab.getFields()), "a", "1", "b", "2")));
    }
}
