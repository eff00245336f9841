package io.github.nifiintegration.tooling.quality;

import io.github.nifiintegration.estimation.TruePairs;
import io.github.nifiintegration.mapping.normalize.NormalizationException;
import io.github.nifiintegration.mapping.normalize.Normalizer;
import io.github.nifiintegration.mapping.normalize.NormalizerCatalog;
import io.github.nifiintegration.mapping.normalize.NormalizerSettings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.text.StringEscapeUtils;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * Reads the labelled data sets in ../shared/datasets onto canonical fields (given_name, family_name,
 * birth_date as ISO-8601, title, phone in E.164, ...), as MapToCanonicalRecord would. Columns that
 * encode the answer (Febrl's rec_id, splink's cluster and unique_id) become the truth or the source id
 * and are never values. Linkage data sets (two tables and a file of true pairs) get one source system
 * per table and the transitive closure of the true pairs as truth.
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

    /** One table of a linkage data set: its source system name, file, and how a row becomes canonical values. */
    record Table(String system, Path file, java.util.function.Function<CSVRecord, Map<String, Object>> values) {
    }

    /**
     * DBLP-ACM (Leipzig): bibliographic records of DBLP and of the ACM digital library, and the 2,224
     * true pairs. DBLP2.csv is Latin-1, ACM.csv UTF-8 with HTML character references (&amp;#216;ystein),
     * which are decoded before accents are folded.
     */
    public static LabelledDataset dblpAcm(final Path folder, final String name, final Path model) throws IOException {
        final Normalizer foldAccents = NormalizerCatalog.create("fold_accents", List.of(), SETTINGS);
        final java.util.function.Function<CSVRecord, Map<String, Object>> values = row -> {
            final Map<String, Object> record = new LinkedHashMap<>();
            put(record, "title", normalized(foldAccents, StringEscapeUtils.unescapeHtml4(row.get("title"))));
            put(record, "authors", normalized(foldAccents, StringEscapeUtils.unescapeHtml4(row.get("authors"))));
            put(record, "venue", normalized(foldAccents, StringEscapeUtils.unescapeHtml4(row.get("venue"))));
            put(record, "year", row.get("year"));
            return record;
        };
        return linkage(name, model, List.of(new Table("dblp", folder.resolve("DBLP2.csv"), values), new Table("acm", folder.resolve("ACM.csv"), values)),
                folder.resolve("DBLP-ACM_perfectMapping.csv"), "idDBLP", "idACM");
    }

    /**
     * Fodor's and Zagat's restaurant guides and their 112 true pairs. Phone numbers are written two ways
     * (310/246-1501, 310-246-1501) and become E.164, as the canonical mapping's phone normalizer makes them.
     */
    public static LabelledDataset fodorsZagat(final Path folder, final String name, final Path model) throws IOException {
        final Normalizer phone = NormalizerCatalog.create("phone", List.of("US", "possible"), SETTINGS);
        final java.util.function.Function<CSVRecord, Map<String, Object>> values = row -> {
            final Map<String, Object> record = new LinkedHashMap<>();
            put(record, "name", row.get("name"));
            put(record, "address", row.get("addr"));
            put(record, "city", row.get("city"));
            put(record, "phone", normalized(phone, row.get("phone")));
            put(record, "cuisine", row.get("type"));
            return record;
        };
        return linkage(name, model, List.of(new Table("fodors", folder.resolve("fodors.csv"), values), new Table("zagat", folder.resolve("zagats.csv"), values)),
                folder.resolve("matches_fodors_zagats.csv"), "fodors_id", "zagats_id");
    }

    /**
     * Two tables and a file of true pairs (first column: an id of the first table, second: of the
     * second). The records of both tables are shuffled together with a fixed seed, as two sources
     * streaming side by side would arrive: file order would otherwise hand the matcher the answer
     * (the first 112 Fodor's rows match Zagat's rows in order).
     */
    static LabelledDataset linkage(final String name, final Path model, final List<Table> tables, final Path truePairs,
                                   final String leftColumn, final String rightColumn) throws IOException {
        record Row(Table table, CSVRecord row) {
        }
        final List<Row> rows = new ArrayList<>();
        final List<String> qualifiedIds = new ArrayList<>();
        for (final Table table : tables) {
            for (final CSVRecord row : read(table.file(), CSV)) {
                rows.add(new Row(table, row));
            }
        }
        Collections.shuffle(rows, new Random(20261126));
        rows.forEach(row -> qualifiedIds.add(row.table().system() + '\u0000' + row.row().get("id")));
        final List<TruePairs.Pair> pairs = new ArrayList<>();
        for (final CSVRecord pair : read(truePairs, CSV)) {
            pairs.add(new TruePairs.Pair(tables.get(0).system() + '\u0000' + pair.get(leftColumn), tables.get(1).system() + '\u0000' + pair.get(rightColumn)));
        }
        final List<String> truth = TruePairs.labels(qualifiedIds, pairs);
        final LabelledDataset.Builder builder = new LabelledDataset.Builder(name, model);
        for (int i = 0; i < rows.size(); i++) {
            final Row row = rows.get(i);
            builder.add(row.table().system(), row.row().get("id"), truth.get(i), row.table().values().apply(row.row()));
        }
        return builder.build();
    }

    private static final NormalizerSettings SETTINGS = new NormalizerSettings("US", NormalizerCatalog.DEFAULT_DATE_PATTERNS);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    /** The normalized value, or the raw text when the normalizer refuses it (a broken phone number is still evidence). */
    private static String normalized(final Normalizer normalizer, final String value) {
        try {
            final Object result = normalizer.normalize(value);
            return result == null ? null : result.toString();
        } catch (final NormalizationException refused) {
            return value;
        }
    }

    /** Reads a CSV file as UTF-8, or as Latin-1 when it is not valid UTF-8 (several Leipzig files are Latin-1). */
    private static List<CSVRecord> read(final Path file, final CSVFormat format) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException notUtf8) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
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
