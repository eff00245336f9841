package io.github.nifiintegration.tooling.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Values with their frequencies, sampled in proportion to them: a Febrl {@code value,count} table.
 * Sampling is a binary search over cumulative counts, so it stays cheap for tables of thousands.
 */
final class FrequencyTable {

    private final String[] values;
    private final long[] cumulative;

    private FrequencyTable(final List<String> values, final List<Long> counts) {
        this.values = values.toArray(String[]::new);
        this.cumulative = new long[counts.size()];
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            total += counts.get(i);
            cumulative[i] = total;
        }
    }

    /** Loads a {@code value,count} table from the classpath; {@code #} lines are comments. */
    static FrequencyTable load(final String resource) {
        final List<String> values = new ArrayList<>();
        final List<Long> counts = new ArrayList<>();
        for (final String line : lines(resource)) {
            final int comma = line.lastIndexOf(',');
            if (comma <= 0) {
                continue;
            }
            values.add(line.substring(0, comma).strip());
            counts.add(Long.parseLong(line.substring(comma + 1).strip()));
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("frequency table " + resource + " is empty");
        }
        return new FrequencyTable(values, counts);
    }

    static List<String> lines(final String resource) {
        try (InputStream in = FrequencyTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing generator table on the classpath: " + resource);
            }
            final List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        lines.add(line);
                    }
                }
            }
            return lines;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
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
