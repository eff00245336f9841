package io.github.nifiintegration.resolution;

/** An entity a record was compared with: its id, the best match probability and weight, and the record that gave them. */
public record Candidate(String entityId, double probability, double weight, String sourceSystem, String sourceId) {
}
