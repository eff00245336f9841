package io.github.nifiintegration.tooling.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.estimation.Estimate;
import io.github.nifiintegration.estimation.ModelEstimator;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.ResolvedOutput;
import org.apache.nifi.util.TestRunner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./run-tool.sh quality [datasets]}: match quality over the labelled benchmark data sets. For
 * each, the template model's m, u and prior are estimated from the data without labels, then
 * ResolveEntities with a fresh embedded store resolves the records twice: streaming (FlowFiles of
 * 1,000 in file order, each resolved against all before it) and batch (one FlowFile). Pairwise
 * precision, recall and F1 against the truth, and seconds. On the Febrl data sets, fuzzy deduplication
 * (DeduplicateRecords with the same estimated model) is scored the same way ({@link DedupeQuality}).
 */
public final class QualityCommand {

    private static final int STREAMING_FLOWFILE = 1_000;

    /** The figures of one data set in one mode. */
    record Row(String dataset, String mode, int records, PairwiseQuality quality, double seconds, List<String> entities) {
    }

    private final Path datasets;
    private final Path models;
    private final Path output;
    private final PrintStream out;

    public QualityCommand(final Path datasets, final Path models, final Path output, final PrintStream out) {
        this.datasets = datasets;
        this.models = models;
        this.output = output;
        this.out = out;
    }

    public List<Row> run() throws Exception {
        if (!Files.isDirectory(datasets)) {
            throw new IllegalStateException("The labelled data sets are not at " + datasets.toAbsolutePath().normalize()
                    + ". They live in the steering repository's shared/datasets, next to the project (../shared/datasets); "
                    + "give their folder as the argument: ./run-tool.sh quality /path/to/datasets");
        }
        final List<LabelledDataset> all = List.of(
                DatasetLoaders.febrl(datasets.resolve("febrl/dataset1.csv"), "febrl1", models.resolve("febrl.json")),
                DatasetLoaders.febrl(datasets.resolve("febrl/dataset2.csv"), "febrl2", models.resolve("febrl.json")),
                DatasetLoaders.febrl(datasets.resolve("febrl/dataset3.csv"), "febrl3", models.resolve("febrl.json")),
                DatasetLoaders.splinkFake(datasets.resolve("splink-synthetic/fake_1000.csv"), "fake_1000", "cluster", models.resolve("splink-fake.json")),
                DatasetLoaders.splinkFake(datasets.resolve("splink-synthetic/fake_20000.csv"), "fake_20000", "group", models.resolve("splink-fake.json")),
                DatasetLoaders.rldata(datasets.resolve("rldata/RLdata10000.csv"), "RLdata10000", models.resolve("rldata.json")));
        Files.createDirectories(output);
        final List<Row> rows = new ArrayList<>();
        final List<QualityReport> reports = new ArrayList<>();
        for (final LabelledDataset dataset : all) {
            final MatchModel template = MatchModelJson.parse(Files.readString(dataset.model()));
            final long start = System.nanoTime();
            final Estimate estimate = new ModelEstimator(template, 42).estimate(dataset.records());
            final Path estimated = output.resolve(dataset.name() + "-estimated.json");
            Files.writeString(estimated, MatchModelJson.write(estimate.model()));
            out.printf(Locale.ROOT, "%-12s %,6d records: model estimated in %.1f s (%d EM iterations, %s), written to %s%n", dataset.name(),
                    dataset.records().size(), (System.nanoTime() - start) / 1e9, estimate.iterations(), estimate.converged() ? "converged" : "NOT converged", estimated);
            final Row streaming = resolve(dataset, estimated, "streaming", STREAMING_FLOWFILE);
            rows.add(streaming);
            rows.add(resolve(dataset, estimated, "batch", dataset.records().size()));
            if (dataset.name().startsWith("febrl")) {
                rows.add(DedupeQuality.run(dataset, estimated, STREAMING_FLOWFILE));
            }
            final QualityReport report = QualityReport.build(dataset, estimate.model(), streaming.entities(), streaming.quality());
            report.print(out);
            reports.add(report);
        }
        out.println();
        out.printf(Locale.ROOT, "%-12s %-10s %8s %10s %8s %8s %8s%n", "data set", "mode", "records", "precision", "recall", "F1", "seconds");
        for (final Row row : rows) {
            out.printf(Locale.ROOT, "%-12s %-10s %,8d %10.4f %8.4f %8.4f %8.1f%n", row.dataset(), row.mode(), row.records(), row.quality().precision(),
                    row.quality().recall(), row.quality().f1(), row.seconds());
        }
        final Path page = output.resolve("quality-report.html");
        QualityReportPage.write(reports, page);
        out.println("Weights estimated without labels; models in " + models + ", estimates in " + output);
        out.println("Report with charts (threshold curve, weight histograms, per-pair waterfalls): " + page.toAbsolutePath().normalize());
        return rows;
    }

    private Row resolve(final LabelledDataset dataset, final Path model, final String mode, final int flowFileSize) throws Exception {
        final Path store = Files.createTempDirectory("quality-" + dataset.name() + "-");
        final TestRunner runner = RecordServiceSetup.resolveEntities(model, store);
        RecordServiceSetup.jsonReader(runner);
        RecordServiceSetup.jsonWriter(runner, false);
        runner.setProperty("Record Reader", RecordServiceSetup.READER);
        runner.setProperty("Record Writer", RecordServiceSetup.WRITER);
        runner.setProperty("Explanation", "NONE");
        final Map<String, String> entityOf = new HashMap<>();
        long nanos = 0;
        for (int from = 0; from < dataset.records().size(); from += flowFileSize) {
            runner.enqueue(DatasetFlowFiles.chunk(dataset, from, flowFileSize));
            final long start = System.nanoTime();
            runner.run(1, false, from == 0);
            nanos += System.nanoTime() - start;
            for (final JsonNode record : ResolvedOutput.drain(runner)) {
                entityOf.put(record.get("source_id").asText(), record.get("entity_id").asText());
            }
        }
        runner.stop();
        runner.disableControllerService(runner.getControllerService(RecordServiceSetup.STORE));
        final PairwiseQuality quality = new PairwiseQuality();
        final List<String> entities = new ArrayList<>(dataset.records().size());
        for (int i = 0; i < dataset.records().size(); i++) {
            entities.add(entityOf.get(dataset.sourceIds().get(i)));
            quality.add(entities.get(i), dataset.truth().get(i));
        }
        return new Row(dataset.name(), mode, dataset.records().size(), quality, nanos / 1e9, entities);
    }
}
