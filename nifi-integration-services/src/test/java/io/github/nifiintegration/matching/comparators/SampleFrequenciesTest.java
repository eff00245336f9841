package io.github.nifiintegration.matching.comparators;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleFrequenciesTest {

    private static final List<Map<String, Object>> TITLES = List.of(
            Map.of("title", "Query processing for XML"),
            Map.of("title", "Query processing in parallel databases"),
            Map.of("title", "Beethoven's query", "family_name", "Smith"),
            Map.of("family_name", "smith"));

    @Test
    void countsValuesCaseInsensitivelyAndWordsOncePerRecord() {
        final SampleFrequencies frequencies = new SampleFrequencies(TITLES, List.of("title", "family_name"));
        assertEquals(3, frequencies.recordCount("title"));
        assertEquals(2, frequencies.valueCount("family_name", "smith"));
        assertEquals(0, frequencies.recordCount("email"), "a field not counted is unknown");
        assertEquals(ComparisonContext.inverseDocumentFrequency(3, 3), frequencies.inverseDocumentFrequency("title", "query"));
        assertEquals(ComparisonContext.inverseDocumentFrequency(3, 1), frequencies.inverseDocumentFrequency("title", "beethoven"));
    }

    @Test
    void rareSharedWordsMakeTitlesCloserThanCommonOnes() {
        final SampleFrequencies frequencies = new SampleFrequencies(TITLES, List.of("title"));
        final TfIdfCosineTest cosine = new TfIdfCosineTest("title", 0);
        // the two pairs share one word each; "xml" is rarer than "query"
        final double rare = cosine.similarity(Tokens.counts("query processing for xml"), Tokens.counts("xml"), frequencies);
        final double common = cosine.similarity(Tokens.counts("query processing for xml"), Tokens.counts("query"), frequencies);
        assertTrue(rare > common, rare + " vs " + common);
        assertEquals(cosine.similarity(Tokens.counts("query processing for xml"), Tokens.counts("xml"), ComparisonContext.NONE),
                cosine.similarity(Tokens.counts("query processing for xml"), Tokens.counts("query"), ComparisonContext.NONE), 1e-12,
                "without frequencies every word weighs the same");
    }
}
