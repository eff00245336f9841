package io.github.nifiintegration.tooling.flow;

import java.util.List;

/** A flow definition the runner refuses, with every problem found, each naming its component. */
public final class InvalidFlowException extends RuntimeException {

    private final List<String> problems;

    public InvalidFlowException(final String problem) {
        this(List.of(problem));
    }

    public InvalidFlowException(final List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
