package io.github.nifiintegration.tooling.estimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.estimation.Estimate;
import io.github.nifiintegration.estimation.LabelField;
import io.github.nifiintegration.estimation.ModelEstimator;
import io.github.nifiintegration.matching.Comparison;
import io.github.nifiintegration.matching.ComparisonLevel;
import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./run-tool.sh estimate-model records.json template.json estimated.json [seed] [label field]}:
 * estimates a model's m and u probabilities and prior from canonical records (a JSON array, as
 * MapToCanonicalRecord writes), keeping the template's comparisons, levels, blocking and thresholds,
 * and writes the estimated model as JSON for StandardMatchModelService. Without a label field by
 * expectation maximisation; with one (the field naming each record's true entity) from the labels.
 */
public final class EstimateModelCommand {

    private final PrintStream out;

    public EstimateModelCommand(final PrintStream out) {
        this.out = out;
    }

    public void run(final Path recordsFile, final Path templateFile, final Path output, final long seed) throws Exception {
        run(recordsFile, templateFile, output, seed, null);
    }

    /**
     * @param labelField the field holding each record's true entity, or null to estimate without labels
     */
    public void run(final Path recordsFile, final Path templateFile, final Path output, final long seed, final String labelField) throws Exception {
        if (!Files.isRegularFile(recordsFile)) {
            throw new IllegalArgumentException("No records file " + recordsFile + ": give a JSON array of canonical records, "
                    + "such as target/demo/output/resolved/support.csv (JSON records, named after their source file) after ./run-demo.sh");
        }
        final MatchModel template = MatchModelJson.parse(Files.readString(templateFile));
        final List<Map<String, Object>> records = read(recordsFile);
        out.printf(Locale.ROOT, "Estimating %s from %,d records (template %s, seed %d) ...%n", template.name(), records.size(), templateFile, seed);
        final long start = System.nanoTime();
        final Estimate estimate;
        if (labelField == null) {
            estimate = new ModelEstimator(template, seed).estimate(records);
            out.printf(Locale.ROOT, "u from %,d random pairs; m by EM over %,d blocked pairs: %d iterations, %s; %.2f%% of blocked pairs look like matches; prior %.3g (%.1f s)%n",
                    estimate.sampledPairs(), estimate.blockedPairs(), estimate.iterations(), estimate.converged() ? "converged" : "NOT converged",
                    estimate.blockedMatchShare() * 100, estimate.model().prior(), (System.nanoTime() - start) / 1e9);
        } else {
            estimate = new ModelEstimator(template, seed).estimateFromLabels(records, LabelField.take(records, labelField));
            out.printf(Locale.ROOT, "From the '%s' labels: u from random pairs of different entities, m from the true pairs among %,d blocked pairs "
                            + "(%.2f%% of them); prior %.3g (%.1f s)%n", labelField, estimate.blockedPairs(), estimate.blockedMatchShare() * 100,
                    estimate.model().prior(), (System.nanoTime() - start) / 1e9);
        }
        for (final Comparison comparison : estimate.model().comparisons()) {
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", comparison.name()));
            for (final ComparisonLevel level : comparison.levels()) {
                line.append(String.format(Locale.ROOT, " | %s m=%.3g u=%.3g (%+.1f)", level.label(), level.m(), level.u(), level.weight()));
            }
            out.println(line);
        }
        Files.writeString(output, MatchModelJson.write(estimate.model()));
        out.println("Estimated model written to " + output.toAbsolutePath().normalize() + " (review it, then point 'Match Model File' at it)");
    }

    private static List<Map<String, Object>> read(final Path file) throws Exception {
        final JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " is not a JSON array of records");
        }
        final List<Map<String, Object>> records = new ArrayList<>(root.size());
        for (final JsonNode node : root) {
            final Map<String, Object> values = new LinkedHashMap<>();
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isArray()) {
                    final List<String> texts = new ArrayList<>();
                    field.getValue().forEach(element -> texts.add(element.asText()));
                    values.put(field.getKey(), texts);
                } else if (!field.getValue().isNull() && !field.getValue().isContainerNode()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            }
            records.add(values);
        }
        return records;
    }
}
