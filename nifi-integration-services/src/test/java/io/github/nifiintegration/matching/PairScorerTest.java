package io.github.nifiintegration.matching;

import io.github.nifiintegration.matching.comparators.ComparisonContext;
import io.github.nifiintegration.matching.comparators.FixedFrequencies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairScorerTest {

    private static final MatchModel MODEL = MatchModelJson.parse("""
            {"prior": 0.01, "blocking": [{"name": "n", "keys": [{"field": "name"}]}],
             "comparisons": [
               {"field": "name", "tfMinimumU": 0.001, "levels": [
                 {"type": "exact", "m": 0.9, "u": 0.1, "tf": true},
                 {"type": "jaro_winkler", "threshold": 0.9, "m": 0.08, "u": 0.1},
                 {"type": "else", "m": 0.02, "u": 0.8}]},
               {"field": "dob", "levels": [
                 {"type": "exact", "m": 0.9, "u": 0.01},
                 {"type": "else", "m": 0.1, "u": 0.99}]}]}
            """);

    private static double log2(final double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void sumsThePriorAndTheLevelWeights() {
        final Score score = new PairScorer(MODEL).explain(Map.of("name", "Martha", "dob", "1980-01-01"), Map.of("name", "Marhta", "dob", "1980-01-01"), ComparisonContext.NONE);
        final double expected = log2(0.01 / 0.99) + log2(0.08 / 0.1) + log2(0.9 / 0.01);
        assertEquals(expected, score.weight(), 1e-9);
        assertEquals(1 / (1 + Math.pow(2, -expected)), score.probability(), 1e-12);
        assertEquals(List.of("jaro_winkler >= 0.9", "exact"), score.contributions().stream().map(Contribution::level).toList());
        assertEquals("Marhta", score.contributions().get(0).right());
        assertEquals(score.weight(), new PairScorer(MODEL).score(Map.of("name", "Martha", "dob", "1980-01-01"),
                Map.of("name", "Marhta", "dob", "1980-01-01"), ComparisonContext.NONE).weight(), 1e-12);
    }

    @Test
    void aMissingValueIsNoEvidence() {
        final Score score = new PairScorer(MODEL).explain(Map.of("name", "Smith"), Map.of("name", "Jones", "dob", "1980-01-01"), ComparisonContext.NONE);
        assertEquals(log2(0.01 / 0.99) + log2(0.02 / 0.8), score.weight(), 1e-9);
        assertEquals("null", score.contributions().get(1).level());
        assertEquals(0.0, score.contributions().get(1).weight());
    }

    @Test
    void rareSharedValuesWeighMoreThanCommonOnes() {
        // a million records seen: 5% are Smith, Zielinski is one of a kind
        final ComparisonContext frequencies = new FixedFrequencies(1_000_000, value -> value.equals("smith") ? 50_000 : 1, token -> 1);
        final PairScorer scorer = new PairScorer(MODEL);
        final double smith = scorer.score(Map.of("name", "Smith"), Map.of("name", "SMITH"), frequencies).weight();
        final double zielinski = scorer.score(Map.of("name", "Zielinski"), Map.of("name", "Zielinski"), frequencies).weight();
        assertEquals(log2(0.01 / 0.99) + log2(0.9 / ((50_000 + 1000 * 0.1) / 1_001_000.0)), smith, 1e-9);
        assertEquals(log2(0.01 / 0.99) + log2(0.9 / 0.001), zielinski, 1e-9, "u is never below tfMinimumU");
        assertTrue(zielinski > smith);
    }

    @Test
    void fewRecordsSeenMeansTheModelsOwnUStillCounts() {
        // two records seen, both "Ann": the observed share (100%) must not make the name worthless
        final ComparisonContext twoAnns = new FixedFrequencies(2, value -> 2, token -> 1);
        final double weight = new PairScorer(MODEL).score(Map.of("name", "Ann"), Map.of("name", "Ann"), twoAnns).weight() - MODEL.priorWeight();
        assertEquals(log2(0.9 / ((2 + 1000 * 0.1) / 1002.0)), weight, 1e-9);
        assertTrue(weight > log2(0.9 / 0.1) - 0.05, "close to the unadjusted weight");
    }

    @Test
    void listFieldsTakeTheirClosestPair() {
        final int[] levels = new PairScorer(MODEL).levels(Map.of("name", List.of("Bob", "Robert")), Map.of("name", List.of("Roberto", "Rob")), ComparisonContext.NONE);
        assertEquals(1, levels[0], "Robert ~ Roberto is the closest pair");
        assertEquals(PairScorer.NULL_LEVEL, levels[1]);
    }
}
