package io.github.nifiintegration.tooling.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The golden records and change events a flow's MaintainGoldenRecords wrote, read back: the latest
 * version of each entity's golden record, and the conflicts it settled, i.e. the fields on which an
 * entity's source records disagreed and a survivorship rule chose one value.
 */
public final class GoldenRecords {

    /** Fields of a golden record that are about the record, not values taken from the sources. */
    private static final Set<String> BOOKKEEPING = Set.of("entity_id", "golden_version", "retired_into", "changed_at", "golden_lineage");

    /** Conflicts settled: field values in which sources disagreed, and in how many entities. */
    public record Conflicts(int fields, int entities) {
    }

    private final Map<String, JsonNode> latest = new HashMap<>();
    private final Map<String, Integer> events = new TreeMap<>();

    private GoldenRecords(final List<JsonNode> versions, final List<JsonNode> changeEvents) {
        for (final JsonNode version : versions) {
            latest.merge(version.path("entity_id").asText(), version,
                    (a, b) -> a.path("golden_version").asLong() >= b.path("golden_version").asLong() ? a : b);
        }
        changeEvents.forEach(event -> events.merge(event.path("event_type").asText(), 1, Integer::sum));
    }

    public static GoldenRecords read(final Path goldenFolder, final Path eventsFolder) throws IOException {
        return new GoldenRecords(ResolvedRecords.readRecords(goldenFolder), ResolvedRecords.readRecords(eventsFolder));
    }

    /** The latest version of each entity's golden record that was not retired into another by a merge. */
    public Map<String, JsonNode> current() {
        final Map<String, JsonNode> current = new TreeMap<>();
        latest.forEach((entity, golden) -> {
            if (golden.path("retired_into").isNull() || golden.path("retired_into").isMissingNode()) {
                current.put(entity, golden);
            }
        });
        return current;
    }

    /** Change events by type (CREATED, UPDATED, MERGED, SPLIT). */
    public Map<String, Integer> events() {
        return events;
    }

    /** The golden fields on which an entity's source records hold more than one value. */
    public Conflicts conflicts(final ResolvedRecords sources) {
        final Map<String, List<JsonNode>> byEntity = sources.byEntity();
        int fields = 0;
        int entities = 0;
        for (final Map.Entry<String, JsonNode> golden : current().entrySet()) {
            final List<JsonNode> records = byEntity.getOrDefault(golden.getKey(), List.of());
            int disagreements = 0;
            for (final var names = golden.getValue().fieldNames(); names.hasNext(); ) {
                final String field = names.next();
                if (!BOOKKEEPING.contains(field) && distinctValues(records, field) > 1) {
                    disagreements++;
                }
            }
            fields += disagreements;
            entities += disagreements > 0 ? 1 : 0;
        }
        return new Conflicts(fields, entities);
    }

    private static int distinctValues(final List<JsonNode> records, final String field) {
        final Set<String> values = new HashSet<>();
        for (final JsonNode record : records) {
            final JsonNode value = record.path(field);
            if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
                values.add(value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return values.size();
    }
}
