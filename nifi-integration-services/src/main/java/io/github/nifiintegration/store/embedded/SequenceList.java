package io.github.nifiintegration.store.embedded;

import java.util.Arrays;

/**
 * A sorted list of record sequences without boxing: the members of one blocking key or one entity.
 * Records mostly arrive in sequence order, so adding is an append; an update files an older
 * sequence in its sorted place.
 */
final class SequenceList {

    private long[] values = new long[2];
    private int size;

    int size() {
        return size;
    }

    long get(final int index) {
        return values[index];
    }

    /** Adds the sequence in sorted position; false when it is already there. */
    boolean add(final long sequence) {
        if (size > 0 && values[size - 1] < sequence) {
            grow();
            values[size++] = sequence;
            return true;
        }
        final int at = Arrays.binarySearch(values, 0, size, sequence);
        if (at >= 0) {
            return false;
        }
        final int insert = -at - 1;
        grow();
        System.arraycopy(values, insert, values, insert + 1, size - insert);
        values[insert] = sequence;
        size++;
        return true;
    }

    boolean remove(final long sequence) {
        final int at = Arrays.binarySearch(values, 0, size, sequence);
        if (at < 0) {
            return false;
        }
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        return true;
    }

    private void grow() {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
    }
}
