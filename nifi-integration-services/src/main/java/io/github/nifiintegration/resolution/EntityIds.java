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
        return id(founder.system(), founder.id());
    }

    /**
     * The entity a record forms when a steward splits it out of {@code fromEntity}: derived from both,
     * so it differs from the id the record would have founded (which may be {@code fromEntity} itself).
     */
    public static String forSplit(final SourceKey record, final String fromEntity) {
        return id(record.system(), record.id(), "split", fromEntity);
    }

    private static String id(final String... parts) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    digest.update((byte) 0);
                }
                digest.update(parts[i].getBytes(StandardCharsets.UTF_8));
            }
            return "E-" + HexFormat.of().formatHex(digest.digest(), 0, 10);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
