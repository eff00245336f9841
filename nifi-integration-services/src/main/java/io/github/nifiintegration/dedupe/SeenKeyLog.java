package io.github.nifiintegration.dedupe;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The seen keys on disk: an append-only log of committed keys in one file. Each committed batch is
 * appended as one write; a restart replays the log into memory. Compaction rewrites the live keys
 * into a new file that atomically replaces the old one, so the log stays close to the live set.
 * <pre>
 * file:  "NIDEDUP1" entry*
 * entry: flags(1) hashHigh(8) hashLow(8) seenSecond(4) [rank(8) if flags&amp;RANK] [idLength(2) id if flags&amp;ID]
 * </pre>
 * A torn last entry (a crash in the middle of a write) is cut off on open.
 */
final class SeenKeyLog implements AutoCloseable {

    static final String FILE_NAME = "seen-keys.log";
    private static final byte[] MAGIC = "NIDEDUP1".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG_PUT = 1;
    private static final int FLAG_RANK = 2;
    private static final int FLAG_ID = 4;

    /** Receives the entries of the log in order. */
    @FunctionalInterface
    interface EntryConsumer {
        void accept(long high, long low, int seenSecond, long rank, String id);
    }

    private final Path file;
    private FileChannel channel;
    private long entries;

    private SeenKeyLog(final Path file, final FileChannel channel, final long entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /** Opens (or creates) the log in the directory, handing every complete entry to the consumer. */
    static SeenKeyLog open(final Path directory, final EntryConsumer consumer) throws IOException {
        final Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.write(file, MAGIC);
        }
        long valid = MAGIC.length;
        long count = 0;
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            final byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a seen-keys log of this processor (wrong header); move it away or choose another state directory");
            }
            while (true) {
                try {
                    final int flags = in.readUnsignedByte();
                    final long high = in.readLong();
                    final long low = in.readLong();
                    final int second = in.readInt();
                    final long rank = (flags & FLAG_RANK) != 0 ? in.readLong() : 0;
                    String id = null;
                    int idBytes = 0;
                    if ((flags & FLAG_ID) != 0) {
                        final int length = in.readUnsignedShort();
                        final byte[] bytes = new byte[length];
                        in.readFully(bytes);
                        id = new String(bytes, StandardCharsets.UTF_8);
                        idBytes = 2 + length;
                    }
                    if ((flags & FLAG_PUT) == 0) {
                        throw new IOException(file + " holds an unknown entry at byte " + valid + "; the file is damaged");
                    }
                    consumer.accept(high, low, second, rank, id);
                    valid += 21 + ((flags & FLAG_RANK) != 0 ? 8 : 0) + idBytes;
                    count++;
                } catch (final EOFException end) {
                    break;
                }
            }
        }
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        if (channel.size() > valid) {
            channel.truncate(valid);
        }
        channel.position(valid);
        return new SeenKeyLog(file, channel, count);
    }

    /** The least one entry takes (no rank, no id). */
    static final int MIN_ENTRY_BYTES = 21;
    /** The most one entry takes. */
    static final int MAX_ENTRY_BYTES = 21 + 8 + 2 + IdArena.MAX_ID_BYTES;

    /**
     * Writes one entry into the buffer (a batch's, or a compacted file's), growing it when needed.
     *
     * @return the buffer written to (a new one when it grew)
     */
    static ByteBuffer encode(final ByteBuffer buffer, final long high, final long low, final int second, final boolean ranked, final long rank,
                             final String id) {
        ByteBuffer out = buffer;
        if (out.remaining() < MAX_ENTRY_BYTES) {
            out = ByteBuffer.allocate(Math.max(2 * out.capacity(), out.capacity() + MAX_ENTRY_BYTES)).put(out.flip());
        }
        final byte[] idBytes = id == null ? null : idBytes(id);
        out.put((byte) (FLAG_PUT | (ranked ? FLAG_RANK : 0) | (idBytes == null ? 0 : FLAG_ID)));
        out.putLong(high).putLong(low).putInt(second);
        if (ranked) {
            out.putLong(rank);
        }
        if (idBytes != null) {
            out.putShort((short) idBytes.length).put(idBytes);
        }
        return out;
    }

    /** Writes the entries of a compacted log, through {@link #encode}. */
    @FunctionalInterface
    interface EntrySource {
        /** @return how many entries were written */
        long writeTo(EntrySink sink) throws IOException;
    }

    /** Takes the entries of a compacted log. */
    @FunctionalInterface
    interface EntrySink {
        void put(long high, long low, int second, boolean ranked, long rank, String id) throws IOException;
    }

    private static byte[] idBytes(final String id) {
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return bytes.length > IdArena.MAX_ID_BYTES ? Arrays.copyOf(bytes, IdArena.MAX_ID_BYTES) : bytes;
    }

    /** Appends a committed batch's entries (the buffer's content up to its position). Written to the operating system at once; forced to disk by {@link #sync()}. */
    void append(final ByteBuffer encoded, final int count) throws IOException {
        final ByteBuffer buffer = encoded.duplicate().flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        entries += count;
    }

    long entries() {
        return entries;
    }

    void sync() throws IOException {
        channel.force(false);
    }

    /**
     * Replaces the log with the given entries: written to a new file, forced to disk, then moved over
     * the old one, so a crash leaves either the old or the new log, never half of one.
     */
    void rewrite(final EntrySource source) throws IOException {
        final Path next = file.resolveSibling(FILE_NAME + ".compacting");
        final long count;
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer[] buffer = {ByteBuffer.allocate(1 << 20).put(MAGIC)};
            count = source.writeTo((high, low, second, ranked, rank, id) -> {
                buffer[0] = encode(buffer[0], high, low, second, ranked, rank, id);
                if (buffer[0].remaining() < MAX_ENTRY_BYTES) {
                    writeFully(out, buffer[0]);
                }
            });
            writeFully(out, buffer[0]);
            out.force(true);
        }
        channel.close();
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(channel.size());
        entries = count;
    }

    /** Writes what the buffer holds and empties it. */
    private static void writeFully(final FileChannel out, final ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
