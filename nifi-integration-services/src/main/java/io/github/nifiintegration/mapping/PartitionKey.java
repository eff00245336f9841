package io.github.nifiintegration.mapping;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A partition number from a blocking key: a hash of chosen canonical fields (case and surrounding
 * space ignored), modulo a number of partitions. Records that agree on those fields get the same
 * partition, so a NiFi cluster can send them to the same node (a load-balanced connection
 * partitioned by it). The same values give the same partition on every node and every run.
 *
 * @param fields     the canonical fields the key is made of, e.g. family_name and birth_date
 * @param partitions how many partitions there are (at least 1)
 */
public record PartitionKey(List<String> fields, int partitions) {

    public PartitionKey {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a partition key needs at least one field");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("there must be at least one partition, not " + partitions);
        }
        fields = List.copyOf(fields);
    }

    /** The partition of a record's canonical values, as a number from 0 to partitions - 1. */
    public int of(final Map<String, Object> values) {
        final StringBuilder key = new StringBuilder(64);
        for (final String field : fields) {
            final Object value = values.get(field);
            if (value != null) {
                key.append(value.toString().strip().toLowerCase(Locale.ROOT));
            }
            key.append('\u001F');
        }
        final int hash = MurmurHash3.hash32x86(key.toString().getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(hash, partitions);
    }
}
