package io.github.nifiintegration.resolution;

/** What resolution did with a record. */
public enum ResolutionStatus {
    /** No stored record matched: the record starts a new entity. */
    NEW,
    /** The record joined the entity of the record(s) it matched. */
    MATCHED,
    /** The record matched records of several entities, which were merged into the oldest. */
    MERGED,
    /** A possible match only: the record started its own entity and waits in the review queue. */
    REVIEW,
    /** The same source record was seen before with the same values: nothing changed. */
    UNCHANGED,
    /** The same source record was seen before with other values: it was updated in place. */
    UPDATED
}
