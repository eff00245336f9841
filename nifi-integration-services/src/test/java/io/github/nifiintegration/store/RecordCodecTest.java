package io.github.nifiintegration.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordCodecTest {

    private static StoredRecord record(final Map<String, Object> values) {
        return new StoredRecord(new SourceKey("crm", "C-1"), "E7", 42, values, RecordCodec.contentHash(values));
    }

    @Test
    void everyKindOfValueSurvivesTheRoundTrip() {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Zoë Ångström");
        values.put("empty", "");
        values.put("missing", null);
        values.put("amount", new BigDecimal("12.50"));
        values.put("emails", List.of("a@x.com", "b@y.org"));
        values.put("long", "x".repeat(200_000));
        final StoredRecord record = record(values);

        final RecordCodec.Entry entry = RecordCodec.decodeEntry(RecordCodec.encode(record, List.of("bk1", "bk2"), List.of("v|name|zoe")));

        assertEquals(record.key(), entry.record().key());
        assertEquals("E7", entry.record().entityId());
        assertEquals(42, entry.record().sequence());
        assertEquals(record.contentHash(), entry.record().contentHash());
        assertEquals(values, entry.record().values());
        assertEquals(new BigDecimal("12.50"), entry.record().values().get("amount"), "the scale is kept");
        assertEquals(List.of("bk1", "bk2"), entry.blockingKeys());
        assertEquals(List.of("v|name|zoe"), entry.counterKeys());
    }

    /** Stores written before keep working: the bytes are exactly what DataOutputStream wrote. */
    @Test
    void theBytesAreThoseOfTheFormatStoresAlreadyHold() throws IOException {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Ann");
        final StoredRecord record = record(values);

        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            for (final String text : List.of("crm", "C-1", "E7")) {
                writeText(out, text);
            }
            out.writeLong(42);
            writeText(out, record.contentHash());
            out.writeInt(1);
            writeText(out, "name");
            out.writeByte(1);
            writeText(out, "Ann");
            out.writeInt(1);
            writeText(out, "bk");
            out.writeInt(0);
        }

        final byte[] actual = RecordCodec.encode(record, List.of("bk"), List.of());
        assertArrayEquals(expected.toByteArray(), actual, () -> Arrays.toString(actual));
    }

    private static void writeText(final DataOutputStream out, final String text) throws IOException {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
