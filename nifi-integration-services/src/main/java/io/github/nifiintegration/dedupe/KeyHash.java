package io.github.nifiintegration.dedupe;

import java.util.HexFormat;

/**
 * A deduplication key as 128 bits: MurmurHash3 x64 128 of the key's UTF-8 text, computed by
 * {@link KeyHasher} (persisted seen keys depend on this definition). Two different keys get the same hash with probability 2^-128 per pair: among ten billion keys the chance that any two
 * collide is below 10^-18, so for every practical purpose equal hashes mean equal keys. The values
 * (0, 0) and (0, 2) mark empty and removed slots in {@link SeenKeyTable}; a key that hashes to one is moved to (0, 1).
 */
public record KeyHash(long high, long low) {

    static final int SEED = 0x5eed_d0d0;

    public KeyHash {
        if (high == 0 && (low == 0 || low == 2)) {
            // (0, 0) marks an empty slot and (0, 2) a removed one
            low = 1;
        }
    }

    public static KeyHash of(final CharSequence keyText) {
        return new KeyHasher().append(keyText).hash();
    }

    /** 32 hex digits: the id a kept record goes by when no record id is configured. */
    public String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
