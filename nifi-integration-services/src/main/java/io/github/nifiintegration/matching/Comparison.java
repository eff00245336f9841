package io.github.nifiintegration.matching;

import java.util.List;

/**
 * How one canonical field is compared: ordered levels, the first whose test holds decides. A pair
 * where either value is missing falls into no level and adds nothing (weight 0), so missing data is
 * neither evidence for nor against a match.
 *
 * @param tfMinimumU the smallest u that term-frequency adjustment may use, so that one very rare
 *                   value cannot outweigh every other field
 */
public record Comparison(String name, String field, List<ComparisonLevel> levels, double tfMinimumU) {

    public Comparison {
        levels = List.copyOf(levels);
    }

    public Comparison withLevels(final List<ComparisonLevel> newLevels) {
        return new Comparison(name, field, newLevels, tfMinimumU);
    }
}
