package io.github.nifiintegration.resolution;

import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.PairScorer;
import io.github.nifiintegration.matching.Score;
import io.github.nifiintegration.store.RecordCodec;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incremental entity resolution: each record is resolved against every record stored before it
 * (earlier records of the same batch included), so the outcome does not depend on how the records
 * were cut into batches.
 * <ol>
 *   <li>A record seen before with the same values changes nothing (idempotent replays).</li>
 *   <li>Candidates are the records filed under the record's blocking keys (at most maxBlockSize per key).</li>
 *   <li>Each candidate is scored; an entity's score is its best record's.</li>
 *   <li>Entities at or above the match threshold are united: the record joins the oldest, and the
 *       others are merged into it (their ids then resolve to it). A record below the match threshold
 *       but at or above the review threshold starts its own entity and waits for a person's decision.</li>
 * </ol>
 */
public final class EntityResolver {

    private static final int REVIEW_CANDIDATES = 5;

    private final MatchModel model;
    private final PairScorer scorer;
    private final StoreFrequencies frequencies;

    public EntityResolver(final MatchModel model) {
        this.model = model;
        this.scorer = new PairScorer(model);
        this.frequencies = new StoreFrequencies(model);
    }

    public MatchModel model() {
        return model;
    }

    /**
     * Resolves one record inside the given transaction and stores it.
     *
     * @param values the record's canonical values (lineage fields excluded: they change on every replay)
     */
    public Resolution resolve(final StoreTransaction tx, final SourceKey key, final Map<String, Object> values, final ResolutionStats stats) {
        final Map<String, Object> stored = storedForm(values);
        final String hash = RecordCodec.contentHash(stored);
        final StoredRecord existing = tx.record(key);
        if (existing != null && existing.contentHash().equals(hash)) {
            return new Resolution(ResolutionStatus.UNCHANGED, tx.currentEntityId(existing.entityId()), Double.NaN, Double.NaN, List.of(), List.of(), List.of());
        }
        frequencies.over(tx);
        final List<String> blockingKeys = StoreFrequencies.blockingKeys(model, stored);
        final String ownEntity = existing == null ? null : tx.currentEntityId(existing.entityId());

        final Map<String, Scored> bestByEntity = scoreCandidates(tx, key, stored, blockingKeys, stats);
        final List<Scored> ranked = new ArrayList<>(bestByEntity.values());
        ranked.sort(Comparator.comparingDouble((Scored s) -> -s.score.weight()).thenComparing(s -> s.entityId));

        final Set<String> matchedEntities = new LinkedHashSet<>();
        for (final Scored candidate : ranked) {
            if (candidate.score.probability() >= model.matchThreshold() && !candidate.entityId.equals(ownEntity)) {
                matchedEntities.add(candidate.entityId);
            }
        }

        final ResolutionStatus status;
        final String entityId;
        final List<String> retired = new ArrayList<>();
        final Scored best = ranked.isEmpty() ? null : ranked.get(0);
        if (matchedEntities.isEmpty()) {
            if (existing != null) {
                status = ResolutionStatus.UPDATED;
                entityId = ownEntity;
            } else {
                entityId = EntityIds.forFounder(key);
                status = best != null && best.score.probability() >= model.reviewThreshold() ? ResolutionStatus.REVIEW : ResolutionStatus.NEW;
            }
        } else {
            final Set<String> united = new LinkedHashSet<>(matchedEntities);
            if (ownEntity != null) {
                united.add(ownEntity);
            }
            entityId = oldest(tx, united);
            for (final String other : united) {
                if (!other.equals(entityId)) {
                    tx.mergeEntities(entityId, other);
                    retired.add(other);
                    stats.merges++;
                }
            }
            status = !retired.isEmpty() ? ResolutionStatus.MERGED : existing != null ? ResolutionStatus.UPDATED : ResolutionStatus.MATCHED;
        }

        // explained before storing: storing changes the frequency counters the score was made with
        final Score explained = best == null ? null : scorer.explain(stored, best.record.values(), frequencies);
        store(tx, key, stored, hash, existing, blockingKeys, entityId);
        final List<Candidate> candidates = candidates(ranked);
        if (status == ResolutionStatus.REVIEW) {
            tx.putReview(key, reviewDetail(candidates));
        } else if (existing != null) {
            tx.removeReview(key);
        }
        if (explained == null) {
            return new Resolution(status, entityId, Double.NaN, Double.NaN, List.of(), candidates, retired);
        }
        return new Resolution(status, entityId, explained.probability(), explained.weight(), explained.contributions(), candidates, retired);
    }

