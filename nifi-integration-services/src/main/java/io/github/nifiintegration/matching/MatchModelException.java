package io.github.nifiintegration.matching;

import java.util.List;

/** A match model that cannot be used, with every problem found, each prefixed by its JSON path. */
public class MatchModelException extends IllegalArgumentException {

    private final List<String> problems;

    public MatchModelException(final List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
