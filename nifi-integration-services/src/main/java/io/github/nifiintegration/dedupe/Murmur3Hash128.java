package io.github.nifiintegration.dedupe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 x64 128, the same function as commons-codec's {@code MurmurHash3.hash128x64} (the tests
 * check that every length gives the same hash), reading the key eight bytes at a time where
 * commons-codec assembles each long from single bytes: hashing was a third of judging a record. The
 * buffer must have 16 readable bytes past the key's end, so the last block is read whole and masked.
 */
final class Murmur3Hash128 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3Hash128() {
    }

    /**
     * @param data   the key in its first {@code length} bytes, followed by at least 16 more bytes (any content)
     * @param seed   taken as an unsigned 32-bit number, as commons-codec does
     * @param result receives the high and low halves
     */
    static void hash(final byte[] data, final int length, final int seed, final long[] result) {
        long h1 = seed & 0xffffffffL;
        long h2 = h1;
        final int blocksEnd = length & ~15;
        for (int at = 0; at < blocksEnd; at += 16) {
            final long k1 = (long) LONGS.get(data, at);
            final long k2 = (long) LONGS.get(data, at + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        final int tail = length - blocksEnd;
        if (tail > 8) {
            h2 ^= mixK2((long) LONGS.get(data, blocksEnd + 8) & -1L >>> 8 * (16 - tail));
        }
        if (tail > 0) {
            h1 ^= mixK1((long) LONGS.get(data, blocksEnd) & -1L >>> 8 * Math.max(0, 8 - tail));
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        result[0] = h1;
        result[1] = h2;
    }

    private static long mixK1(final long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mixK2(final long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }

    private static long fmix64(final long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
