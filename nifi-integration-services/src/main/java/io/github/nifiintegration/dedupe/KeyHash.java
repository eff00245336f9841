package io.github.nifiintegration.dedupe;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A deduplication key as 128 bits (MurmurHash3 x64 128 of the key's UTF-8 text). Two different keys
 * get the same hash with probability 2^-128 per pair: among ten billion keys the chance that any two
 * collide is below 10^-18, so for every practical purpose equal hashes mean equal keys. The values
 * (0, 0) and (0, 2) mark empty and removed slots in {@link SeenKeyTable}; a key that hashes to one is moved to (0, 1).
 */
public record KeyHash(long high, long low) {

    private static final int SEED = 0x5eed_d0d0;

    public KeyHash {
        if (high == 0 && (low == 0 || low == 2)) {
            // (0, 0) marks an empty slot and (0, 2) a removed one
            low = 1;
        }
    }

    public static KeyHash of(final CharSequence keyText) {
        final byte[] bytes = keyText.toString().getBytes(StandardCharsets.UTF_8);
        final long[] hash = MurmurHash3.hash128x64(bytes, 0, bytes.length, SEED);
        return new KeyHash(hash[0], hash[1]);
    }

    /** 32 hex digits: the id a kept record goes by when no record id is configured. */
    public String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
