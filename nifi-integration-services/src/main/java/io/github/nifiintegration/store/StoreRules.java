package io.github.nifiintegration.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rules every store implementation applies the same way. */
public final class StoreRules {

    /** More merges in a row than any real data makes: beyond it, the redirects must form a cycle. */
    private static final int MAX_REDIRECTS = 10_000;

    private StoreRules() {
    }

    /**
     * Follows merges from an entity id to the id it goes by now.
     *
     * @param survivorOf the entity an id was merged into, or null when it is current
     * @throws StoreException when the redirects form a cycle
     */
    public static String followMerges(final String entityId, final UnaryOperator<String> survivorOf) {
        String current = entityId;
        for (int hops = 0; hops < MAX_REDIRECTS; hops++) {
            final String next = survivorOf.apply(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        throw new StoreException("entity redirects form a cycle at " + entityId);
    }

    /**
     * A new golden record version must be exactly one more than the stored newest (1 for the first):
     * a writer that computed from an older version fails instead of overwriting a newer one.
     *
     * @param storedVersion the newest stored version, or 0 when there is none
     */
    public static void requireNextVersion(final GoldenRecord golden, final long storedVersion) {
        if (golden.version() != storedVersion + 1) {
            throw new StoreException("golden record " + golden.entityId() + " version " + golden.version() + " does not follow the stored version " + storedVersion);
        }
    }

    /** An entity's pins with one field pinned (or re-pinned) to a value, in stored form. */
    public static Map<String, Object> pinned(final Map<String, Object> pins, final String field, final Object value) {
        final Map<String, Object> changed = new LinkedHashMap<>(pins);
        changed.put(field, RecordCodec.normalize(value));
        return changed;
    }

    /** An entity's pins without one field, or null when that field was not pinned (nothing to change). */
    public static Map<String, Object> unpinned(final Map<String, Object> pins, final String field) {
        if (!pins.containsKey(field)) {
            return null;
        }
        final Map<String, Object> changed = new LinkedHashMap<>(pins);
        changed.remove(field);
        return changed;
    }
}
