package io.github.nifiintegration.tooling.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Values with their frequencies, sampled in proportion to them.
 * Sampling is a binary search over cumulative counts, so it stays cheap for tables of thousands.
 */
final class FrequencyTable {

    private final String[] values;
    private final long[] cumulative;

    FrequencyTable(final List<String> values, final List<Long> counts) {
        this.values = values.toArray(String[]::new);
        this.cumulative = new long[counts.size()];
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            total += counts.get(i);
            cumulative[i] = total;
        }
    }

    /**
     * Values in rank order with Zipf frequencies: the value of rank r is drawn in proportion to
     * 1 / r^exponent (scaled to whole counts), so a few values are common and most are rare.
     */
    static FrequencyTable zipf(final List<String> valuesByRank, final double exponent) {
        final List<Long> counts = new ArrayList<>(valuesByRank.size());
        for (int rank = 1; rank <= valuesByRank.size(); rank++) {
            counts.add(Math.max(1L, Math.round(1_000_000 / Math.pow(rank, exponent))));
        }
        return new FrequencyTable(valuesByRank, counts);
    }

    String sample(final SplittableRandom random) {
        final long pick = random.nextLong(cumulative[cumulative.length - 1]);
        int index = Arrays.binarySearch(cumulative, pick + 1);
        if (index < 0) {
            index = -index - 1;
        }
        return values[index];
    }
}
