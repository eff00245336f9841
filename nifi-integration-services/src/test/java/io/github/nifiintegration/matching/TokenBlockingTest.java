package io.github.nifiintegration.matching;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBlockingTest {

    private static final MatchModel MODEL = MatchModelJson.parse("""
            {"prior": 0.01, "maxBlockSize": 2,
             "blocking": [{"name": "title_words", "keys": [{"field": "title", "transform": "tokens", "length": 3}, {"field": "year"}]},
                          {"name": "any_word", "keys": [{"field": "title", "transform": "tokens"}]}],
             "comparisons": [{"field": "title", "levels": [{"type": "exact", "m": 0.9, "u": 0.01}, {"type": "else", "m": 0.1, "u": 0.99}]}]}
            """);

    @Test
    void eachLongEnoughWordGivesAKey() {
        final BlockingRule rule = MODEL.blockingRules().get(0);
        assertEquals(List.of("title_words:|data|2001", "title_words:|the|2001", "title_words:|web|2001", "title_words:|xml|2001"),
                rule.keys(Map.of("title", "XML on the Web: Data, data, DATA", "year", "2001")), "\"on\" is too short, \"data\" counts once");
        assertEquals(List.of(), rule.keys(Map.of("title", "a b", "year", "2001")), "no word of three letters or more: no key");
        assertEquals(List.of("any_word:|a", "any_word:|b"), MODEL.blockingRules().get(1).keys(Map.of("title", "a b")));
    }

    @Test
    void titlesThatStartAndEndDifferentlyStillMeet() {
        final List<Map<String, Object>> records = List.of(
                Map.of("title", "Query optimization for XML", "year", "2001"),
                Map.of("title", "XML query optimization", "year", "2001"),
                Map.of("title", "Something else entirely", "year", "2001"));
        final List<int[]> pairs = new java.util.ArrayList<>();
        BlockedPairs.forEach(MODEL, records, Long.MAX_VALUE, (left, right) -> pairs.add(new int[]{left, right}));
        assertEquals(1, pairs.size());
        assertEquals(0, pairs.get(0)[0]);
        assertEquals(1, pairs.get(0)[1]);
    }

    @Test
    void tokensWithAndWithoutLengthSurviveAJsonRoundTrip() {
        final String written = MatchModelJson.write(MODEL);
        assertTrue(written.contains("\"length\" : 3"), written);
        assertEquals(written, MatchModelJson.write(MatchModelJson.parse(written)));
    }
}
