package io.github.nifiintegration.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct pairs of a set of records that a model's blocking rules bring together: what model
 * estimation learns from and what quality reports score. Blocks larger than the model's
 * maxBlockSize are skipped, as resolution would cut them.
 */
public final class BlockedPairs {

    /** Receives one pair: the indexes of its two records, the lower first. */
    @FunctionalInterface
    public interface PairConsumer {
        void accept(int left, int right);
    }

    private BlockedPairs() {
    }

    /**
     * Hands each distinct blocked pair to the consumer once, at most {@code maxPairs} of them.
     *
     * @return how many pairs were handed over
     */
    public static long forEach(final MatchModel model, final List<Map<String, Object>> records, final long maxPairs, final PairConsumer consumer) {
        final Set<Long> seen = new HashSet<>();
        for (final BlockingRule rule : model.blockingRules()) {
            final Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (final String key : rule.keys(records.get(i))) {
                    blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                }
            }
            for (final List<Integer> block : blocks.values()) {
                if (block.size() < 2 || block.size() > model.maxBlockSize()) {
                    continue;
                }
                for (int x = 0; x < block.size(); x++) {
                    for (int y = x + 1; y < block.size(); y++) {
                        final int left = Math.min(block.get(x), block.get(y));
                        final int right = Math.max(block.get(x), block.get(y));
                        if (left != right && seen.add(((long) left << 32) | right)) {
                            if (seen.size() > maxPairs) {
                                return maxPairs;
                            }
                            consumer.accept(left, right);
                        }
                    }
                }
            }
        }
        return seen.size();
    }
}
