package io.github.nifiintegration.stewardship;

/** A decision that cannot be applied as it stands (unknown entity or record, or it contradicts an earlier decision). */
public class InvalidDecisionException extends RuntimeException {

    public InvalidDecisionException(final String message) {
        super(message);
    }
}
