package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.mapping.ValueSelector;
import io.github.nifiintegration.mapping.normalize.Values;
import org.apache.nifi.serialization.record.Record;

/** A record's id: the first non-blank value the Record ID Path selects. */
final class RecordIds {

    private RecordIds() {
    }

    /** The id, or null when there is no selector or it selects no value. */
    static String of(final ValueSelector<Record> selector, final Record record) {
        if (selector == null) {
            return null;
        }
        for (final Object value : selector.select(record)) {
            final String id = Values.nonBlankText(value);
            if (id != null) {
                return id;
            }
        }
        return null;
    }
}
