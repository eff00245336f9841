package io.github.nifiintegration.matching;

/**
 * What one comparison added to a pair's match weight, and why: the level the pair fell into and the
 * values compared. Level "null" means a value was missing (weight 0).
 */
public record Contribution(String comparison, String level, double weight, String left, String right) {
}
