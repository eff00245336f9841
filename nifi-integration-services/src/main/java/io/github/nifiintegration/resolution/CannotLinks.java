package io.github.nifiintegration.resolution;

import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreReader;
import io.github.nifiintegration.store.StoredRecord;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A steward's cannot-link decisions as resolution applies them: a record never joins an entity that
 * holds a record it cannot be linked with, and two entities are never united when a record of one
 * cannot be linked with a record of the other. Looked up per decision, only while the store holds
 * any cannot-link at all.
 */
public final class CannotLinks {

    private final StoreReader store;
    private final Map<String, Set<String>> forbiddenByEntity = new HashMap<>();

    public CannotLinks(final StoreReader store) {
        this.store = store;
    }

    /**
     * The entities that may be united with the record, in the given order: those the record itself
     * may join, skipping any that conflicts with the record's own entity or one taken before it.
     */
    public Set<String> compatible(final SourceKey record, final String ownEntity, final Collection<String> matched) {
        final Set<String> accepted = new LinkedHashSet<>();
        final Set<String> forbidden = new HashSet<>(entitiesOf(store.cannotLinks(record)));
        if (ownEntity != null) {
            forbidden.addAll(forbiddenFor(ownEntity));
        }
        for (final String entity : matched) {
            if (!forbidden.contains(entity)) {
                final Set<String> conflicts = forbiddenFor(entity);
                if (ownEntity != null && conflicts.contains(ownEntity) || conflicts.stream().anyMatch(accepted::contains)) {
                    continue;
                }
                accepted.add(entity);
                forbidden.addAll(conflicts);
            }
        }
        return accepted;
    }

    /** The entities holding a record that cannot be linked with some record of this entity. */
    public Set<String> forbiddenFor(final String entity) {
        return forbiddenByEntity.computeIfAbsent(entity, e -> {
            final Set<String> forbidden = new HashSet<>();
            final List<SourceKey> members = store.members(e);
            for (final SourceKey member : members) {
                forbidden.addAll(entitiesOf(store.cannotLinks(member)));
            }
            return forbidden;
        });
    }

    private Set<String> entitiesOf(final Set<SourceKey> keys) {
        final Set<String> entities = new HashSet<>();
        for (final SourceKey key : keys) {
            final StoredRecord stored = store.record(key);
            if (stored != null) {
                entities.add(store.currentEntityId(stored.entityId()));
            }
        }
        return entities;
    }
}
