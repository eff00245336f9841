package io.github.nifiintegration.tooling.estimation;

import io.github.nifiintegration.estimation.Estimate;
import io.github.nifiintegration.estimation.ModelEstimator;
import io.github.nifiintegration.matching.ComparisonLevel;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.resolution.EntityResolver;
import io.github.nifiintegration.resolution.ResolutionStats;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.embedded.EmbeddedMasterDataStore;
import io.github.nifiintegration.tooling.generate.DuplicateDataset;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Estimation on generated people with known truth: no labels are used, the truth only checks the result. */
class ModelEstimatorTest {

    private static final int RECORDS = 20_000;
    private static MatchModel template;
    private static List<DuplicateDataset.GeneratedRecord> generated;
    private static List<Map<String, Object>> records;

    @BeforeAll
    static void generate() throws Exception {
        template = MatchModelJson.parse(Files.readString(Path.of("../templates/models/person.json")));
        generated = new DuplicateDataset(3, 0.3).next(RECORDS);
        records = new ArrayList<>();
        for (final DuplicateDataset.GeneratedRecord record : generated) {
            final Map<String, Object> values = new LinkedHashMap<>();
            record.values().forEach((field, value) -> {
                if (value != null) {
                    values.put(field, value);
                }
            });
            records.add(values);
        }
    }

    @Test
    void estimatedModelSeparatesMatchesFromNonMatches(@TempDir final Path storeDirectory) {
        final Estimate estimate = new ModelEstimator(template, 42).estimate(records);
        assertTrue(estimate.converged(), "EM converged in " + estimate.iterations() + " iterations");
        assertTrue(estimate.blockedPairs() > 5_000, "blocked pairs " + estimate.blockedPairs());

        // what the data says: an exact e-mail is far likelier among matches than among random pairs
        final ComparisonLevel exactEmail = level(estimate.model(), "email", 0);
        assertTrue(exactEmail.m() > 0.5 && exactEmail.u() < 0.001, exactEmail.toString());
        final ComparisonLevel otherName = level(estimate.model(), "family_name", 2);
        assertTrue(otherName.u() > 0.9 && otherName.m() < 0.2, otherName.toString());
        // about 30% of records are duplicates: one true pair per duplicate, among 20,000^2 / 2 pairs
        final double expectedPrior = 0.3 * RECORDS / (RECORDS * (RECORDS - 1.0) / 2);
        assertTrue(estimate.model().prior() > expectedPrior / 5 && estimate.model().prior() < expectedPrior * 5,
                "prior " + estimate.model().prior() + " vs about " + expectedPrior);

        final PairwiseQuality quality = resolve(estimate.model(), storeDirectory);
        assertTrue(quality.f1() > 0.97, "F1 with the estimated model: " + quality.f1() + " (precision " + quality.precision() + ", recall " + quality.recall() + ")");
    }

    @Test
    void estimationIsDeterministicForAFixedSeed() {
        final List<Map<String, Object>> sample = records.subList(0, 5_000);
        final String first = MatchModelJson.write(new ModelEstimator(template, 7).estimate(sample).model());
        final String second = MatchModelJson.write(new ModelEstimator(template, 7).estimate(sample).model());
        assertEquals(first, second);
        final String otherSeed = MatchModelJson.write(new ModelEstimator(template, 8).estimate(sample).model());
        assertTrue(!first.equals(otherSeed), "another seed samples other random pairs, so u differs");
        // and the estimate is a model the match model service reads back
        assertEquals(first, MatchModelJson.write(MatchModelJson.parse(first)));
    }

    @Test
    void labelledEstimateCountsTrueAndFalsePairs(@TempDir final Path storeDirectory) {
        final List<String> labels = generated.stream().map(DuplicateDataset.GeneratedRecord::entityId).toList();
        final Estimate estimate = new ModelEstimator(template, 42).estimateFromLabels(records, labels);
        final ComparisonLevel exactEmail = level(estimate.model(), "email", 0);
        assertTrue(exactEmail.m() > 0.5 && exactEmail.u() < 0.001, exactEmail.toString());
        // the prior counts the true pairs the blocking rules find: nearly all pairs inside the generated clusters
        final Map<String, Long> clusterSizes = new java.util.HashMap<>();
        labels.forEach(label -> clusterSizes.merge(label, 1L, Long::sum));
        final long truePairs = clusterSizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
        final double priorPairs = estimate.model().prior() * RECORDS * (RECORDS - 1.0) / 2;
        assertTrue(priorPairs > 0.9 * truePairs && priorPairs <= truePairs * 1.0001, "prior " + estimate.model().prior() + " = " + priorPairs
                + " true pairs of " + truePairs);
        final PairwiseQuality quality = resolve(estimate.model(), storeDirectory);
        assertTrue(quality.f1() > 0.97, "F1 with the model learned from labels: " + quality.f1());

        // labels that say nothing about the truth teach nothing: an exact e-mail no longer looks like a match
        final List<String> shuffled = new ArrayList<>(labels);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        final ComparisonLevel misled = level(new ModelEstimator(template, 42).estimateFromLabels(records, shuffled).model(), "email", 0);
        assertTrue(misled.weight() < exactEmail.weight() - 5, "exact e-mail weight " + misled.weight() + " with shuffled labels vs " + exactEmail.weight());
    }

    @Test
    void labelledEstimateNeedsALabelForEveryRecord() {
        final List<Map<String, Object>> sample = records.subList(0, 10);
        final IllegalArgumentException tooFew = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ModelEstimator(template, 1).estimateFromLabels(sample, List.of("a", "b")));
        assertTrue(tooFew.getMessage().contains("10 records, 2 labels"), tooFew.getMessage());
        final List<String> withBlank = new ArrayList<>(java.util.Collections.nCopies(10, "e"));
        withBlank.set(3, " ");
        final IllegalArgumentException blank = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ModelEstimator(template, 1).estimateFromLabels(sample, withBlank));
        assertTrue(blank.getMessage().startsWith("record 4 has no label"), blank.getMessage());
    }

    private static ComparisonLevel level(final MatchModel model, final String field, final int index) {
        return model.comparisons().stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow().levels().get(index);
    }

    private static PairwiseQuality resolve(final MatchModel model, final Path storeDirectory) {
        final EntityResolver resolver = new EntityResolver(model);
        final PairwiseQuality quality = new PairwiseQuality();
        try (EmbeddedMasterDataStore store = EmbeddedMasterDataStore.open(storeDirectory, 50_000)) {
            try (StoreTransaction tx = store.begin(Duration.ofSeconds(10))) {
                for (int i = 0; i < generated.size(); i++) {
                    final DuplicateDataset.GeneratedRecord record = generated.get(i);
                    final String entity = resolver.resolve(tx, new SourceKey(record.sourceSystem(), record.sourceId()), records.get(i), new ResolutionStats()).entityId();
                    quality.add(entity, record.entityId());
                }
                tx.commit();
            }
        }
        return quality;
    }
}
