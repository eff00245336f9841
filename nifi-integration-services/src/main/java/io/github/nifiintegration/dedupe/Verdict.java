package io.github.nifiintegration.dedupe;

/**
 * What the seen keys say about one record.
 *
 * @param outcome what happened to the record
 * @param keptId  for a duplicate: the id of the kept record it duplicates; for a replacement: the id of
 *                the record it replaces; null for a record seen for the first time
 */
public record Verdict(Outcome outcome, String keptId) {

    /** The three ways a record can leave. */
    public enum Outcome {
        /** The key was not seen within the horizon: this record is kept. */
        UNIQUE,
        /** The key was seen: this record duplicates the kept one. */
        DUPLICATE,
        /** The key was seen, but this record ranks higher than the kept one and takes its place. */
        REPLACEMENT
    }

    static final Verdict UNIQUE = new Verdict(Outcome.UNIQUE, null);
}