    private Map<String, Scored> scoreCandidates(final StoreTransaction tx, final SourceKey key, final Map<String, Object> values,
                                                final List<String> blockingKeys, final ResolutionStats stats) {
        final String ownKey = key.asString();
        final Set<String> candidateKeys = new LinkedHashSet<>();
        for (final String blockingKey : blockingKeys) {
            final List<String> members = tx.blockMembers(blockingKey, model.maxBlockSize());
            if (members.size() == model.maxBlockSize() && tx.blockSize(blockingKey) > model.maxBlockSize()) {
                stats.oversizedBlocks++;
            }
            candidateKeys.addAll(members);
        }
        candidateKeys.remove(ownKey);
        final Map<String, Scored> bestByEntity = new HashMap<>();
        final Map<String, String> entityOf = new HashMap<>();
        for (final String candidateKey : candidateKeys) {
            final StoredRecord candidate = tx.record(SourceKey.parse(candidateKey));
            if (candidate == null) {
                continue;
            }
            final Score score = scorer.score(values, candidate.values(), frequencies);
            stats.pairsCompared++;
            final String entity = entityOf.computeIfAbsent(candidate.entityId(), tx::currentEntityId);
            final Scored previous = bestByEntity.get(entity);
            if (previous == null || score.weight() > previous.score.weight()) {
                bestByEntity.put(entity, new Scored(entity, candidate, score));
            }
        }
        return bestByEntity;
    }

    private void store(final StoreTransaction tx, final SourceKey key, final Map<String, Object> values, final String hash,
                       final StoredRecord existing, final List<String> blockingKeys, final String entityId) {
        if (existing == null) {
            final long sequence = tx.nextSequence();
            if (tx.entityCreated(entityId) < 0) {
                tx.createEntity(entityId, sequence);
            }
            tx.insertRecord(new StoredRecord(key, entityId, sequence, values, hash), blockingKeys);
        } else {
            tx.adjustCounters(frequencies.counterKeys(existing.values()), -1);
            tx.updateRecord(new StoredRecord(key, entityId, existing.sequence(), values, hash),
                    StoreFrequencies.blockingKeys(model, existing.values()), blockingKeys);
        }
        tx.adjustCounters(frequencies.counterKeys(values), 1);
    }

    private static String oldest(final StoreTransaction tx, final Set<String> entities) {
        String oldest = null;
        long oldestCreated = Long.MAX_VALUE;
        for (final String entity : entities) {
            final long created = tx.entityCreated(entity);
            if (created < oldestCreated || created == oldestCreated && entity.compareTo(oldest) < 0) {
                oldest = entity;
                oldestCreated = created;
            }
        }
        return oldest;
    }

    private static List<Candidate> candidates(final List<Scored> ranked) {
        final List<Candidate> candidates = new ArrayList<>(Math.min(ranked.size(), REVIEW_CANDIDATES));
        for (final Scored scored : ranked.subList(0, Math.min(ranked.size(), REVIEW_CANDIDATES))) {
            candidates.add(new Candidate(scored.entityId, scored.score.probability(), scored.score.weight(),
                    scored.record.key().system(), scored.record.key().id()));
        }
        return candidates;
    }

    private static String reviewDetail(final List<Candidate> candidates) {
        final StringBuilder detail = new StringBuilder();
        for (final Candidate candidate : candidates) {
            if (!detail.isEmpty()) {
                detail.append(';');
            }
            detail.append(candidate.entityId()).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", candidate.probability()));
        }
        return detail.toString();
    }

    private static Map<String, Object> storedForm(final Map<String, Object> values) {
        final Map<String, Object> stored = new LinkedHashMap<>(values.size() * 2);
        values.forEach((field, value) -> {
            final Object normalized = RecordCodec.normalize(value);
            if (normalized != null) {
                stored.put(field, normalized);
            }
        });
        return stored;
    }

    /** A candidate entity with its best-scoring record. */
    private record Scored(String entityId, StoredRecord record, Score score) {
    }
}
