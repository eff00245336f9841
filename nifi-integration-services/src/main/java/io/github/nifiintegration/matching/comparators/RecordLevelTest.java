package io.github.nifiintegration.matching.comparators;

import java.util.Map;

/**
 * A level test that needs more of the two records than the compared field, such as a test for
 * values that sit in swapped fields. The scorer hands it both records.
 */
public interface RecordLevelTest extends LevelTest {

    boolean test(Map<String, Object> left, Map<String, Object> right, ComparisonContext context);

    /** Never called for a record-level test; the scorer calls the record form. */
    @Override
    default boolean test(final String left, final String right, final ComparisonContext context) {
        return false;
    }
}
