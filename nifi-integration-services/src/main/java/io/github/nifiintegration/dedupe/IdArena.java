package io.github.nifiintegration.dedupe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of kept records, packed one after the other as UTF-8 into 1 MB chunks: a kept record's id
 * costs its length plus two bytes, and no object. A reference is the id's offset. Ids of replaced or
 * expired keys stay until the store is compacted (on open).
 */
final class IdArena {

    private static final int CHUNK = 1 << 20;
    /** Longer ids are cut: an id is for finding the kept record, not for storing documents. */
    static final int MAX_ID_BYTES = 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private long end;

    /** Stores the id and returns its reference. */
    long add(final String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_ID_BYTES) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_ID_BYTES);
        }
        final int needed = bytes.length + 2;
        if (chunks.isEmpty() || (end % CHUNK) + needed > CHUNK) {
            // an id never spans two chunks
            end = (long) chunks.size() * CHUNK;
            chunks.add(new byte[CHUNK]);
        }
        final long ref = end;
        final byte[] chunk = chunks.get((int) (ref / CHUNK));
        final int at = (int) (ref % CHUNK);
        chunk[at] = (byte) (bytes.length >>> 8);
        chunk[at + 1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, chunk, at + 2, bytes.length);
        end += needed;
        return ref;
    }

    String get(final long ref) {
        final byte[] chunk = chunks.get((int) (ref / CHUNK));
        final int at = (int) (ref % CHUNK);
        final int length = (chunk[at] & 0xff) << 8 | chunk[at + 1] & 0xff;
        return new String(chunk, at + 2, length, StandardCharsets.UTF_8);
    }

    long bytes() {
        return (long) chunks.size() * CHUNK;
    }
}
