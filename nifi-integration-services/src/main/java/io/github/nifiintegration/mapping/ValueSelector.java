package io.github.nifiintegration.mapping;

import java.util.List;

/**
 * Selects the values a field mapping's path points at in a source record of type {@code S}. The
 * engine does not know how paths are evaluated; the NiFi processor supplies RecordPath selectors.
 */
@FunctionalInterface
public interface ValueSelector<S> {

    /** The selected values in order; arrays in the source are expanded into their elements. */
    List<Object> select(S source);
}
