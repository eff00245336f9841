package io.github.nifiintegration.tooling.flow;

/** A flow that was valid but failed while running, naming the processor. */
public final class FlowRunException extends RuntimeException {

    public FlowRunException(final String message) {
        super(message);
    }

    public FlowRunException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
