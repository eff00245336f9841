package io.github.nifiintegration.resolution;

import io.github.nifiintegration.store.SourceKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity ids derived from the record that founded the entity, so the same data gives the same ids on
 * every run and every node, whatever else arrived in between: "E-" and 20 hex digits (80 bits) of
 * the SHA-256 of the founding record's source system and id.
 */
public final class EntityIds {

    private EntityIds() {
    }

    public static String forFounder(final SourceKey founder) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(founder.system().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(founder.id().getBytes(StandardCharsets.UTF_8));
            return "E-" + HexFormat.of().formatHex(digest.digest(), 0, 10);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
