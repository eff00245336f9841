package io.github.nifiintegration.store;

import org.apache.commons.codec.digest.MurmurHash3;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes a stored record is kept as: compact, fast to read back, and without the 64 KB limit of
 * {@code writeUTF} (values of any length survive). Values are text, decimals or lists of text.
 */
public final class RecordCodec {

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte DECIMAL = 2;
    private static final byte LIST = 3;

    private RecordCodec() {
    }

    /** A stored record with the index keys it was filed under, as the embedded store keeps it. */
    public record Entry(StoredRecord record, List<String> blockingKeys, List<String> counterKeys) {
    }

    public static byte[] encode(final StoredRecord record, final Collection<String> blockingKeys, final Collection<String> counterKeys) {
        final Output out = new Output();
        writeText(out, record.key().system());
        writeText(out, record.key().id());
        writeText(out, record.entityId());
        out.writeLong(record.sequence());
        writeText(out, record.contentHash());
        out.writeInt(record.values().size());
        for (final Map.Entry<String, Object> entry : record.values().entrySet()) {
            writeText(out, entry.getKey());
            writeValue(out, entry.getValue());
        }
        writeTexts(out, blockingKeys);
        writeTexts(out, counterKeys);
        return out.toByteArray();
    }

    /** The record alone, without the index keys stored after it (what candidate scoring needs). */
    public static StoredRecord decode(final byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            return readRecord(in);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Entry decodeEntry(final byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            final StoredRecord record = readRecord(in);
            final List<String> blockingKeys = in.available() > 0 ? readTexts(in) : List.of();
            final List<String> counterKeys = in.available() > 0 ? readTexts(in) : List.of();
            return new Entry(record, blockingKeys, counterKeys);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A stable 128-bit hash of the values (field order does not matter), to recognise an unchanged
     * replay. MurmurHash3 (commons-codec): this is change detection, not security.
     */
    public static String contentHash(final Map<String, Object> values) {
        final String[] fields = values.keySet().toArray(new String[0]);
        java.util.Arrays.sort(fields);
        final StringBuilder text = new StringBuilder(256);
        for (final String field : fields) {
            text.append(field).append('\u0000').append(normalize(values.get(field))).append('\u0000');
        }
        final long[] hash = MurmurHash3.hash128x64(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits(hash[0]) + HexFormat.of().toHexDigits(hash[1]);
    }

    /** Values in the forms the store keeps: text, BigDecimal, list of text; everything else as text. */
    public static Object normalize(final Object value) {
        if (value == null || value instanceof String || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            final List<String> texts = new ArrayList<>();
            final Collection<?> elements = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
            for (final Object element : elements) {
                if (element != null) {
                    texts.add(element.toString());
                }
            }
            return texts;
        }
        return value.toString();
    }

    private static void writeValue(final Output out, final Object raw) {
        final Object value = normalize(raw);
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof BigDecimal decimal) {
            out.writeByte(DECIMAL);
            writeText(out, decimal.toPlainString());
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (final Object element : list) {
                writeText(out, (String) element);
            }
        } else {
            out.writeByte(TEXT);
            writeText(out, (String) value);
        }
    }

    private static Object readValue(final DataInputStream in) throws IOException {
        final byte type = in.readByte();
        return switch (type) {
            case NULL -> null;
            case TEXT -> readText(in);
            case DECIMAL -> new BigDecimal(readText(in));
            case LIST -> {
                final int size = in.readInt();
                final List<String> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readText(in));
                }
                yield List.copyOf(list);
            }
            default -> throw new IOException("corrupt stored record: unknown value type " + type);
        };
    }

    private static StoredRecord readRecord(final DataInputStream in) throws IOException {
        final SourceKey key = new SourceKey(readText(in), readText(in));
        final String entityId = readText(in);
        final long sequence = in.readLong();
        final String hash = readText(in);
        final int size = in.readInt();
        final Map<String, Object> values = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            values.put(readText(in), readValue(in));
        }
        return new StoredRecord(key, entityId, sequence, values, hash);
    }

    private static void writeTexts(final Output out, final Collection<String> texts) {
        out.writeInt(texts.size());
        for (final String text : texts) {
            writeText(out, text);
        }
    }

    private static List<String> readTexts(final DataInputStream in) throws IOException {
        final int size = in.readInt();
        final List<String> texts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            texts.add(readText(in));
        }
        return List.copyOf(texts);
    }

    private static void writeText(final Output out, final String text) {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(final DataInputStream in) throws IOException {
        final int length = in.readInt();
        if (length < 0) {
            return null;
        }
        final byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * What DataOutputStream over a ByteArrayOutputStream writes (big-endian, so DataInputStream reads it
     * back), into one growing array without a lock per write: records are encoded on every commit.
     */
    private static final class Output {

        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private byte[] bytes = new byte[512];
        private int size;

        void writeByte(final int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void writeInt(final int value) {
            ensure(4);
            INT.set(bytes, size, value);
            size += 4;
        }

        void writeLong(final long value) {
            ensure(8);
            LONG.set(bytes, size, value);
            size += 8;
        }

        void write(final byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
        }

        private void ensure(final int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
