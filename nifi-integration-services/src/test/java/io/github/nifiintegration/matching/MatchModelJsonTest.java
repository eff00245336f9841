package io.github.nifiintegration.matching;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class MatchModelJsonTest {

    /** The project's person model, which templates and tests share. */
    public static String personModelJson() throws IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("../templates/models/person.json"), StandardCharsets.UTF_8);
    }

    @Test
    void readsAModelAndWritesItBack() throws IOException {
        final MatchModel model = MatchModelJson.parse(personModelJson());
        assertEquals(6, model.comparisons().size());
        assertEquals(5, model.blockingRules().size());
        assertEquals(0.9, model.matchThreshold());
        final ComparisonLevel exactGiven = model.comparisons().get(0).levels().get(0);
        assertTrue(exactGiven.tfAdjusted());
        assertEquals(Math.log(0.85 / 0.005) / Math.log(2), exactGiven.weight(), 1e-9);
        assertEquals("jaro_winkler >= 0.9", model.comparisons().get(0).levels().get(1).label());

        final MatchModel again = MatchModelJson.parse(MatchModelJson.write(model));
        assertEquals(MatchModelJson.write(model), MatchModelJson.write(again));
        assertEquals(model.comparisons().get(2).levels().get(2).kind(), again.comparisons().get(2).levels().get(2).kind());
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        final MatchModelException error = assertThrows(MatchModelException.class, () -> MatchModelJson.parse("""
                {"prior": 2, "matchThreshold": 0.4, "reviewThreshold": 0.6,
                 "blocking": [{"name": "b", "keys": [{"field": "x", "transform": "reverse"}]}],
                 "comparisons": [
                   {"field": "email", "levels": [
                     {"type": "else", "m": 0.1, "u": 0.9},
                     {"type": "jaro_winkler", "threshold": 1.5, "m": 0.8, "u": 0.1},
                     {"type": "fuzzy", "m": 0.8, "u": 0.1},
                     {"type": "exact", "u": 0.1, "tf": true, "colour": "red"}]}]}
                """));
        assertEquals(java.util.List.of(
                "prior: must be a probability between 0 and 1, not 2",
                "reviewThreshold: 0.6 is above matchThreshold 0.4",
                "blocking[0].keys[0].transform: unknown transform 'reverse'; use one of exact, lower, soundex, double_metaphone, nysiis, prefix, suffix, year, digits, tokens",
                "comparisons[0].levels[0]: 'else' must be the last level, it takes every pair that reaches it",
                "comparisons[0].levels[1].threshold: must be above 0 and at most 1, not 1.5",
                "comparisons[0].levels[2].type: unknown level type 'fuzzy'; use one of damerau_levenshtein, date_days, date_parts, date_swap, double_metaphone, else, exact, jaccard, jaro_winkler, levenshtein, numeric_abs, numeric_pct, nysiis, soundex, swapped, tfidf_cosine",
                "comparisons[0].levels[3].m: missing; give a probability between 0 and 1"), error.problems());
    }

    @Test
    void refusesWhatIsNotAModel() {
        assertTrue(assertThrows(MatchModelException.class, () -> MatchModelJson.parse("{oops")).getMessage().startsWith("not valid JSON"));
        assertTrue(assertThrows(MatchModelException.class, () -> MatchModelJson.parse("[]")).getMessage().contains("JSON object"));
        final MatchModelException empty = assertThrows(MatchModelException.class, () -> MatchModelJson.parse("{}"));
        assertTrue(empty.problems().get(0).startsWith("blocking:"));
        assertTrue(empty.problems().get(1).startsWith("comparisons:"));
    }
}
