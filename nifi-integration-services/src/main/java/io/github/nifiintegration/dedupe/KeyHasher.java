package io.github.nifiintegration.dedupe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hashes a key as it is built, piece by piece, without making its text: the pieces are encoded as
 * UTF-8 into one reused buffer, which is hashed at the end. The result equals
 * {@link KeyHash#of KeyHash.of(text)} of the text the pieces make (so keys persisted before stay
 * valid), but a record costs no String, no StringBuilder and no byte array of its own.
 * <p>
 * One hasher serves one thread: a judge keeps one per FlowFile and {@link #reset}s it per record.
 */
public final class KeyHasher {

    /** What {@link String#getBytes} writes for a lone surrogate, which UTF-8 cannot encode. */
    private static final byte REPLACEMENT = '?';

    /** Past the key's end: {@link Murmur3Hash128} reads the last block whole. */
    private static final int SLACK = 16;

    private byte[] buffer = new byte[256];
    private int length;
    private final long[] halves = new long[2];
    private char[] chars = new char[64];

    /** Starts a new key. */
    public KeyHasher reset() {
        length = 0;
        return this;
    }

    /** Appends the text as UTF-8, exactly as {@code text.getBytes(UTF_8)} encodes it. */
    public KeyHasher append(final CharSequence text) {
        final int count = text.length();
        if (chars.length < count) {
            chars = new char[Math.max(count, 2 * chars.length)];
        }
        // one bulk copy, then a loop over a plain array: about twice as fast as charAt per character
        if (text instanceof String string) {
            string.getChars(0, count, chars, 0);
        } else {
            for (int i = 0; i < count; i++) {
                chars[i] = text.charAt(i);
            }
        }
        return appendChars(chars, count);
    }

    private KeyHasher appendChars(final char[] text, final int count) {
        // at most 3 bytes per char (a surrogate pair: 4 bytes for 2 chars)
        ensureRoom(3 * count);
        final byte[] out = buffer;
        int at = length;
        for (int i = 0; i < count; i++) {
            final char c = text[i];
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(text[i + 1])) {
                final int codePoint = Character.toCodePoint(c, text[++i]);
                out[at++] = (byte) (0xF0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                out[at++] = REPLACEMENT;
            }
        }
        length = at;
        return this;
    }

    /** Appends one character below U+0080 (a separator). */
    public KeyHasher appendAscii(final char c) {
        ensureRoom(1);
        buffer[length++] = (byte) c;
        return this;
    }

    /** Appends the decimal form of the number, as {@link Long#toString(long)} writes it. */
    public KeyHasher append(final long value) {
        ensureRoom(20);
        if (value == Long.MIN_VALUE) {
            return append(Long.toString(value));
        }
        long rest = value;
        if (rest < 0) {
            buffer[length++] = '-';
            rest = -rest;
        }
        final int end = length + digits(rest);
        for (int at = end - 1; at >= length; at--) {
            buffer[at] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        length = end;
        return this;
    }

    /** Appends bytes already in UTF-8 (a field name encoded once per schema). */
    public KeyHasher appendUtf8(final byte[] utf8) {
        ensureRoom(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** The key so far, hashed. */
    public KeyHash hash() {
        Murmur3Hash128.hash(buffer, length, KeyHash.SEED, halves);
        return new KeyHash(halves[0], halves[1]);
    }

    /** The key so far as text (for tests and messages; hashing never needs it). */
    public String text() {
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private static int digits(final long value) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    private void ensureRoom(final int bytes) {
        if (length + bytes + SLACK > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + bytes + SLACK));
        }
    }
}
