package io.github.nifiintegration.store.embedded;

import com.carrotsearch.hppc.LongLongHashMap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Source key to record sequence, a million entries without a million key objects: keys are held as
 * 64-bit MurmurHash3 values in a primitive map, and every hit is confirmed against the stored
 * record's own key. The rare key whose hash another key already holds goes to a small exact map,
 * so a collision can never mix up two records.
 */
final class SourceKeyIndex {

    private final LongLongHashMap byHash = new LongLongHashMap();
    private final Map<String, Long> collided = new HashMap<>();
    private final LongFunction<String> keyOfSequence;

    /** @param keyOfSequence the source key (as text) of a stored record, to confirm a hash hit */
    SourceKeyIndex(final LongFunction<String> keyOfSequence) {
        this.keyOfSequence = keyOfSequence;
    }

    /** The sequence of the record with this key, or -1. */
    long get(final String key) {
        final Long exact = collided.isEmpty() ? null : collided.get(key);
        if (exact != null) {
            return exact;
        }
        final long hash = EmbeddedMasterDataStore.hash(key);
        final int slot = byHash.indexOf(hash);
        if (!byHash.indexExists(slot)) {
            return -1;
        }
        final long sequence = byHash.indexGet(slot);
        return key.equals(keyOfSequence.apply(sequence)) ? sequence : -1;
    }

    /** Files the key; false when it is filed already. */
    boolean put(final String key, final long sequence) {
        if (get(key) >= 0) {
            return false;
        }
        final long hash = EmbeddedMasterDataStore.hash(key);
        if (byHash.containsKey(hash)) {
            collided.put(key, sequence);
        } else {
            byHash.put(hash, sequence);
        }
        return true;
    }

    void remove(final String key) {
        if (collided.remove(key) == null) {
            final long hash = EmbeddedMasterDataStore.hash(key);
            final int slot = byHash.indexOf(hash);
            if (byHash.indexExists(slot) && key.equals(keyOfSequence.apply(byHash.indexGet(slot)))) {
                byHash.indexRemove(slot);
            }
        }
    }
}
