package io.github.nifiintegration.tooling.quality;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityCommandTest {

    @Test
    void failsLoudlyWhenTheDataSetsAreMissing(@TempDir final Path output) {
        final Path missing = output.resolve("no-such-datasets");
        final IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new QualityCommand(missing, Path.of("../templates/models/quality"), output, new PrintStream(new ByteArrayOutputStream())).run());
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("./run-tool.sh quality /path/to/datasets"), error.getMessage());
    }

    @Test
    void pairwiseQualityCountsPairsInsideClusters() {
        final PairwiseQuality quality = new PairwiseQuality();
        // truth: {a1, a2, a3} and {b1}; predicted: {a1, a2} and {a3, b1}
        quality.add("x", "a");
        quality.add("x", "a");
        quality.add("y", "a");
        quality.add("y", "b");
        assertEquals(3, quality.truePairs());
        assertEquals(2, quality.predictedPairs());
        assertEquals(1, quality.truePositives());
        assertEquals(0.5, quality.precision());
        assertEquals(1.0 / 3, quality.recall(), 1e-12);
    }

    @Test
    void linkageQualityCountsCrossSourcePairsOnly() {
        final PairwiseQuality quality = PairwiseQuality.crossSourceOnly();
        // truth: d1-a1 and d2-a2 (the benchmark's pairs); predicted: {d1, a1, d3} and {d2}, {a2}
        quality.add("x", "1", "dblp");
        quality.add("x", "1", "acm");
        quality.add("x", "3", "dblp");
        quality.add("y", "2", "dblp");
        quality.add("z", "2", "acm");
        assertEquals(2, quality.truePairs());
        assertEquals(2, quality.predictedPairs(), "d1-a1 and d3-a1; d1-d3 is inside one source");
        assertEquals(1, quality.truePositives());
        assertEquals(0.5, quality.precision());
        assertEquals(0.5, quality.recall());
    }
}
