package io.github.nifiintegration.tooling.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.estimation.Estimate;
import io.github.nifiintegration.estimation.ModelEstimator;
import io.github.nifiintegration.estimation.ThresholdChoice;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.tooling.RecordServiceSetup;
import io.github.nifiintegration.tooling.ResolvedOutput;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./run-tool.sh quality [datasets] [data set names]}: match quality over the labelled benchmark
 * data sets. For each, the template model's m, u and prior are estimated twice: from the data without
 * labels, and from the labels (the figures a user with labelled data could reach), the latter also with
 * the match threshold tuned on the labels. With each model,
 * ResolveEntities with a fresh embedded store resolves the records twice: streaming (FlowFiles of
 * 1,000 in file order, each resolved against all before it) and batch (one FlowFile). Pairwise
 * precision, recall and F1 against the truth, and seconds. On the Febrl data sets, fuzzy deduplication
 * (DeduplicateRecords with the model estimated without labels) is scored the same way ({@link DedupeQuality}).
 */
public final class QualityCommand {

    private static final int STREAMING_FLOWFILE = 1_000;
    private static final long SEED = 42;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the model's weights (and threshold) were obtained. */
    enum Weights {
        ESTIMATED("estimated without labels", "-estimated.json"),
        LABELS("learned from labels, template's match threshold", "-from-labels.json"),
        LABELS_TUNED_THRESHOLD("learned from labels, match threshold tuned on them", "-from-labels-tuned.json");

        final String description;
        final String fileSuffix;

        Weights(final String description, final String fileSuffix) {
            this.description = description;
            this.fileSuffix = fileSuffix;
        }
    }

    /** The figures of one data set in one mode. */
    record Row(String dataset, Weights weights, String mode, int records, PairwiseQuality quality, double seconds, List<String> entities) {
    }

    /** A data set the command knows: its name and how to read it from the data sets folder with its template. */
    @FunctionalInterface
    interface DatasetSource {
        LabelledDataset load(Path datasets, Path models) throws IOException;
    }

    /** The data sets, in the order they are reported; add a line here to add one. */
    static final Map<String, DatasetSource> DATASETS = new LinkedHashMap<>();

    static {
        DATASETS.put("febrl1", (d, m) -> DatasetLoaders.febrl(d.resolve("febrl/dataset1.csv"), "febrl1", m.resolve("febrl.json")));
        DATASETS.put("febrl2", (d, m) -> DatasetLoaders.febrl(d.resolve("febrl/dataset2.csv"), "febrl2", m.resolve("febrl.json")));
        DATASETS.put("febrl3", (d, m) -> DatasetLoaders.febrl(d.resolve("febrl/dataset3.csv"), "febrl3", m.resolve("febrl.json")));
        DATASETS.put("fake_1000", (d, m) -> DatasetLoaders.splinkFake(d.resolve("splink-synthetic/fake_1000.csv"), "fake_1000", "cluster", m.resolve("splink-fake.json")));
        DATASETS.put("fake_20000", (d, m) -> DatasetLoaders.splinkFake(d.resolve("splink-synthetic/fake_20000.csv"), "fake_20000", "group", m.resolve("splink-fake.json")));
        DATASETS.put("RLdata10000", (d, m) -> DatasetLoaders.rldata(d.resolve("rldata/RLdata10000.csv"), "RLdata10000", m.resolve("rldata.json")));
        DATASETS.put("dblp-acm", (d, m) -> DatasetLoaders.dblpAcm(d.resolve("leipzig-dblp-acm"), "dblp-acm", m.resolve("dblp-acm.json")));
        DATASETS.put("fodors-zagat", (d, m) -> DatasetLoaders.fodorsZagat(d.resolve("fodors-zagat"), "fodors-zagat", m.resolve("fodors-zagat.json")));
    }

    private final Path datasets;
    private final Path models;
    private final Path output;
    private final PrintStream out;
    private final List<String> only;

    public QualityCommand(final Path datasets, final Path models, final Path output, final PrintStream out) {
        this(datasets, models, output, out, List.of());
    }

    /**
     * @param only the names of the data sets to run (empty: all)
     */
    public QualityCommand(final Path datasets, final Path models, final Path output, final PrintStream out, final List<String> only) {
        this.datasets = datasets;
        this.models = models;
        this.output = output;
        this.out = out;
        this.only = List.copyOf(only);
    }

