package io.github.nifiintegration.store;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;

/** The 64-bit hashes stores file blocking keys under (both stores hash the same way). */
public final class KeyHashes {

    private KeyHashes() {
    }

    /** 64 bits of MurmurHash3 (commons-codec) of the text's UTF-8 bytes: a collision only adds a candidate that scoring rejects. */
    public static long hash64(final String text) {
        return MurmurHash3.hash128x64(text.getBytes(StandardCharsets.UTF_8))[0];
    }
}
