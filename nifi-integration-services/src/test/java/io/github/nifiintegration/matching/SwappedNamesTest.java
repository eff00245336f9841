package io.github.nifiintegration.matching;

import io.github.nifiintegration.matching.comparators.ComparisonContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SwappedNamesTest {

    private static final MatchModel MODEL = MatchModelJson.parse("""
            {"prior": 0.01,
             "blocking": [{"name": "names", "symmetric": true, "keys": [{"field": "given_name", "transform": "double_metaphone"},
                                                                       {"field": "family_name", "transform": "double_metaphone"}]},
                          {"name": "ordered", "keys": [{"field": "given_name"}, {"field": "family_name"}]}],
             "comparisons": [{"field": "given_name", "levels": [
                 {"type": "exact", "m": 0.8, "u": 0.01},
                 {"type": "swapped", "with": "family_name", "threshold": 0.9, "m": 0.1, "u": 0.0001},
                 {"type": "else", "m": 0.1, "u": 0.9899}]}]}
            """);

    @Test
    void namesInSwappedFieldsFallIntoTheSwappedLevel() {
        final PairScorer scorer = new PairScorer(MODEL);
        final Map<String, Object> ivyWood = Map.of("given_name", "Ivy", "family_name", "Wood");
        final Map<String, Object> woodIvy = Map.of("given_name", "wood", "family_name", "ivy");
        assertEquals(1, scorer.levels(ivyWood, woodIvy, ComparisonContext.NONE)[0]);
        assertEquals("swapped with family_name", scorer.explain(ivyWood, woodIvy, ComparisonContext.NONE).contributions().get(0).level());
        assertEquals(2, scorer.levels(ivyWood, Map.of("given_name", "Oak", "family_name", "Ivy"), ComparisonContext.NONE)[0], "one swapped field is not a swap");
        assertEquals(Math.log(0.1 / 0.0001) / Math.log(2) + MODEL.priorWeight(), scorer.score(ivyWood, woodIvy, ComparisonContext.NONE).weight(), 1e-9);
    }

    @Test
    void symmetricBlockingKeysIgnoreWhichFieldHoldsWhichName() {
        final BlockingRule symmetric = MODEL.blockingRules().get(0);
        final BlockingRule ordered = MODEL.blockingRules().get(1);
        final Map<String, Object> ivyWood = Map.of("given_name", "Ivy", "family_name", "Wood");
        final Map<String, Object> woodIvy = Map.of("given_name", "Wood", "family_name", "Ivy");
        assertEquals(symmetric.keys(ivyWood), symmetric.keys(woodIvy));
        assertNotEquals(ordered.keys(ivyWood), ordered.keys(woodIvy));
    }

    @Test
    void swappedLevelsAndSymmetricRulesSurviveAJsonRoundTrip() {
        final String written = MatchModelJson.write(MODEL);
        final MatchModel again = MatchModelJson.parse(written);
        assertEquals(written, MatchModelJson.write(again));
        assertEquals("family_name", again.comparisons().get(0).levels().get(1).otherField());
        assertEquals(true, again.blockingRules().get(0).symmetric());
    }
}
