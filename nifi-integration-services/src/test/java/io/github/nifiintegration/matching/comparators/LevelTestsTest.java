package io.github.nifiintegration.matching.comparators;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelTestsTest {

    private static final ComparisonContext NONE = ComparisonContext.NONE;

    @Test
    void damerauCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, DamerauLevenshteinTest.distance("martha", "marhta", 3));
        assertEquals(2, DamerauLevenshteinTest.distance("martha", "mrahta", 3));
        assertEquals(3, DamerauLevenshteinTest.distance("abc", "xyzabc", 2), "gives up beyond the bound");
        assertTrue(new DamerauLevenshteinTest(1).test("1980-03-15", "1980-03-51", NONE));
        assertFalse(new LevenshteinTest(1).test("1980-03-15", "1980-03-51", NONE), "plain Levenshtein needs two edits for a swap");
        assertTrue(new LevenshteinTest(2).test("Jonathon", "jonathan", NONE));
    }

    @Test
    void theOneEditShortcutAgreesWithTheFullDistance() {
        final String[] words = {"", "a", "ab", "ba", "abc", "acb", "bac", "abcd", "abdc", "axcd", "abc", "abcde", "1980-03-15", "1980-03-51",
                "1980-30-15", "1908-03-15", "1980-03-1", "1980-03-155", "19800315", "+61412345678", "+61412345687", "+6141234567"};
        for (final String a : words) {
            for (final String b : words) {
                assertEquals(DamerauLevenshteinTest.distance(a, b, 3) <= 1, DamerauLevenshteinTest.withinOneEdit(a, b), a + " / " + b);
            }
        }
    }

    @Test
    void datePartsCountAgreeingYearMonthAndDay() {
        final DatePartsTest twoParts = new DatePartsTest(2);
        assertTrue(twoParts.test("1981-09-23", "2008-09-23", NONE), "another year, same month and day");
        assertTrue(twoParts.test("1965-02-09", "1965-02-20", NONE), "another day");
        assertTrue(twoParts.test("1949-00-13", "1949-07-13", NONE), "an impossible month still leaves year and day");
        assertFalse(twoParts.test("1981-09-23", "1981-10-24", NONE), "the same year only");
        assertFalse(twoParts.test("1981-09-23", "23/09/1981", NONE), "not ISO-8601");
        assertTrue(new DatePartsTest(3).test("1981-09-23", "1981-09-23T10:00", NONE));
        assertFalse(new DatePartsTest(3).test("1981-09-23", "1981-09-24", NONE));
    }

    @Test
    void jaroWinklerFavoursSharedPrefixes() {
        assertTrue(new JaroWinklerTest(0.9).test("MARTHA", "marhta", NONE));
        assertFalse(new JaroWinklerTest(0.9).test("Smith", "Jones", NONE));
    }

    @Test
    void jaccardIgnoresWordOrderAndCase() {
        assertTrue(new JaccardTest(0.99).test("Smith & Sons Ltd", "ltd sons SMITH", NONE));
        assertFalse(new JaccardTest(0.6).test("Smith & Sons Ltd", "Smith Holdings", NONE));
    }

    @Test
    void tfIdfCosineLetsRareWordsDominate() {
        final ComparisonContext idf = new FixedFrequencies(0, value -> 0, token -> token.equals("restaurant") || token.equals("the") ? 0.1 : 5);
        final TfIdfCosineTest cosine = new TfIdfCosineTest("name", 0.8);
        assertTrue(cosine.test("The Gramercy Tavern Restaurant", "gramercy tavern", idf));
        assertFalse(cosine.test("The Palm Restaurant", "The Oak Restaurant", idf));
    }

    @Test
    void numbersAndDates() {
        assertTrue(new NumericDifferenceTest(0.5, false).test("10.2", "10.6", NONE));
        assertFalse(new NumericDifferenceTest(0.5, false).test("10", "11", NONE));
        assertTrue(new NumericDifferenceTest(5, true).test("100", "104", NONE));
        assertFalse(new NumericDifferenceTest(5, true).test("abc", "104", NONE));
        assertTrue(new DateDifferenceTest(3, false).test("2020-01-30", "2020-02-01", NONE));
        assertFalse(new DateDifferenceTest(1, false).test("2020-01-30", "2020-02-01", NONE));
        assertTrue(new DateDifferenceTest(0, true).test("1980-03-05", "1980-05-03", NONE));
        assertFalse(new DateDifferenceTest(0, true).test("1980-03-05", "1981-05-03", NONE));
        assertFalse(new DateDifferenceTest(3, false).test("not a date", "2020-02-01", NONE));
    }

    @Test
    void phoneticCodesFromCommonsCodec() {
        assertTrue(new PhoneticTest(Phonetics.Algorithm.SOUNDEX).test("Robert", "Rupert", NONE));
        assertTrue(new PhoneticTest(Phonetics.Algorithm.DOUBLE_METAPHONE).test("Catherine", "Kathryn", NONE));
        assertTrue(new PhoneticTest(Phonetics.Algorithm.NYSIIS).test("Smith", "SMITH", NONE));
        assertFalse(new PhoneticTest(Phonetics.Algorithm.NYSIIS).test("Smith", "Jones", NONE));
        assertEquals("", Phonetics.encode(Phonetics.Algorithm.SOUNDEX, "Иван"), "no code for letters Soundex cannot map");
        assertFalse(new PhoneticTest(Phonetics.Algorithm.SOUNDEX).test("Иван", "Петр", NONE));
    }
}
