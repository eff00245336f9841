package io.github.nifiintegration.tooling.quality;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Reads the labelled person data sets in ../shared/datasets onto canonical fields (given_name,
 * family_name, birth_date as ISO-8601, ...). Columns that encode the answer (Febrl's rec_id, splink's
 * cluster and unique_id) become the truth or the source id and are never values.
 */
public final class DatasetLoaders {

    private DatasetLoaders() {
    }

    /** Febrl 1, 2, 3: "rec-N-org" / "rec-N-dup-k", same N = same person; ", " separated. */
    public static LabelledDataset febrl(final Path file, final String name, final Path model) throws IOException {
        final LabelledDataset.Builder builder = new LabelledDataset.Builder(name, model);
        for (final CSVRecord row : read(file, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get())) {
            final String recId = row.get("rec_id");
            final Map<String, Object> values = new LinkedHashMap<>();
            put(values, "given_name", row.get("given_name"));
            put(values, "family_name", row.get("surname"));
            put(values, "street_number", row.get("street_number"));
            put(values, "address_1", row.get("address_1"));
            put(values, "address_2", row.get("address_2"));
            put(values, "suburb", row.get("suburb"));
            put(values, "postal_code", row.get("postcode"));
            put(values, "state", row.get("state"));
            put(values, "birth_date", isoDate(row.get("date_of_birth")));
            put(values, "soc_sec_id", row.get("soc_sec_id"));
            builder.add(recId, recId.split("-")[1], values);
        }
        return builder.build();
    }

    /** RLdata500 / RLdata10000: ent_id is the truth; birth date from by, bm, bd; "NA" is missing. */
    public static LabelledDataset rldata(final Path file, final String name, final Path model) throws IOException {
        final LabelledDataset.Builder builder = new LabelledDataset.Builder(name, model);
        for (final CSVRecord row : read(file, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            final Map<String, Object> values = new LinkedHashMap<>();
            put(values, "given_name", row.get("fname_c1"));
            put(values, "family_name", row.get("lname_c1"));
            final String year = row.get("by");
            final String month = row.get("bm");
            final String day = row.get("bd");
            if (!"NA".equals(year) && !"NA".equals(month) && !"NA".equals(day)) {
                put(values, "birth_date", String.format(Locale.ROOT, "%04d-%02d-%02d", Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
            }
            builder.add(row.get("rec_id"), row.get("ent_id"), values);
        }
        return builder.build();
    }

    /**
     * splink's fake_1000 / fake_20000: truth in {@code clusterColumn}. The files are sorted by cluster,
     * which would hand a streaming matcher its neighbours, so rows are shuffled with a fixed seed.
     */
    public static LabelledDataset splinkFake(final Path file, final String name, final String clusterColumn, final Path model) throws IOException {
        final List<CSVRecord> rows = new ArrayList<>(read(file, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()));
        Collections.shuffle(rows, new Random(20261126));
        final LabelledDataset.Builder builder = new LabelledDataset.Builder(name, model);
        for (final CSVRecord row : rows) {
            final Map<String, Object> values = new LinkedHashMap<>();
            put(values, "given_name", row.get("first_name"));
            put(values, "family_name", row.get("surname"));
            put(values, "birth_date", row.get("dob"));
            put(values, "city", row.get("city"));
            put(values, "email", row.get("email"));
            builder.add(row.get("unique_id"), row.get(clusterColumn), values);
        }
        return builder.build();
    }

    private static List<CSVRecord> read(final Path file, final CSVFormat format) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(reader, format)) {
            return parser.getRecords();
        }
    }

    private static void put(final Map<String, Object> values, final String field, final String value) {
        if (value != null && !value.isBlank() && !value.equals("NA")) {
            values.put(field, value.strip().toLowerCase(Locale.ROOT));
        }
    }

    /** yyyyMMdd to yyyy-MM-dd; anything else as it is (the date comparisons then treat it as text). */
    private static String isoDate(final String text) {
        if (text == null || text.length() != 8 || !text.chars().allMatch(Character::isDigit)) {
            return text;
        }
        return text.substring(0, 4) + "-" + text.substring(4, 6) + "-" + text.substring(6, 8);
    }
}
