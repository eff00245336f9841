package io.github.nifiintegration.estimation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruePairsTest {

    @Test
    void pairsBecomeEntitiesByTransitiveClosure() {
        final List<String> labels = TruePairs.labels(List.of("a", "b", "c", "d", "e"),
                List.of(new TruePairs.Pair("c", "b"), new TruePairs.Pair("b", "a"), new TruePairs.Pair("e", "e")));
        assertEquals(labels.get(0), labels.get(1));
        assertEquals(labels.get(0), labels.get(2), "a-b and b-c put a and c together");
        assertNotEquals(labels.get(0), labels.get(3));
        assertNotEquals(labels.get(3), labels.get(4), "records in no pair are entities of their own");
    }

    @Test
    void pairsNamingUnknownRecordsAreRefused() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TruePairs.labels(List.of("a", "b"), List.of(new TruePairs.Pair("a", "z"))));
        assertTrue(error.getMessage().contains("'z'"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TruePairs.labels(List.of("a", "a"), List.of()));
    }
}
