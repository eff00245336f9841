package io.github.nifiintegration.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiintegration.matching.comparators.DamerauLevenshteinTest;
import io.github.nifiintegration.matching.comparators.DateDifferenceTest;
import io.github.nifiintegration.matching.comparators.DatePartsTest;
import io.github.nifiintegration.matching.comparators.ExactTest;
import io.github.nifiintegration.matching.comparators.JaccardTest;
import io.github.nifiintegration.matching.comparators.JaroWinklerTest;
import io.github.nifiintegration.matching.comparators.LevelTest;
import io.github.nifiintegration.matching.comparators.LevenshteinTest;
import io.github.nifiintegration.matching.comparators.NumericDifferenceTest;
import io.github.nifiintegration.matching.comparators.Phonetics;
import io.github.nifiintegration.matching.comparators.PhoneticTest;
import io.github.nifiintegration.matching.comparators.SwappedFieldsTest;
import io.github.nifiintegration.matching.comparators.TfIdfCosineTest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes match models as JSON, the form a person reviews and edits. Reading collects every
 * problem with the JSON path of the offending part ({@code comparisons[1].levels[0].m: ...}), so a
 * model with three mistakes is fixed in one go.
 */
public final class MatchModelJson {

    /** Level types, with the name of the parameter each needs (null: none). */
    private static final Map<String, String> LEVEL_PARAMETERS = Map.ofEntries(
            Map.entry("exact", ""), Map.entry("jaro_winkler", "threshold"), Map.entry("levenshtein", "maxDistance"),
            Map.entry("damerau_levenshtein", "maxDistance"), Map.entry("jaccard", "threshold"), Map.entry("tfidf_cosine", "threshold"),
            Map.entry("numeric_abs", "maxDifference"), Map.entry("numeric_pct", "maxPercent"), Map.entry("date_days", "maxDays"),
            Map.entry("date_swap", ""), Map.entry("date_parts", "agree"), Map.entry("swapped", "threshold"), Map.entry("soundex", ""), Map.entry("double_metaphone", ""), Map.entry("nysiis", ""),
            Map.entry("else", ""));

    private static final Set<String> TRANSFORMS_WITH_LENGTH = Set.of("prefix", "suffix", "digits", "tokens");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MatchModelJson() {
    }

