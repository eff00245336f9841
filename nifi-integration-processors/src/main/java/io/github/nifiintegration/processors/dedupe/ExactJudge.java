package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.dedupe.KeyBuilder;
import io.github.nifiintegration.dedupe.KeyHash;
import io.github.nifiintegration.dedupe.SeenKeyStore;
import io.github.nifiintegration.dedupe.Verdict;
import io.github.nifiintegration.mapping.ValueSelector;
import org.apache.nifi.serialization.record.Record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact deduplication of one FlowFile's records against a {@link SeenKeyStore}: each record's key
 * (its key parts, or the whole record) is hashed and checked. With First Seen the records are checked
 * in order; with the other keep policies the best record of each group in the FlowFile is checked
 * first, and the others are its duplicates.
 */
final class ExactJudge {

    private final KeyBuilder<Record> keyBuilder;
    private final ValueSelector<Record> idSelector;
    private final RecordRank rank;
    private final KeepPolicy policy;

    /**
     * @param keyBuilder the key parts, or null for whole-record keys
     * @param idSelector the record id, or null to name kept records by their key hash
     */
    ExactJudge(final KeyBuilder<Record> keyBuilder, final ValueSelector<Record> idSelector, final RecordRank rank, final KeepPolicy policy) {
        this.keyBuilder = keyBuilder;
        this.idSelector = idSelector;
        this.rank = rank;
        this.policy = policy;
    }

    Judgement judge(final List<Record> records, final SeenKeyStore store, final Runnable afterwards) {
        final SeenKeyStore.Batch batch = store.begin();
        final int n = records.size();
        final RecordVerdict[] verdicts = new RecordVerdict[n];
        final KeyHash[] keys = new KeyHash[n];
        final long[] ranks = new long[n];
        final String[] ids = new String[n];
        int withoutKey = 0;
        for (int i = 0; i < n; i++) {
            final Record record = records.get(i);
            try {
                final String keyText = keyBuilder == null ? WholeRecordKey.of(record) : keyBuilder.keyText(record);
                if (keyText == null) {
                    verdicts[i] = RecordVerdict.UNIQUE;
                    withoutKey++;
                    continue;
                }
                keys[i] = KeyHash.of(keyText);
                ranks[i] = rank.of(record);
                ids[i] = RecordIds.of(idSelector, record);
            } catch (final KeyBuilder.KeyException | IllegalArgumentException e) {
                verdicts[i] = RecordVerdict.failed(e.getMessage());
            }
        }
        if (policy == KeepPolicy.FIRST_SEEN) {
            for (int i = 0; i < n; i++) {
                if (verdicts[i] == null) {
                    verdicts[i] = verdict(batch.check(keys[i], 0, ids[i]));
                }
            }
        } else {
            keepBestOfEachGroup(batch, verdicts, keys, ranks, ids);
        }
        final List<RecordVerdict> list = Arrays.asList(verdicts);
        final int recordsWithoutKey = withoutKey;
        return new Judgement() {
            @Override
            public List<RecordVerdict> verdicts() {
                return list;
            }

            @Override
            public int recordsWithoutKey() {
                return recordsWithoutKey;
            }

            @Override
            public void commit() {
                try {
                    batch.commit();
                } finally {
                    afterwards.run();
                }
            }

            @Override
            public void rollback() {
                try {
                    batch.rollback();
                } finally {
                    afterwards.run();
                }
            }
        };
    }

    private static void keepBestOfEachGroup(final SeenKeyStore.Batch batch, final RecordVerdict[] verdicts, final KeyHash[] keys, final long[] ranks,
                                            final String[] ids) {
        final Map<KeyHash, Integer> best = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (verdicts[i] == null) {
                best.merge(keys[i], i, (kept, candidate) -> ranks[candidate] > ranks[kept] ? candidate : kept);
            }
        }
        final Map<KeyHash, String> keptIds = new HashMap<>();
        final List<Integer> bestIndexes = new ArrayList<>(best.values());
        bestIndexes.sort(null);
        for (final int i : bestIndexes) {
            final Verdict verdict = batch.check(keys[i], ranks[i], ids[i]);
            verdicts[i] = verdict(verdict);
            keptIds.put(keys[i], verdict.outcome() == Verdict.Outcome.DUPLICATE ? verdict.keptId() : ids[i] == null ? keys[i].hex() : ids[i]);
        }
        for (int i = 0; i < keys.length; i++) {
            if (verdicts[i] == null) {
                verdicts[i] = RecordVerdict.duplicateOf(keptIds.get(keys[i]));
            }
        }
    }

    private static RecordVerdict verdict(final Verdict verdict) {
        return switch (verdict.outcome()) {
            case UNIQUE -> RecordVerdict.UNIQUE;
            case DUPLICATE -> RecordVerdict.duplicateOf(verdict.keptId());
            case REPLACEMENT -> RecordVerdict.replacing(verdict.keptId());
        };
    }
}
