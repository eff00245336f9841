package io.github.nifiintegration.survivorship;

import io.github.nifiintegration.store.GoldenRecord;
import io.github.nifiintegration.store.GoldenValue;
import io.github.nifiintegration.store.SourceRef;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.StoredRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps golden records current: for each entity a batch touched, recomputes its golden record from
 * all of its source records in the store and stores a new version only when a value, the rule that
 * chose it or the source record it came from changed. An
 * entity that was merged away gets a last, retired version pointing at its survivor.
 */
public final class GoldenRecordMaintainer {

    private final GoldenRecordBuilder builder;
    private final Clock clock;

    public GoldenRecordMaintainer(final GoldenRecordBuilder builder, final Clock clock) {
        this.builder = builder;
        this.clock = clock;
    }

    /**
     * What one batch changed: the new golden record versions (retired ones included), the events, and
     * how many touched entities kept their golden record as it was.
     */
    public record Outcome(List<GoldenRecord> newVersions, List<ChangeEvent> events, int unchangedEntities) {
    }

    public Outcome maintain(final StoreTransaction tx, final TouchedEntities touched) {
        final String now = clock.instant().toString();
        final Map<String, Set<String>> retiredBy = new TreeMap<>();
        final Set<String> live = new TreeSet<>();
        tx.prefetchEntities(touched.entities());
        for (final String entity : touched.entities()) {
            final String current = tx.currentEntityId(entity);
            live.add(current);
            if (!current.equals(entity)) {
                retiredBy.computeIfAbsent(current, c -> new TreeSet<>()).add(entity);
            }
        }

        final List<GoldenRecord> newVersions = new ArrayList<>();
        final List<ChangeEvent> events = new ArrayList<>();
        int unchanged = 0;
        retiredBy.forEach((survivor, retiredIds) -> {
            for (final String retired : retiredIds) {
                final GoldenRecord last = tx.golden(retired);
                if (last != null && !last.retired()) {
                    final GoldenRecord retiredVersion = last.next(last.fields(), survivor, now);
                    tx.putGolden(retiredVersion);
                    newVersions.add(retiredVersion);
                }
            }
        });
        for (final String entity : live) {
            final List<StoredRecord> records = tx.memberRecords(entity);
            if (records.isEmpty()) {
                continue;
            }
            final Map<String, GoldenValue> fields = builder.build(records, tx.pins(entity));
            final GoldenRecord previous = tx.golden(entity);
            final List<FieldChange> changes = changes(previous == null ? Map.of() : previous.fields(), fields);
            final Set<String> retired = retiredBy.getOrDefault(entity, Set.of());
            final Set<String> splitInto = touched.splits().getOrDefault(entity, Set.of());
            GoldenRecord current = previous;
            if (previous == null || !changes.isEmpty()) {
                current = previous == null ? new GoldenRecord(entity, 1, fields, null, now) : previous.next(fields, null, now);
                tx.putGolden(current);
                newVersions.add(current);
            }
            if (previous == null) {
                // the new golden record itself goes out with the event; listing every field as a change would say it twice
                events.add(new ChangeEvent(ChangeType.CREATED, current, List.of(), List.of()));
            } else if (!retired.isEmpty()) {
                events.add(new ChangeEvent(ChangeType.MERGED, current, changes, List.copyOf(retired)));
            } else if (!splitInto.isEmpty()) {
                events.add(new ChangeEvent(ChangeType.SPLIT, current, changes, List.copyOf(splitInto)));
            } else if (!changes.isEmpty()) {
                events.add(new ChangeEvent(ChangeType.UPDATED, current, changes, List.of()));
            } else {
                unchanged++;
            }
        }
        return new Outcome(newVersions, events, unchanged);
    }

    /**
     * Whether two golden values say the same: value, rule and source records. The sources' timestamps
     * are left out: a source record touched without changing what it contributes changes nothing.
     */
    private static boolean sameDecision(final GoldenValue a, final GoldenValue b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.value().equals(b.value()) && a.rule().equals(b.rule())
                && a.sources().stream().map(SourceRef::key).toList().equals(b.sources().stream().map(SourceRef::key).toList());
    }

    private static List<FieldChange> changes(final Map<String, GoldenValue> before, final Map<String, GoldenValue> after) {
        final Set<String> fields = new TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        final List<FieldChange> changes = new ArrayList<>();
        for (final String field : fields) {
            final GoldenValue old = before.get(field);
            final GoldenValue now = after.get(field);
            if (!sameDecision(old, now)) {
                changes.add(new FieldChange(field, old, now));
            }
        }
        return changes;
    }
}
