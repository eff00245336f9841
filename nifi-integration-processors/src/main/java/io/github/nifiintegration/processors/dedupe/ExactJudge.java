package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.dedupe.KeyBuilder;
import io.github.nifiintegration.dedupe.KeyHash;
import io.github.nifiintegration.dedupe.KeyHasher;
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
 * (its key parts, or the whole record) is hashed and checked. With First Seen records are judged as
 * they are read ({@link Run#next}, a few dozen at a time), so they stream through as in ConvertRecord;
 * with the other keep policies the best record of each group in the FlowFile is checked first and
 * the others are its duplicates ({@link Run#all}).
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

    KeepPolicy policy() {
        return policy;
    }

    /**
     * @param expectedRecords how many records the FlowFile likely holds (room is made for their keys)
     * @param afterwards      runs once the run is committed or rolled back (closes a FlowFile-scoped store)
     */
    Run open(final SeenKeyStore store, final int expectedRecords, final Runnable afterwards) {
        return new Run(store.begin(expectedRecords), afterwards);
    }

    /** One FlowFile's judging. */
    final class Run implements Judgement {
        private final SeenKeyStore.Batch batch;
        private final Runnable afterwards;
        /** Reused for every record of the FlowFile: a key costs no text of its own. */
        private final KeyHasher keyParts = new KeyHasher();
        private final WholeRecordKey wholeRecord = new WholeRecordKey();
        private KeyHash[] keys = new KeyHash[0];
        private String[] ids;
        private Verdict[] storeVerdicts;
        private int withoutKey;

        private Run(final SeenKeyStore.Batch batch, final Runnable afterwards) {
            this.batch = batch;
            this.afterwards = afterwards;
        }

        /**
         * Judges the next records of the FlowFile, First Seen: a key seen before makes a record a
         * duplicate. The records come a few dozen at a time so that the store can judge their keys
         * together ({@link SeenKeyStore.Batch#checkAll}).
         */
        void next(final Record[] records, final int count, final RecordVerdict[] verdicts) {
            if (keys.length < count) {
                keys = new KeyHash[count];
                ids = idSelector == null ? null : new String[count];
                storeVerdicts = new Verdict[count];
            }
            for (int i = 0; i < count; i++) {
                try {
                    keys[i] = key(records[i]);
                    if (ids != null && keys[i] != null) {
                        ids[i] = RecordIds.of(idSelector, records[i]);
                    }
                } catch (final KeyBuilder.KeyException | IllegalArgumentException e) {
                    keys[i] = null;
                    verdicts[i] = RecordVerdict.failed(e.getMessage());
                    continue;
                }
                if (keys[i] == null) {
                    withoutKey++;
                    verdicts[i] = RecordVerdict.UNIQUE;
                }
            }
            batch.checkAll(keys, count, ids, storeVerdicts);
            for (int i = 0; i < count; i++) {
                if (keys[i] != null) {
                    verdicts[i] = verdict(storeVerdicts[i]);
                }
            }
        }

        /** Judges all records of a FlowFile under the keep policy: the best of each group is checked first. */
        List<RecordVerdict> all(final List<Record> records) {
            final int n = records.size();
            final RecordVerdict[] verdicts = new RecordVerdict[n];
            final KeyHash[] keys = new KeyHash[n];
            final long[] ranks = new long[n];
            final String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                final Record record = records.get(i);
                try {
                    final KeyHash key = key(record);
                    if (key == null) {
                        verdicts[i] = RecordVerdict.UNIQUE;
                        withoutKey++;
                        continue;
                    }
                    keys[i] = key;
                    ranks[i] = rank.of(record);
                    ids[i] = RecordIds.of(idSelector, record);
                } catch (final KeyBuilder.KeyException | IllegalArgumentException e) {
                    verdicts[i] = RecordVerdict.failed(e.getMessage());
                }
            }
            keepBestOfEachGroup(verdicts, keys, ranks, ids);
            return Arrays.asList(verdicts);
        }

        private void keepBestOfEachGroup(final RecordVerdict[] verdicts, final KeyHash[] keys, final long[] ranks, final String[] ids) {
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

        /** The record's key hashed, or null when no key part has a value. */
        private KeyHash key(final Record record) throws KeyBuilder.KeyException {
            if (keyBuilder == null) {
                return wholeRecord.hash(record);
            }
            return keyBuilder.append(record, keyParts) ? keyParts.hash() : null;
        }

        @Override
        public int recordsWithoutKey() {
            return withoutKey;
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
    }

    private static RecordVerdict verdict(final Verdict verdict) {
        return switch (verdict.outcome()) {
            case UNIQUE -> RecordVerdict.UNIQUE;
            case DUPLICATE -> RecordVerdict.duplicateOf(verdict.keptId());
            case REPLACEMENT -> RecordVerdict.replacing(verdict.keptId());
        };
    }
}
