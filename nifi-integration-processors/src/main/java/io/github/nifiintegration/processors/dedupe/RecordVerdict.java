package io.github.nifiintegration.processors.dedupe;

/**
 * Where one record of a FlowFile goes, and what it carries there.
 *
 * @param keptId      duplicate: the kept record it duplicates; replacement: the record it replaces
 * @param matchedId   fuzzy duplicate: the record it matched best
 * @param score       fuzzy duplicate: the match probability
 * @param explanation fuzzy duplicate: each comparison's level and weight
 * @param error       failure: why the record could not be judged
 */
record RecordVerdict(Kind kind, String keptId, String matchedId, Double score, String explanation, String error) {

    enum Kind { UNIQUE, REPLACEMENT, DUPLICATE, FAILED }

    static final RecordVerdict UNIQUE = new RecordVerdict(Kind.UNIQUE, null, null, null, null, null);

    static RecordVerdict duplicateOf(final String keptId) {
        return new RecordVerdict(Kind.DUPLICATE, keptId, null, null, null, null);
    }

    static RecordVerdict replacing(final String replacedId) {
        return new RecordVerdict(Kind.REPLACEMENT, replacedId, null, null, null, null);
    }

    static RecordVerdict failed(final String error) {
        return new RecordVerdict(Kind.FAILED, null, null, null, null, error);
    }
}
