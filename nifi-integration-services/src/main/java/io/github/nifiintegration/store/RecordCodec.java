package io.github.nifiintegration.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    public static byte[] encode(final StoredRecord record) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
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
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static StoredRecord decode(final byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            final SourceKey key = new SourceKey(readText(in), readText(in));
            final String entityId = readText(in);
            final long sequence = in.readLong();
            final String hash = readText(in);
            final int size = in.readInt();
            final Map<String, Object> values = new LinkedHashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                values.put(readText(in), readValue(in));
            }
            return new StoredRecord(key, entityId, sequence, values, hash);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stable hash of the values (field order does not matter), to recognise an unchanged replay. */
    public static String contentHash(final Map<String, Object> values) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final Map.Entry<String, Object> entry : new TreeMap<>(values).entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(String.valueOf(normalize(entry.getValue())).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static void writeValue(final DataOutputStream out, final Object raw) throws IOException {
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

    private static void writeText(final DataOutputStream out, final String text) throws IOException {
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
}
