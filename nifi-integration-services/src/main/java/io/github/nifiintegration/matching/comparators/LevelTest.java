package io.github.nifiintegration.matching.comparators;

/**
 * The test of one comparison level: does the pair of (non-null) values fall into this level?
 * Levels are tried in order and the first whose test holds decides the pair's weight, so a level
 * only has to say "at least this similar"; the levels above it have already taken closer pairs.
 */
@FunctionalInterface
public interface LevelTest {

    boolean test(String left, String right, ComparisonContext context);
}
