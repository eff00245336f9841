package io.github.nifiintegration.store.embedded;

import java.util.HashMap;
import java.util.Map;

/**
 * Key to sorted record sequences, lean on memory: most keys (an e-mail address, a phone number, an
 * entity of one record) have exactly one record, so a single member is kept as a bare {@code Long}
 * and only keys with several members get a {@link SequenceList}. At a million records this index
 * holds millions of entries, and objects per entry are what the garbage collector pays for.
 */
final class SequenceIndex<K> {

    private final Map<K, Object> entries = new HashMap<>();

    int size(final K key) {
        final Object value = entries.get(key);
        if (value == null) {
            return 0;
        }
        return value instanceof Long ? 1 : ((SequenceList) value).size();
    }

    /** The i-th (oldest first) sequence under the key. */
    long get(final K key, final int index) {
        final Object value = entries.get(key);
        if (value instanceof Long single) {
            if (index != 0) {
                throw new IndexOutOfBoundsException(index);
            }
            return single;
        }
        return ((SequenceList) value).get(index);
    }

    /** The sequences under the key, oldest first (a copy). */
    long[] all(final K key) {
        final int size = size(key);
        final long[] sequences = new long[size];
        for (int i = 0; i < size; i++) {
            sequences[i] = get(key, i);
        }
        return sequences;
    }

    /** Adds the sequence under the key; false when it was there already. */
    boolean add(final K key, final long sequence) {
        final Object value = entries.get(key);
        if (value == null) {
            entries.put(key, sequence);
            return true;
        }
        if (value instanceof Long single) {
            if (single == sequence) {
                return false;
            }
            final SequenceList list = new SequenceList();
            list.add(single);
            list.add(sequence);
            entries.put(key, list);
            return true;
        }
        return ((SequenceList) value).add(sequence);
    }

    /** Removes the sequence from the key; false when it was not there. */
    boolean remove(final K key, final long sequence) {
        final Object value = entries.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Long single) {
            if (single != sequence) {
                return false;
            }
            entries.remove(key);
            return true;
        }
        final SequenceList list = (SequenceList) value;
        if (!list.remove(sequence)) {
            return false;
        }
        if (list.size() == 1) {
            entries.put(key, list.get(0));
        }
        return true;
    }
}
