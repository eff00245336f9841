package io.github.nifiintegration.store.embedded;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;

/**
 * Blocking key hash to the sorted sequences of the records filed under it, in primitive
 * open-addressing maps (Carrot Search HPPC). Most keys (an e-mail, a phone number) have one record:
 * those sit in a long-to-long map with no object at all; keys with several records get a
 * {@link SequenceList}. At a million records this index holds millions of keys and is read for
 * every blocking key of every record; objects per entry are what the garbage collector pays for.
 */
final class BlockIndex {

    private static final long[] EMPTY = new long[0];

    private final LongLongHashMap singles = new LongLongHashMap();
    private final LongObjectHashMap<SequenceList> multiples = new LongObjectHashMap<>();

    /** The sequences under the key, oldest first, at most {@code limit}. */
    long[] first(final long key, final int limit) {
        final int slot = singles.indexOf(key);
        if (singles.indexExists(slot)) {
            return new long[]{singles.indexGet(slot)};
        }
        final SequenceList list = multiples.get(key);
        if (list == null) {
            return EMPTY;
        }
        final long[] sequences = new long[Math.min(limit, list.size())];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = list.get(i);
        }
        return sequences;
    }

    int size(final long key) {
        if (singles.containsKey(key)) {
            return 1;
        }
        final SequenceList list = multiples.get(key);
        return list == null ? 0 : list.size();
    }

    boolean add(final long key, final long sequence) {
        final int slot = singles.indexOf(key);
        if (singles.indexExists(slot)) {
            final long single = singles.indexGet(slot);
            if (single == sequence) {
                return false;
            }
            singles.indexRemove(slot);
            final SequenceList list = new SequenceList();
            list.add(single);
            list.add(sequence);
            multiples.put(key, list);
            return true;
        }
        final SequenceList list = multiples.get(key);
        if (list != null) {
            return list.add(sequence);
        }
        singles.put(key, sequence);
        return true;
    }

    boolean remove(final long key, final long sequence) {
        final int slot = singles.indexOf(key);
        if (singles.indexExists(slot)) {
            if (singles.indexGet(slot) != sequence) {
                return false;
            }
            singles.indexRemove(slot);
            return true;
        }
        final SequenceList list = multiples.get(key);
        if (list == null || !list.remove(sequence)) {
            return false;
        }
        if (list.size() == 1) {
            multiples.remove(key);
            singles.put(key, list.get(0));
        }
        return true;
    }
}
