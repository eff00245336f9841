package io.github.nifiintegration.resolution;

import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.PairScorer;
import io.github.nifiintegration.matching.Score;
import io.github.nifiintegration.matching.comparators.ComparisonContext;
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
 * With a model's {@code onePerSource}, entities are taken best first and an entity that would put two
 * records of one source system together is passed over: linking duplicate-free sources, a record
 * that resembles several records of the other source goes with the closest, instead of chaining them.
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
     * A record made ready for resolution without touching the store: its values in stored form, their
     * hash, its blocking keys and frequency counters. Thread-safe, so concurrent tasks can prepare
     * their records while another task holds the store.
     */
    public record Prepared(SourceKey key, Map<String, Object> values, String hash, List<String> blockingKeys, List<String> counterKeys) {
    }

    /**
     * @param values the record's canonical values (lineage fields excluded: they change on every replay)
     */
    public Prepared prepare(final SourceKey key, final Map<String, Object> values) {
        final Map<String, Object> stored = storedForm(values);
        return new Prepared(key, stored, RecordCodec.contentHash(stored), StoreFrequencies.blockingKeys(model, stored), frequencies.counterKeys(stored));
    }

    /** Prepares and resolves one record inside the given transaction, and stores it. */
    public Resolution resolve(final StoreTransaction tx, final SourceKey key, final Map<String, Object> values, final ResolutionStats stats) {
        return resolve(tx, prepare(key, values), stats);
    }

    /** Resolves one prepared record inside the given transaction, and stores it. */
    public Resolution resolve(final StoreTransaction tx, final Prepared record, final ResolutionStats stats) {
        final SourceKey key = record.key();
        final Map<String, Object> stored = record.values();
        final String hash = record.hash();
        final StoredRecord existing = tx.record(key);
        if (existing != null && existing.contentHash().equals(hash)) {
            return new Resolution(ResolutionStatus.UNCHANGED, tx.currentEntityId(existing.entityId()), Double.NaN, Double.NaN, List.of(), List.of(), List.of());
        }
        final ComparisonContext context = frequencies.over(tx);
        final List<String> blockingKeys = record.blockingKeys();
        final String ownEntity = existing == null ? null : tx.currentEntityId(existing.entityId());

        final Map<String, Scored> bestByEntity = scoreCandidates(tx, key, stored, blockingKeys, context, stats);
        final List<Scored> ranked = new ArrayList<>(bestByEntity.values());
        ranked.sort(Comparator.comparingDouble((Scored s) -> -s.score.weight()).thenComparing(s -> s.entityId));

        Set<String> matchedEntities = new LinkedHashSet<>();
        final Set<String> unitedSystems = model.onePerSource() ? systems(tx, key, ownEntity) : null;
        for (final Scored candidate : ranked) {
            if (candidate.score.probability() >= model.matchThreshold() && !candidate.entityId.equals(ownEntity)
                    && (unitedSystems == null || joinsWithoutSourceClash(tx, candidate.entityId, unitedSystems))) {
                matchedEntities.add(candidate.entityId);
            }
        }
        if (!matchedEntities.isEmpty() && tx.hasCannotLinks()) {
            matchedEntities = new CannotLinks(tx).compatible(key, ownEntity, matchedEntities);
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
        final Score explained = best == null ? null : scorer.explain(stored, best.record.values(), context);
        store(tx, record, existing, entityId);
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

    /** The source systems of the record and of the entity it already belongs to. */
    private static Set<String> systems(final StoreTransaction tx, final SourceKey key, final String ownEntity) {
        final Set<String> systems = new java.util.HashSet<>();
        systems.add(key.system());
        if (ownEntity != null) {
            tx.members(ownEntity).forEach(member -> systems.add(member.system()));
        }
        return systems;
    }

    /** Whether the entity holds no record of the systems united so far; if so, its systems join them. */
    private static boolean joinsWithoutSourceClash(final StoreTransaction tx, final String entityId, final Set<String> unitedSystems) {
        final Set<String> entitySystems = new java.util.HashSet<>();
        for (final SourceKey member : tx.members(entityId)) {
            if (unitedSystems.contains(member.system())) {
                return false;
            }
            entitySystems.add(member.system());
        }
        unitedSystems.addAll(entitySystems);
        return true;
    }

    private Map<String, Scored> scoreCandidates(final StoreTransaction tx, final SourceKey key, final Map<String, Object> values,
                                                final List<String> blockingKeys, final ComparisonContext context, final ResolutionStats stats) {
        final Map<Long, StoredRecord> candidates = new LinkedHashMap<>();
        for (final String blockingKey : blockingKeys) {
            final List<StoredRecord> block = tx.blockRecords(blockingKey, model.maxBlockSize());
            if (block.size() == model.maxBlockSize() && tx.blockSize(blockingKey) > model.maxBlockSize()) {
                stats.oversizedBlocks++;
            }
            for (final StoredRecord candidate : block) {
                candidates.putIfAbsent(candidate.sequence(), candidate);
            }
        }
        final Map<String, Scored> bestByEntity = new HashMap<>();
        final Map<String, String> entityOf = new HashMap<>();
        for (final StoredRecord candidate : candidates.values()) {
            if (candidate.key().equals(key)) {
                continue;
            }
            final Score score = scorer.score(values, candidate.values(), context);
            stats.pairsCompared++;
            final String entity = entityOf.computeIfAbsent(candidate.entityId(), tx::currentEntityId);
            final Scored previous = bestByEntity.get(entity);
            if (previous == null || score.weight() > previous.score.weight()) {
                bestByEntity.put(entity, new Scored(entity, candidate, score));
            }
        }
        return bestByEntity;
    }

    private void store(final StoreTransaction tx, final Prepared record, final StoredRecord existing, final String entityId) {
        final long sequence = existing == null ? tx.nextSequence() : existing.sequence();
        final StoredRecord stored = new StoredRecord(record.key(), entityId, sequence, record.values(), record.hash());
        if (existing == null) {
            tx.insertRecord(stored, record.blockingKeys(), record.counterKeys());
        } else {
            tx.updateRecord(stored, record.blockingKeys(), record.counterKeys());
        }
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
        boolean alreadyStored = true;
        for (final Object value : values.values()) {
            if (value == null || RecordCodec.normalize(value) != value) {
                alreadyStored = false;
                break;
            }
        }
        if (alreadyStored) {
            return values;
        }
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
