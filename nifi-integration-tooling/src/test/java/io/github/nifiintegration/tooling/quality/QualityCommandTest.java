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
    void linkageDataSetsReadLatin1AndUtf8AndTakeTheTruthFromThePairs(@TempDir final Path folder) throws Exception {
        // a DBLP-like table in Latin-1 (Moshé), an ACM-like one in UTF-8 with an HTML reference, and the true pairs
        java.nio.file.Files.write(folder.resolve("DBLP2.csv"), String.join("\n", "\"id\",\"title\",\"authors\",\"venue\",\"year\"",
                "\"conf/a\",\"Picture Programming\",\"Moshé Zloof\",\"SIGMOD Conference\",1997",
                "\"conf/b\",\"Other Paper\",\"Ann Lee\",\"VLDB\",1998", "").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        java.nio.file.Files.writeString(folder.resolve("ACM.csv"), String.join("\n", "\"id\",\"title\",\"authors\",\"venue\",\"year\"",
                "1,\"Picture programming\",\"Mosh&#233; Zloof\",\"International Conference on Management of Data\",1997",
                "2,\"Unrelated\",\"Bo Li\",\"Very Large Data Bases\",1999", ""));
        java.nio.file.Files.writeString(folder.resolve("DBLP-ACM_perfectMapping.csv"), "\"idDBLP\",\"idACM\"\n\"conf/a\",1\n");
        final LabelledDataset dataset = DatasetLoaders.dblpAcm(folder, "dblp-acm", Path.of("model.json"));
        assertTrue(dataset.linkage());
        assertEquals(4, dataset.records().size());
        final java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            index.put(dataset.sourceSystems().get(i) + "/" + dataset.sourceIds().get(i), i);
        }
        final int dblp = index.get("dblp/conf/a");
        final int acm = index.get("acm/1");
        assertEquals("moshe zloof", dataset.records().get(dblp).get("authors"), "Latin-1 read, accents folded");
        assertEquals("moshe zloof", dataset.records().get(acm).get("authors"), "HTML reference decoded, accents folded");
        assertEquals(dataset.truth().get(dblp), dataset.truth().get(acm), "a true pair is one entity");
        assertTrue(!dataset.truth().get(index.get("dblp/conf/b")).equals(dataset.truth().get(index.get("acm/2"))), "records in no pair stand alone");
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
