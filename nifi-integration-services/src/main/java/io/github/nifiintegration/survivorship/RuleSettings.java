package io.github.nifiintegration.survivorship;

import java.util.List;

/** What rules need besides the candidates: the trust order of source systems. */
record RuleSettings(List<String> sourcePriority) {

    /** A system's place in the trust list; systems not on it share the last place. */
    int rank(final String system) {
        final int index = sourcePriority.indexOf(system);
        return index < 0 ? sourcePriority.size() : index;
    }
}
