package io.github.nifiintegration.dedupe;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hashes a key as it is built, piece by piece, without making its text: the pieces are encoded as
 * UTF-8 (the JDK's encoder) into one reused buffer, which commons-codec's MurmurHash3 x64 128 hashes
 * at the end. The result equals {@link KeyHash#of KeyHash.of(text)} of the text the pieces make (so
 * keys persisted before stay valid), but a record costs no String, no StringBuilder and no byte array
 * of its own.
 * <p>
 * One hasher serves one thread: a judge keeps one per FlowFile and {@link #reset}s it per record.
 */
public final class KeyHasher {

    /** Lone surrogates become '?', as {@link String#getBytes} writes them. */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] buffer = new byte[256];
    private ByteBuffer out = ByteBuffer.wrap(buffer);

    /** Starts a new key. */
    public KeyHasher reset() {
        out.clear();
        return this;
    }

    /** Appends the text as UTF-8, exactly as {@code text.getBytes(UTF_8)} encodes it. */
    public KeyHasher append(final CharSequence text) {
        // at most 3 bytes per char (a surrogate pair: 4 bytes for 2 chars)
        ensureRoom(3 * text.length());
        utf8.reset();
        utf8.encode(CharBuffer.wrap(text), out, true);
        utf8.flush(out);
        return this;
    }

    /** Appends one character below U+0080 (a separator). */
    public KeyHasher appendAscii(final char c) {
        ensureRoom(1);
        out.put((byte) c);
        return this;
    }

    /** Appends the decimal form of the number, as {@link Long#toString(long)} writes it. */
    public KeyHasher append(final long value) {
        return append(Long.toString(value));
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
