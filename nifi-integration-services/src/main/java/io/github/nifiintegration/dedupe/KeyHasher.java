package io.github.nifiintegration.dedupe;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hashes a key as it is built, piece by piece, without making its text: the pieces are encoded as
 * UTF-8 (the JDK's) into one reused buffer, which commons-codec's MurmurHash3 x64 128 hashes
 * at the end. The result equals {@link KeyHash#of KeyHash.of(text)} of the text the pieces make (so
 * keys persisted before stay valid), but a record costs no String, no StringBuilder and no byte array
 * of its own.
 * <p>
 * One hasher serves one thread: a judge keeps one per FlowFile and {@link #reset}s it per record.
 */
public final class KeyHasher {

    private byte[] buffer = new byte[256];
    private ByteBuffer out = ByteBuffer.wrap(buffer);

    /** Starts a new key. */
    public KeyHasher reset() {
        out.clear();
        return this;
    }

    /** Appends the text as UTF-8 ({@code getBytes(UTF_8)}: the JDK's intrinsic encoder, faster than a CharsetEncoder on short values). */
    public KeyHasher append(final CharSequence text) {
        return appendUtf8(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one character below U+0080 (a separator). */
    public KeyHasher appendAscii(final char c) {
        ensureRoom(1);
        out.put((byte) c);
        return this;
    }

    /**
     * Appends the decimal form of the number, as {@link Long#toString(long)} writes it, straight into
     * the buffer rather than through a String of its own: numbers are common key parts (postcodes,
     * phone numbers that a reader inferring types hands over as integers).
     */
    public KeyHasher append(final long value) {
        if (value == Long.MIN_VALUE) {
            // the one value without a positive counterpart
            return append(Long.toString(value));
        }
        ensureRoom(20);
        if (value < 0) {
            out.put((byte) '-');
        }
        long rest = Math.abs(value);
        int end = out.position() + decimalDigits(rest);
        out.position(end);
        do {
            buffer[--end] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        return this;
    }

    private static int decimalDigits(final long nonNegative) {
        int digits = 1;
        for (long bound = 10; digits < 19 && nonNegative >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    /** Appends bytes already in UTF-8 (a field name encoded once per schema). */
    public KeyHasher appendUtf8(final byte[] bytes) {
        ensureRoom(bytes.length);
        out.put(bytes);
        return this;
    }

    /** The key so far, hashed. */
    public KeyHash hash() {
        final long[] halves = MurmurHash3.hash128x64(buffer, 0, out.position(), KeyHash.SEED);
        return new KeyHash(halves[0], halves[1]);
    }

    /** The key so far as text (for tests and messages; hashing never needs it). */
    public String text() {
        return new String(buffer, 0, out.position(), StandardCharsets.UTF_8);
    }

    private void ensureRoom(final int bytes) {
        if (out.remaining() < bytes) {
            final int length = out.position();
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + bytes));
            out = ByteBuffer.wrap(buffer).position(length);
        }
    }
}
