package io.github.nifiintegration.estimation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels given as true pairs (this record is the same entity as that one), turned into one label per
 * record: the transitive closure of the pairs, so a, b and b, c put a, b and c into one entity.
 * Records in no pair are entities of their own.
 */
public final class TruePairs {

    private TruePairs() {
    }

    /** A pair of record ids that are the same entity. */
    public record Pair(String left, String right) {
    }

    /**
     * @param ids   every record's id, in record order
     * @param pairs the true pairs, by record id
     * @return each record's entity label: the smallest index (as text) of the records in its entity
     * @throws IllegalArgumentException when a pair names an id that is not among the records
     */
    public static List<String> labels(final List<String> ids, final List<Pair> pairs) {
        final Map<String, Integer> index = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            if (index.putIfAbsent(ids.get(i), i) != null) {
                throw new IllegalArgumentException("record id '" + ids.get(i) + "' appears twice; ids must be unique to label pairs");
            }
        }
        final int[] parent = new int[ids.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (final Pair pair : pairs) {
            final int left = root(parent, indexOf(index, pair.left()));
            final int right = root(parent, indexOf(index, pair.right()));
            parent[Math.max(left, right)] = Math.min(left, right);
        }
        final String[] labels = new String[ids.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = String.valueOf(root(parent, i));
        }
        return List.of(labels);
    }

    private static int indexOf(final Map<String, Integer> index, final String id) {
        final Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("a true pair names record '" + id + "', which is not among the records");
        }
        return i;
    }

    private static int root(final int[] parent, final int i) {
        int root = i;
        while (parent[root] != root) {
            parent[root] = parent[parent[root]];
            root = parent[root];
        }
        return root;
    }
}
