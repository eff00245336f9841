package io.github.nifiintegration.survivorship;

import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.SourceRef;

/**
 * One source record's value for a field, with what the rules judge it by.
 *
 * @param timestamp    the record's timestamp (text, as stored), or null
 * @param completeness how many fields of the whole record have a value (for {@code most_complete})
 */
record ValueCandidate(Object value, SourceKey source, String timestamp, int completeness) {

    SourceRef lineage() {
        return SourceRef.of(source, timestamp);
    }
}
