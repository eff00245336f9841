package io.github.nifiintegration.processors.dedupe;

/**
 * The state change behind one FlowFile's verdicts: committed once the session has committed (so
 * what was seen is only remembered when the records have left), rolled back when it fails (so a
 * retried FlowFile finds its records new).
 */
interface Judgement {

    void commit();

    void rollback();

    /** Pairs of records the fuzzy strategy compared (0 for exact). */
    default long pairsCompared() {
        return 0;
    }

    /** Records none of whose key parts had a value: unique, since there is nothing to compare them by. */
    default int recordsWithoutKey() {
        return 0;
    }

    /** Fuzzy: unique records that matched an earlier one only between the review and the match threshold. */
    default int possibleDuplicates() {
        return 0;
    }
}