    public List<Row> run() throws Exception {
        if (!Files.isDirectory(datasets)) {
            throw new IllegalStateException("The labelled data sets are not at " + datasets.toAbsolutePath().normalize()
                    + ". They live in the steering repository's shared/datasets, next to the project (../shared/datasets); "
                    + "give their folder as the argument: ./run-tool.sh quality /path/to/datasets");
        }
        for (final String name : only) {
            if (!DATASETS.containsKey(name)) {
                throw new IllegalArgumentException("No data set '" + name + "'; choose from " + String.join(", ", DATASETS.keySet()));
            }
        }
        Files.createDirectories(output);
        final List<Row> rows = new ArrayList<>();
        final List<QualityReport> reports = new ArrayList<>();
        for (final Map.Entry<String, DatasetSource> source : DATASETS.entrySet()) {
            if (!only.isEmpty() && !only.contains(source.getKey())) {
                continue;
            }
            final LabelledDataset dataset = source.getValue().load(datasets, models);
            final MatchModel template = MatchModelJson.parse(Files.readString(dataset.model()));
            MatchModel fromLabels = null;
            for (final Weights weights : Weights.values()) {
                final long start = System.nanoTime();
                final MatchModel model;
                final String how;
                if (weights == Weights.ESTIMATED) {
                    final Estimate estimate = new ModelEstimator(template, SEED).estimate(dataset.records());
                    model = estimate.model();
                    how = estimate.iterations() + " EM iterations, " + (estimate.converged() ? "converged" : "NOT converged");
                } else if (weights == Weights.LABELS) {
                    final Estimate estimate = new ModelEstimator(template, SEED).estimateFromLabels(dataset.records(), dataset.truth());
                    model = estimate.model();
                    fromLabels = model;
                    how = String.format(Locale.ROOT, "counted over %,d blocked pairs", estimate.blockedPairs());
                } else {
                    final ThresholdChoice threshold = ThresholdChoice.bestF1(fromLabels, dataset.records(), dataset.truth());
                    model = threshold.model();
                    how = String.format(Locale.ROOT, "match threshold %.4g (weight %+.1f): pairwise F1 of the blocked pairs %.4f, %.4f at the template's",
                            model.matchThreshold(), threshold.matchWeight(), threshold.f1(), threshold.templateF1());
                }
                final Path modelFile = output.resolve(dataset.name() + weights.fileSuffix);
                Files.writeString(modelFile, MatchModelJson.write(model));
                out.printf(Locale.ROOT, "%-12s %,6d records: model %s in %.1f s (%s), written to %s%n", dataset.name(), dataset.records().size(),
                        weights.description, (System.nanoTime() - start) / 1e9, how, modelFile);
                final Row streaming = resolve(dataset, weights, modelFile, "streaming", STREAMING_FLOWFILE);
                rows.add(streaming);
                rows.add(resolve(dataset, weights, modelFile, "batch", dataset.records().size()));
                writeEntities(dataset, streaming, output.resolve(modelFile.getFileName().toString().replace(".json", "-entities.csv")));
                if (weights == Weights.ESTIMATED && dataset.name().startsWith("febrl")) {
                    rows.add(DedupeQuality.run(dataset, weights, modelFile, STREAMING_FLOWFILE));
                }
                if (weights == Weights.ESTIMATED) {
                    final QualityReport report = QualityReport.build(dataset, model, streaming.entities(), streaming.quality());
                    report.print(out);
                    reports.add(report);
                }
            }
        }
        for (final Weights weights : Weights.values()) {
            printTable(weights, rows.stream().filter(row -> row.weights() == weights).toList());
        }
        final Path page = output.resolve("quality-report.html");
        QualityReportPage.write(reports, page);
        out.println("Models in " + models + ", estimates in " + output + ". Linkage data sets (dblp-acm, fodors-zagat) count cross-source pairs only.");
        out.println("Report with charts (threshold curve, weight histograms, per-pair waterfalls): " + page.toAbsolutePath().normalize());
        return rows;
    }

    /** Which entity each record went to in the streaming run, next to its true one: for looking into errors. */
    private static void writeEntities(final LabelledDataset dataset, final Row row, final Path file) throws IOException {
        final StringBuilder csv = new StringBuilder("source_system,source_id,entity_id,true_entity\n");
        for (int i = 0; i < dataset.records().size(); i++) {
            csv.append(dataset.sourceSystems().get(i)).append(',').append(dataset.sourceIds().get(i)).append(',').append(row.entities().get(i))
                    .append(',').append(dataset.truth().get(i)).append('\n');
        }
        Files.writeString(file, csv);
    }

    private void printTable(final Weights weights, final List<Row> rows) {
        out.println();
        out.println("Weights " + weights.description + ":");
        out.printf(Locale.ROOT, "%-12s %-10s %8s %10s %8s %8s %8s%n", "data set", "mode", "records", "precision", "recall", "F1", "seconds");
        for (final Row row : rows) {
            out.printf(Locale.ROOT, "%-12s %-10s %,8d %10.4f %8.4f %8.4f %8.1f%n", row.dataset(), row.mode(), row.records(), row.quality().precision(),
                    row.quality().recall(), row.quality().f1(), row.seconds());
        }
    }

    private Row resolve(final LabelledDataset dataset, final Weights weights, final Path model, final String mode, final int flowFileSize) throws Exception {
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
            final List<Map<String, Object>> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(dataset.records().size(), from + flowFileSize); i++) {
                final Map<String, Object> record = new LinkedHashMap<>(dataset.records().get(i));
                record.put("source_system", dataset.sourceSystems().get(i));
                record.put("source_id", dataset.sourceIds().get(i));
                chunk.add(record);
            }
            runner.enqueue(JSON.writeValueAsBytes(chunk));
            final long start = System.nanoTime();
            runner.run(1, false, from == 0);
            nanos += System.nanoTime() - start;
            for (final JsonNode record : ResolvedOutput.drain(runner)) {
                entityOf.put(record.get("source_system").asText() + '\u0000' + record.get("source_id").asText(), record.get("entity_id").asText());
            }
        }
        runner.stop();
        runner.disableControllerService(runner.getControllerService(RecordServiceSetup.STORE));
        final PairwiseQuality quality = dataset.linkage() ? PairwiseQuality.crossSourceOnly() : new PairwiseQuality();
        final List<String> entities = new ArrayList<>(dataset.records().size());
        for (int i = 0; i < dataset.records().size(); i++) {
            final String entity = entityOf.get(dataset.sourceSystems().get(i) + '\u0000' + dataset.sourceIds().get(i));
            if (entity == null) {
                throw new IllegalStateException(dataset.name() + ": record " + dataset.sourceSystems().get(i) + "/" + dataset.sourceIds().get(i)
                        + " did not come out of ResolveEntities resolved");
            }
            entities.add(entity);
            quality.add(entity, dataset.truth().get(i), dataset.sourceSystems().get(i));
        }
        return new Row(dataset.name(), weights, mode, dataset.records().size(), quality, nanos / 1e9, entities);
    }
}
