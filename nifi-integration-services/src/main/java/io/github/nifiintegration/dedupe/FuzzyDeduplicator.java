package io.github.nifiintegration.dedupe;

import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.resolution.EntityIds;
import io.github.nifiintegration.resolution.EntityResolver;
import io.github.nifiintegration.resolution.Resolution;
import io.github.nifiintegration.resolution.ResolutionStats;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreTransaction;

import java.util.List;
import java.util.Map;

/**
 * Fuzzy deduplication: a record duplicates the records it matches under the match model (the same
 * comparisons, blocking rules and thresholds as entity resolution), so typo'd and reformatted copies
 * are caught. It is entity resolution read the other way round: a record that starts a new entity is
 * unique; a record that joins (or merges) entities is a duplicate of the group's kept record, the
 * oldest record of the entity; a record replayed unchanged is a duplicate of itself as first seen.
 * The store remembers every record, so later FlowFiles and restarts are compared with all of them.
 */
public final class FuzzyDeduplicator {

    /** Source system of the records a deduplicator stores: the store is the deduplicator's own. */
    public static final String SOURCE_SYSTEM = "dedupe";

    /**
     * One record's verdict.
     *
     * @param duplicate  whether the record is a duplicate
     * @param keptId     the id of the kept record of its group (its own for a unique record)
     * @param matchedId  the id of the record it matched best (null when it matched none)
     * @param resolution the resolution behind the verdict: probability, weight and explanation of the best match
     */
    public record FuzzyVerdict(boolean duplicate, String keptId, String matchedId, Resolution resolution) {

        /** Whether the record was possibly, but not surely, a duplicate (between the review and the match threshold). */
        public boolean possibleDuplicate() {
            return !duplicate && resolution.status() == io.github.nifiintegration.resolution.ResolutionStatus.REVIEW;
        }
    }

    private final EntityResolver resolver;

    public FuzzyDeduplicator(final MatchModel model) {
        this.resolver = new EntityResolver(model);
    }

    public MatchModel model() {
        return resolver.model();
    }

    /** Prepares a record without the store (thread-safe): its blocking keys, counters and stored form. */
    public EntityResolver.Prepared prepare(final String id, final Map<String, Object> values) {
        return resolver.prepare(new SourceKey(SOURCE_SYSTEM, id), values);
    }

    /** Judges one prepared record against everything stored, inside the transaction, and stores it. */
    public FuzzyVerdict judge(final StoreTransaction tx, final EntityResolver.Prepared record, final ResolutionStats stats) {
        final Resolution resolution = resolver.resolve(tx, record, stats);
        final String ownId = record.key().id();
        return switch (resolution.status()) {
            case MATCHED, MERGED -> {
                final String matchedId = resolution.candidates().isEmpty() ? null : resolution.candidates().get(0).sourceId();
                yield new FuzzyVerdict(true, keptRecord(tx, resolution.entityId(), matchedId, ownId), matchedId, resolution);
            }
            case UNCHANGED -> new FuzzyVerdict(true, keptRecord(tx, resolution.entityId(), ownId, ownId), ownId, resolution);
            case NEW, REVIEW, UPDATED -> new FuzzyVerdict(false, ownId, resolution.candidates().isEmpty() ? null : resolution.candidates().get(0).sourceId(), resolution);
        };
    }

    /**
     * The oldest record of the entity: the one kept when the group's first copy arrived. An entity's id
     * is derived from the record that founded it, and a merge keeps the older entity's id, so when the
     * record just matched founded the entity it is the kept one, without reading the entity's members
     * (the common case: a group of an original and one copy).
     */
    private static String keptRecord(final StoreTransaction tx, final String entityId, final String likelyFounder, final String fallback) {
        if (likelyFounder != null && EntityIds.forFounder(new SourceKey(SOURCE_SYSTEM, likelyFounder)).equals(entityId)) {
            return likelyFounder;
        }
        final List<SourceKey> members = tx.members(entityId);
        return members.isEmpty() ? fallback : members.get(0).id();
    }
}
