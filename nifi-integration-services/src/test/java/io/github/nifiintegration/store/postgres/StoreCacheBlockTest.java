package io.github.nifiintegration.store.postgres;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class StoreCacheBlockTest {

    private final StoreCache.Block block = new StoreCache.Block(new long[]{1, 3, 5, 7}, true);

    @Test
    void aTransactionSeesItsOwnRecordsInOrderWithoutTheOnesItTookOut() {
        assertArrayEquals(new long[]{1, 2, 5, 7, 8}, block.merged(new TreeSet<>(Set.of(8L, 2L, 5L)), Set.of(3L), Integer.MAX_VALUE));
    }

    @Test
    void theLimitCountsWhatIsLeftAfterRemovals() {
        assertArrayEquals(new long[]{1, 2, 5}, block.merged(new TreeSet<>(Set.of(2L, 8L)), Set.of(3L), 3));
        assertArrayEquals(new long[]{5, 7}, block.merged(Collections.emptySortedSet(), Set.of(1L, 3L), 2));
    }

    @Test
    void recordsAddedBeforeTheCommittedOnesComeFirst() {
        // an update re-files an old record under a new key: its sequence is lower than the block's
        assertArrayEquals(new long[]{0, 1, 3, 5, 7}, block.merged(new TreeSet<>(Set.of(0L)), Set.of(), 10));
        assertArrayEquals(new long[]{}, new StoreCache.Block(new long[0], true).merged(Collections.emptySortedSet(), Set.of(), 5));
    }
}
