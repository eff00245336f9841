package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.dedupe.FuzzyDeduplicator;
import io.github.nifiintegration.mapping.ValueSelector;
import io.github.nifiintegration.processors.resolution.ResolutionFields;
import io.github.nifiintegration.resolution.EntityResolver;
import io.github.nifiintegration.resolution.ResolutionStats;
import io.github.nifiintegration.resolution.ResolutionStatus;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.StoreTransaction;
import org.apache.nifi.serialization.record.Record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzzy deduplication of one FlowFile's records: each record is prepared (blocking keys, stored
 * form) without the store, then judged against every record stored before it in one store
 * transaction. The transaction stays open until the session has committed.
 */
final class FuzzyJudge {

    /** Written by MapToCanonicalRecord and changed on every run: not part of a record's content. */
    private static final String MAPPED_AT = "mapped_at";

    private final FuzzyDeduplicator deduplicator;
    private final ValueSelector<Record> idSelector;
    private final Set<String> notCompared = new HashSet<>(List.of(MAPPED_AT, DedupeFields.DUPLICATE_OF, DedupeFields.MATCH_ID,
            DedupeFields.SCORE, DedupeFields.EXPLANATION, DedupeFields.REPLACES, DedupeFields.ERROR));

    FuzzyJudge(final FuzzyDeduplicator deduplicator, final ValueSelector<Record> idSelector) {
        this.deduplicator = deduplicator;
        this.idSelector = idSelector;
    }

    /**
     * @param afterwards runs once the transaction is committed or rolled back (closes a FlowFile-scoped store)
     * @throws io.github.nifiintegration.store.StoreException when the store fails or is busy for longer than {@code wait}
     */
    /** The verdicts on a FlowFile's records, in order, and the open transaction behind them. */
    interface Run extends Judgement {
        List<RecordVerdict> verdicts();
    }

    Run judge(final List<Record> records, final MasterDataStore store, final Duration wait, final Runnable afterwards) {
        final List<RecordVerdict> verdicts = new ArrayList<>(records.size());
        final List<EntityResolver.Prepared> prepared = new ArrayList<>(records.size());
        for (final Record record : records) {
            try {
                prepared.add(deduplicator.prepare(id(record), ResolutionFields.canonicalValues(record, notCompared)));
                verdicts.add(null);
            } catch (final IllegalArgumentException e) {
                prepared.add(null);
                verdicts.add(RecordVerdict.failed(e.getMessage()));
            }
        }
        final ResolutionStats stats = new ResolutionStats();
        final double priorWeight = deduplicator.model().priorWeight();
        final int[] possible = {0};
        final StoreTransaction tx;
        try {
            tx = store.begin(wait);
        } catch (final RuntimeException e) {
            afterwards.run();
            throw e;
        }
        try {
            for (int i = 0; i < prepared.size(); i++) {
                if (prepared.get(i) != null) {
                    final FuzzyDeduplicator.FuzzyVerdict verdict = deduplicator.judge(tx, prepared.get(i), stats);
                    possible[0] += verdict.possibleDuplicate() ? 1 : 0;
                    verdicts.set(i, verdict(verdict, priorWeight));
                }
            }
        } catch (final RuntimeException e) {
            tx.close();
            afterwards.run();
            throw e;
        }
        return new Run() {
            @Override
            public List<RecordVerdict> verdicts() {
                return verdicts;
            }

            @Override
            public void commit() {
                try {
                    tx.commit();
                } finally {
                    tx.close();
                    afterwards.run();
                }
            }

            @Override
            public void rollback() {
                try {
                    tx.rollback();
                } finally {
                    tx.close();
                    afterwards.run();
                }
            }

            @Override
            public long pairsCompared() {
                return stats.pairsCompared();
            }

            @Override
            public int possibleDuplicates() {
                return possible[0];
            }
        };
    }

    private static RecordVerdict verdict(final FuzzyDeduplicator.FuzzyVerdict verdict, final double priorWeight) {
        if (!verdict.duplicate()) {
            return RecordVerdict.UNIQUE;
        }
        if (verdict.resolution().status() == ResolutionStatus.UNCHANGED) {
            return new RecordVerdict(RecordVerdict.Kind.DUPLICATE, verdict.keptId(), verdict.matchedId(), 1.0, "identical to a record seen before", null);
        }
        return new RecordVerdict(RecordVerdict.Kind.DUPLICATE, verdict.keptId(), verdict.matchedId(), verdict.resolution().probability(),
                ResolutionFields.summary(verdict.resolution(), priorWeight), null);
    }

    /** The record's id, or the hash of its whole content when it has none: exact copies then share it. */
    private String id(final Record record) {
        final String id = RecordIds.of(idSelector, record);
        return id != null ? id : new WholeRecordKey().hash(record).hex();
    }
}
