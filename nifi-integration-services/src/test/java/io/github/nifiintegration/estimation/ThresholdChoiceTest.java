package io.github.nifiintegration.estimation;

import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.matching.Score;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdChoiceTest {

    private static final MatchModel MODEL = MatchModelJson.parse("""
            {"prior": 0.5, "matchThreshold": 0.95, "reviewThreshold": 0.9,
             "blocking": [{"name": "b", "keys": [{"field": "block"}]}],
             "comparisons": [{"field": "name", "levels": [
                 {"type": "exact", "m": 0.9, "u": 0.01},
                 {"type": "jaro_winkler", "threshold": 0.8, "m": 0.09, "u": 0.01},
                 {"type": "else", "m": 0.01, "u": 0.98}]}]}
            """);

    @Test
    void choosesTheThresholdWithTheBestPairwiseF1() {
        // one pair per block: exact and true; close and true; close and false; different and false
        final List<Map<String, Object>> records = List.of(
                Map.of("block", "a", "name", "smith"), Map.of("block", "a", "name", "smith"),
                Map.of("block", "b", "name", "jones"), Map.of("block", "b", "name", "jonas"),
                Map.of("block", "c", "name", "brown"), Map.of("block", "c", "name", "brawn"),
                Map.of("block", "d", "name", "green"), Map.of("block", "d", "name", "white"));
        final List<String> labels = List.of("1", "1", "2", "2", "3", "4", "5", "6");
        final ThresholdChoice choice = ThresholdChoice.bestF1(MODEL, records, labels);
        // the template's 0.95 takes the exact pair only: F1 2/3; taking the close pairs too: 2 of 3 right, F1 0.8
        assertEquals(2.0 / 3, choice.templateF1(), 1e-12);
        assertEquals(0.8, choice.f1(), 1e-12);
        final double closeWeight = MODEL.comparisons().get(0).levels().get(1).weight();
        final double elseWeight = MODEL.comparisons().get(0).levels().get(2).weight();
        assertTrue(choice.matchWeight() < closeWeight && choice.matchWeight() > elseWeight, "weight " + choice.matchWeight());
        assertEquals(Score.probability(choice.matchWeight()), choice.model().matchThreshold(), 1e-12);
        assertTrue(choice.model().reviewThreshold() <= choice.model().matchThreshold());
        assertEquals(MODEL.comparisons(), choice.model().comparisons(), "only the thresholds change");
    }
}
