package io.github.nifiintegration.survivorship;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entities a batch touched, whose golden records need a look: entity ids as they were reported
 * (a retired id is followed to its survivor), and the splits a steward made.
 */
public final class TouchedEntities {

    private final Set<String> entities = new TreeSet<>();
    private final Map<String, Set<String>> splits = new TreeMap<>();

    public void add(final String entityId) {
        if (entityId != null && !entityId.isBlank()) {
            entities.add(entityId);
        }
    }

    /** Records were split out of {@code origin} into {@code newEntity}. */
    public void addSplit(final String origin, final String newEntity) {
        add(origin);
        add(newEntity);
        splits.computeIfAbsent(origin, o -> new TreeSet<>()).add(newEntity);
    }

    Set<String> entities() {
        return entities;
    }

    Map<String, Set<String>> splits() {
        return splits;
    }

    public boolean isEmpty() {
        return entities.isEmpty();
    }
}