    /**
     * @throws MatchModelException listing every problem, each with its JSON path
     */
    public static MatchModel parse(final String json) {
        final JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new MatchModelException(List.of("not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new MatchModelException(List.of("the model must be a JSON object with 'comparisons' and 'blocking'"));
        }
        final Reader reader = new Reader();
        final MatchModel model = reader.model(root);
        if (!reader.problems.isEmpty()) {
            throw new MatchModelException(reader.problems);
        }
        return model;
    }

    /** The model as pretty-printed JSON that {@link #parse} reads back to an equal model. */
    public static String write(final MatchModel model) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("name", model.name());
        root.put("prior", model.prior());
        root.put("matchThreshold", model.matchThreshold());
        root.put("reviewThreshold", model.reviewThreshold());
        root.put("maxBlockSize", model.maxBlockSize());
        if (model.onePerSource()) {
            root.put("onePerSource", true);
        }
        final ArrayNode blocking = root.putArray("blocking");
        for (final BlockingRule rule : model.blockingRules()) {
            final ObjectNode ruleNode = blocking.addObject().put("name", rule.name());
            if (rule.symmetric()) {
                ruleNode.put("symmetric", true);
            }
            final ArrayNode keys = ruleNode.putArray("keys");
            for (final BlockingRule.KeyPart part : rule.parts()) {
                final ObjectNode key = keys.addObject().put("field", part.field()).put("transform", part.transform().name().toLowerCase(Locale.ROOT));
                if (TRANSFORMS_WITH_LENGTH.contains(part.transform().name().toLowerCase(Locale.ROOT)) && part.length() > 0) {
                    key.put("length", part.length());
                }
            }
        }
        final ArrayNode comparisons = root.putArray("comparisons");
        for (final Comparison comparison : model.comparisons()) {
            final ObjectNode node = comparisons.addObject().put("name", comparison.name()).put("field", comparison.field())
                    .put("tfMinimumU", comparison.tfMinimumU());
            final ArrayNode levels = node.putArray("levels");
            for (final ComparisonLevel level : comparison.levels()) {
                final ObjectNode levelNode = levels.addObject().put("type", level.kind());
                final String parameter = LEVEL_PARAMETERS.get(level.kind());
                if (!parameter.isEmpty()) {
                    levelNode.put(parameter, level.parameter());
                }
                if (level.otherField() != null) {
                    levelNode.put("with", level.otherField());
                }
                levelNode.put("m", level.m()).put("u", level.u());
                if (level.tfAdjusted()) {
                    levelNode.put("tf", true);
                }
                levelNode.put("label", level.label());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Walks the JSON tree, collecting problems rather than stopping at the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        MatchModel model(final JsonNode root) {
            final String name = root.path("name").asText("model");
            final double prior = probability(root, "prior", "", 0.0001);
            final double matchThreshold = probability(root, "matchThreshold", "", 0.9);
            final double reviewThreshold = probability(root, "reviewThreshold", "", Math.min(0.5, matchThreshold));
            if (reviewThreshold > matchThreshold) {
                problems.add("reviewThreshold: " + reviewThreshold + " is above matchThreshold " + matchThreshold);
            }
            final int maxBlockSize = root.has("maxBlockSize") ? positiveInt(root.get("maxBlockSize"), "maxBlockSize") : 200;
            final List<BlockingRule> rules = new ArrayList<>();
            final JsonNode blocking = root.path("blocking");
            if (!blocking.isArray() || blocking.isEmpty()) {
                problems.add("blocking: give at least one blocking rule, e.g. [{\"name\": \"email\", \"keys\": [{\"field\": \"email\"}]}]");
            } else {
                for (int i = 0; i < blocking.size(); i++) {
                    final BlockingRule rule = blockingRule(blocking.get(i), "blocking[" + i + "]");
                    if (rule != null) {
                        if (rules.stream().anyMatch(r -> r.name().equals(rule.name()))) {
                            problems.add("blocking[" + i + "].name: '" + rule.name() + "' is used by another rule");
                        }
                        rules.add(rule);
                    }
                }
            }
            final List<Comparison> comparisons = new ArrayList<>();
            final JsonNode comparisonNodes = root.path("comparisons");
            if (!comparisonNodes.isArray() || comparisonNodes.isEmpty()) {
                problems.add("comparisons: give at least one comparison, e.g. {\"field\": \"email\", \"levels\": [...]}");
            } else {
                for (int i = 0; i < comparisonNodes.size(); i++) {
                    final Comparison comparison = comparison(comparisonNodes.get(i), "comparisons[" + i + "]");
                    if (comparison != null) {
                        comparisons.add(comparison);
                    }
                }
            }
            unknownKeys(root, "", Set.of("name", "prior", "matchThreshold", "reviewThreshold", "maxBlockSize", "onePerSource", "blocking", "comparisons", "description"));
            final JsonNode onePerSource = root.path("onePerSource");
            if (!onePerSource.isMissingNode() && !onePerSource.isBoolean()) {
                problems.add("onePerSource: must be true or false, not " + onePerSource);
            }
            return new MatchModel(name, prior, matchThreshold, reviewThreshold, maxBlockSize, rules, comparisons, onePerSource.asBoolean(false));
        }

        BlockingRule blockingRule(final JsonNode node, final String path) {
            final String name = text(node, "name", path);
            final JsonNode keys = node.path("keys");
            if (!keys.isArray() || keys.isEmpty()) {
                problems.add(path + ".keys: give at least one key part, e.g. {\"field\": \"family_name\", \"transform\": \"soundex\"}");
                return null;
            }
            final List<BlockingRule.KeyPart> parts = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                final JsonNode key = keys.get(i);
                final String keyPath = path + ".keys[" + i + "]";
                final String field = text(key, "field", keyPath);
                final String transformName = key.path("transform").asText("exact");
                BlockingRule.Transform transform = null;
                try {
                    transform = BlockingRule.Transform.of(transformName);
                } catch (final IllegalArgumentException e) {
                    problems.add(keyPath + ".transform: unknown transform '" + transformName + "'; use one of exact, lower, soundex, double_metaphone, nysiis, prefix, suffix, year, digits, tokens");
                }
                int length = 0;
                if (TRANSFORMS_WITH_LENGTH.contains(transformName.toLowerCase(Locale.ROOT))) {
                    if (key.has("length")) {
                        length = positiveInt(key.get("length"), keyPath + ".length");
                    } else if (!transformName.equalsIgnoreCase("digits") && !transformName.equalsIgnoreCase("tokens")) {
                        problems.add(keyPath + ".length: " + transformName + " needs a length, e.g. \"length\": 3");
                    }
                }
                unknownKeys(key, keyPath, Set.of("field", "transform", "length"));
                if (field != null && transform != null) {
                    parts.add(new BlockingRule.KeyPart(field, transform, length));
                }
            }
            return name == null ? null : new BlockingRule(name, parts, node.path("symmetric").asBoolean(false));
        }

        Comparison comparison(final JsonNode node, final String path) {
            final String field = text(node, "field", path);
            final String name = node.path("name").asText(field);
            final double tfMinimumU = node.has("tfMinimumU") ? probability(node, "tfMinimumU", path, 0.001) : 0.001;
            final JsonNode levelNodes = node.path("levels");
            if (!levelNodes.isArray() || levelNodes.isEmpty()) {
                problems.add(path + ".levels: give the comparison levels, from the closest (exact) to the final 'else'");
                return null;
            }
            final List<ComparisonLevel> levels = new ArrayList<>();
            for (int i = 0; i < levelNodes.size(); i++) {
                final String levelPath = path + ".levels[" + i + "]";
                final ComparisonLevel level = level(levelNodes.get(i), levelPath, field);
                if (level != null) {
                    if (level.isElse() && i != levelNodes.size() - 1) {
                        problems.add(levelPath + ": 'else' must be the last level, it takes every pair that reaches it");
                    }
                    levels.add(level);
                }
            }
            unknownKeys(node, path, Set.of("name", "field", "levels", "tfMinimumU", "description"));
            return field == null ? null : new Comparison(name, field, levels, tfMinimumU);
        }

        ComparisonLevel level(final JsonNode node, final String path, final String field) {
            final String type = node.path("type").asText("").toLowerCase(Locale.ROOT);
            if (!LEVEL_PARAMETERS.containsKey(type)) {
                problems.add(path + ".type: " + (type.isEmpty() ? "missing" : "unknown level type '" + type + "'") + "; use one of "
                        + String.join(", ", new java.util.TreeSet<>(LEVEL_PARAMETERS.keySet())));
                return null;
            }
            final String parameterName = LEVEL_PARAMETERS.get(type);
            double parameter = Double.NaN;
            if (!parameterName.isEmpty()) {
                final JsonNode value = node.get(parameterName);
                if (value == null || !value.isNumber()) {
                    problems.add(path + "." + parameterName + ": " + type + " needs a number '" + parameterName + "'");
                    return null;
                }
                parameter = value.asDouble();
                if (parameterName.equals("threshold") && (parameter <= 0 || parameter > 1)) {
                    problems.add(path + ".threshold: must be above 0 and at most 1, not " + parameter);
                } else if (parameterName.equals("agree") && (parameter < 1 || parameter > 3 || parameter != Math.rint(parameter))) {
                    problems.add(path + ".agree: the number of date parts (year, month, day) that must agree: 1, 2 or 3, not " + parameter);
                } else if (parameter < 0) {
                    problems.add(path + "." + parameterName + ": must not be negative, not " + parameter);
                }
            }
            final double m = probability(node, "m", path, Double.NaN);
            final double u = probability(node, "u", path, Double.NaN);
            if (Double.isNaN(m) || Double.isNaN(u)) {
                return null;
            }
            if (m <= 0 || u <= 0) {
                problems.add(path + ": m and u must be above 0 (a weight of log2(m/u) needs both), got m=" + m + ", u=" + u);
            }
            final boolean tf = node.path("tf").asBoolean(false);
            if (tf && !type.equals("exact")) {
                problems.add(path + ".tf: term-frequency adjustment applies to 'exact' levels only");
            }
            String otherField = null;
            if (type.equals("swapped")) {
                otherField = node.path("with").asText("");
                if (otherField.isEmpty()) {
                    problems.add(path + ".with: 'swapped' needs the other field, e.g. \"with\": \"family_name\"");
                    return null;
                }
            }
            unknownKeys(node, path, Set.of("type", parameterName, "m", "u", "tf", "label", "with"));
            final String label = node.path("label").asText(type.equals("swapped") ? "swapped with " + otherField : defaultLabel(type, parameterName, parameter));
            final LevelTest test = type.equals("swapped") ? new SwappedFieldsTest(field, otherField, parameter) : test(type, parameter, field);
            return new ComparisonLevel(label, type, parameter, test, m, u, tf, otherField);
        }

        private static String defaultLabel(final String type, final String parameterName, final double parameter) {
            if (parameterName.isEmpty()) {
                return type;
            }
            final String bound = parameter == Math.rint(parameter) ? String.valueOf((long) parameter) : String.valueOf(parameter);
            return type + (parameterName.equals("threshold") || parameterName.equals("agree") ? " >= " : " <= ") + bound;
        }

        private static LevelTest test(final String type, final double parameter, final String field) {
            return switch (type) {
                case "exact" -> new ExactTest();
                case "jaro_winkler" -> new JaroWinklerTest(parameter);
                case "levenshtein" -> new LevenshteinTest((int) parameter);
                case "damerau_levenshtein" -> new DamerauLevenshteinTest((int) parameter);
                case "jaccard" -> new JaccardTest(parameter);
                case "tfidf_cosine" -> new TfIdfCosineTest(field, parameter);
                case "numeric_abs" -> new NumericDifferenceTest(parameter, false);
                case "numeric_pct" -> new NumericDifferenceTest(parameter, true);
                case "date_days" -> new DateDifferenceTest((long) parameter, false);
                case "date_swap" -> new DateDifferenceTest(0, true);
                case "date_parts" -> new DatePartsTest((int) parameter);
                case "soundex", "double_metaphone", "nysiis" -> new PhoneticTest(Phonetics.algorithm(type));
                default -> null; // else
            };
        }

        private String text(final JsonNode node, final String key, final String path) {
            final JsonNode value = node.get(key);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                problems.add(path + (path.isEmpty() ? "" : ".") + key + ": missing; give the " + key + " as text");
                return null;
            }
            return value.asText();
        }

        private double probability(final JsonNode node, final String key, final String path, final double fallback) {
            final JsonNode value = node.get(key);
            final String where = path + (path.isEmpty() ? "" : ".") + key;
            if (value == null) {
                if (Double.isNaN(fallback)) {
                    problems.add(where + ": missing; give a probability between 0 and 1");
                }
                return fallback;
            }
            if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
                problems.add(where + ": must be a probability between 0 and 1, not " + value);
                return Double.isNaN(fallback) ? 0.5 : fallback;
            }
            return value.asDouble();
        }

        private int positiveInt(final JsonNode value, final String path) {
            if (!value.canConvertToInt() || value.asInt() <= 0) {
                problems.add(path + ": must be a positive whole number, not " + value);
                return 1;
            }
            return value.asInt();
        }

        private void unknownKeys(final JsonNode node, final String path, final Set<String> known) {
            final Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                final String name = names.next();
                if (!known.contains(name)) {
                    problems.add((path.isEmpty() ? "" : path + ".") + name + ": unknown key; known here: " + String.join(", ", new java.util.TreeSet<>(known)));
                }
            }
        }
    }
}
