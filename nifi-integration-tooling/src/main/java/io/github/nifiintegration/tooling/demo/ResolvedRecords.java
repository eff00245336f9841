package io.github.nifiintegration.tooling.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nifiintegration.tooling.quality.PairwiseQuality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The records a flow's ResolveEntities wrote (as JSON arrays, one folder per relationship), read back
 * the way a user would, with each record's entity id followed to the entity that survived any later
 * merge: records written before a merge still carry the retired id.
 */
public final class ResolvedRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> records;
    private final Map<String, String> survivors = new HashMap<>();

    private ResolvedRecords(final List<JsonNode> records) {
        this.records = records;
        for (final JsonNode record : records) {
            record.path("merged_entity_ids").forEach(retired -> survivors.put(retired.asText(), record.path("entity_id").asText()));
        }
    }

    /** The records of every folder given, in file-name order. */
    public static ResolvedRecords read(final Path... folders) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        for (final Path folder : folders) {
            records.addAll(readRecords(folder));
        }
        return new ResolvedRecords(records);
    }

    /** Every JSON array of records in a folder (none when it does not exist). */
    public static List<JsonNode> readRecords(final Path folder) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return records;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (final Path file : files.sorted().toList()) {
                JSON.readTree(file.toFile()).forEach(records::add);
            }
        }
        return records;
    }

    /** {@code source_system,source_id -> entity_id} from a truth file. */
    public static Map<String, String> truth(final Path file) throws IOException {
        final Map<String, String> truth = new HashMap<>();
        final List<String> lines = Files.readAllLines(file);
        for (final String line : lines.subList(1, lines.size())) {
            final int last = line.lastIndexOf(',');
            truth.put(line.substring(0, last), line.substring(last + 1));
        }
        return truth;
    }

    public int size() {
        return records.size();
    }

    /** Distinct entities, after merges. */
    public int entities() {
        return (int) records.stream().map(this::entityOf).distinct().count();
    }

    /** The records of each entity, after merges. */
    public Map<String, List<JsonNode>> byEntity() {
        final Map<String, List<JsonNode>> byEntity = new HashMap<>();
        records.forEach(record -> byEntity.computeIfAbsent(entityOf(record), entity -> new ArrayList<>()).add(record));
        return byEntity;
    }

    /** How many records got each match status. */
    public Map<String, Integer> statuses() {
        final Map<String, Integer> statuses = new TreeMap<>();
        records.forEach(record -> statuses.merge(record.path("match_status").asText(), 1, Integer::sum));
        return statuses;
    }

    /** Pairwise precision and recall of the entities against a truth file's. */
    public PairwiseQuality quality(final Map<String, String> truth) {
        final PairwiseQuality quality = new PairwiseQuality();
        for (final JsonNode record : records) {
            final String key = record.path("source_system").asText() + "," + record.path("source_id").asText();
            quality.add(entityOf(record), truth.getOrDefault(key, "unknown:" + key));
        }
        return quality;
    }

    private String entityOf(final JsonNode record) {
        String current = record.path("entity_id").asText();
        for (int hops = 0; survivors.containsKey(current) && hops < survivors.size(); hops++) {
            current = survivors.get(current);
        }
        return current;
    }
}
