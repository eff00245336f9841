package io.github.nifiintegration.stewardship;

import io.github.nifiintegration.resolution.CannotLinks;
import io.github.nifiintegration.resolution.EntityIds;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;

import java.util.List;

/**
 * Applies steward decisions to the store, so that resolution and survivorship respect them from then
 * on: merges redirect the retired id, splits move the record out and forbid it to rejoin the records
 * it left (cannot-links), pins are kept with the entity and survive every recomputation.
 */
public final class DecisionApplier {

    /**
     * @throws InvalidDecisionException when the decision names what the store does not hold, or contradicts an earlier decision
     */
    public AppliedDecision apply(final StoreTransaction tx, final StewardDecision decision) {
        return switch (decision) {
            case StewardDecision.Merge merge -> merge(tx, merge);
            case StewardDecision.Split split -> split(tx, split.record(), null);
            case StewardDecision.CannotLink link -> cannotLink(tx, link);
            case StewardDecision.Pin pin -> {
                final String entity = liveEntity(tx, pin.entityId());
                tx.pin(entity, pin.field(), pin.value());
                yield new AppliedDecision(entity, List.of(), null);
            }
            case StewardDecision.Unpin unpin -> {
                final String entity = liveEntity(tx, unpin.entityId());
                tx.unpin(entity, unpin.field());
                yield new AppliedDecision(entity, List.of(), null);
            }
        };
    }

    private AppliedDecision merge(final StoreTransaction tx, final StewardDecision.Merge merge) {
        final String first = liveEntity(tx, merge.entityId());
        final String second = liveEntity(tx, merge.otherEntityId());
        if (first.equals(second)) {
            return new AppliedDecision(first, List.of(), null);
        }
        if (new CannotLinks(tx).forbiddenFor(first).contains(second)) {
            throw new InvalidDecisionException("entities " + first + " and " + second + " hold records a steward declared distinct (cannot-link); "
                    + "take that decision back before merging them");
        }
        final long firstCreated = tx.entityCreated(first);
        final long secondCreated = tx.entityCreated(second);
        final boolean firstSurvives = firstCreated < secondCreated || firstCreated == secondCreated && first.compareTo(second) < 0;
        final String survivor = firstSurvives ? first : second;
        final String retired = firstSurvives ? second : first;
        tx.mergeEntities(survivor, retired);
        return new AppliedDecision(survivor, List.of(retired), null);
    }

    private AppliedDecision split(final StoreTransaction tx, final SourceKey key, final SourceKey alsoApartFrom) {
        final StoredRecord stored = storedRecord(tx, key);
        final String origin = tx.currentEntityId(stored.entityId());
        final List<SourceKey> others = tx.members(origin).stream().filter(member -> !member.equals(key)).toList();
        if (others.isEmpty()) {
            throw new InvalidDecisionException("record " + key + " is the only record of entity " + origin + "; there is nothing to split it from");
        }
        for (final SourceKey other : others) {
            if (alsoApartFrom == null || other.equals(alsoApartFrom)) {
                tx.addCannotLink(key, other);
            }
        }
        final String newEntity = EntityIds.forSplit(key, origin);
        tx.moveRecord(key, newEntity);
        return new AppliedDecision(newEntity, List.of(), origin);
    }

    /** Either record may still be to come (the link then waits for it), but not both. */
    private AppliedDecision cannotLink(final StoreTransaction tx, final StewardDecision.CannotLink link) {
        final StoredRecord first = tx.record(link.record());
        final StoredRecord second = tx.record(link.otherRecord());
        if (first == null && second == null) {
            throw new InvalidDecisionException("neither " + link.record() + " nor " + link.otherRecord() + " is stored");
        }
        if (first != null && second != null && tx.currentEntityId(first.entityId()).equals(tx.currentEntityId(second.entityId()))) {
            // together now: the second record leaves, and only the declared pair is kept apart
            return split(tx, link.otherRecord(), link.record());
        }
        tx.addCannotLink(link.record(), link.otherRecord());
        return new AppliedDecision(tx.currentEntityId((first != null ? first : second).entityId()), List.of(), null);
    }

    private static StoredRecord storedRecord(final StoreTransaction tx, final SourceKey key) {
        final StoredRecord stored = tx.record(key);
        if (stored == null) {
            throw new InvalidDecisionException("no source record " + key + " is stored");
        }
        return stored;
    }

    /** The id an entity goes by now; it must hold records. */
    private static String liveEntity(final StoreTransaction tx, final String entityId) {
        final String current = tx.currentEntityId(entityId);
        if (tx.members(current).isEmpty()) {
            throw new InvalidDecisionException("no entity " + entityId + " is stored");
        }
        return current;
    }
}
