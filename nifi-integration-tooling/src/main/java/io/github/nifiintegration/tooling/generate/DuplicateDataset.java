package io.github.nifiintegration.tooling.generate;

import org.apache.commons.text.WordUtils;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical person records with planted duplicates and their ground truth: each record is either a
 * new person or, with the duplicate rate, a damaged copy of a person generated before (typing errors
 * in names and e-mails, day and month swapped, a digit off, given and family name swapped, values
 * missing), as different source systems would hold them. Seeded and streamed: a million records
 * need no more memory than the people they are drawn from.
 */
public final class DuplicateDataset {

    /** The canonical fields of a generated record, in CSV column order. */
    public static final List<String> FIELDS = List.of("given_name", "family_name", "birth_date", "email", "phone", "postal_code", "city");

    private static final String[] SYSTEMS = {"crm", "billing", "support"};

    /** One generated record: where it comes from, who it truly is, and its values. */
    public record GeneratedRecord(String sourceSystem, String sourceId, String entityId, Map<String, String> values) {
    }

    private final long seed;
    private final Corruptor damage;
    private final double duplicateRate;
    private long people;
    private long sequence;

    public DuplicateDataset(final long seed, final double duplicateRate) {
        this.seed = seed;
        this.damage = new Corruptor(new java.util.SplittableRandom(seed));
        this.duplicateRate = duplicateRate;
    }

    /** The sequence number in a source id this generator wrote (its order of generation). */
    public static int sequenceOf(final String sourceId) {
        return Integer.parseInt(sourceId.substring(sourceId.indexOf('-') + 1));
    }

    public GeneratedRecord next() {
        sequence++;
        final String system = SYSTEMS[damage.nextInt(SYSTEMS.length)];
        final String sourceId = String.format(Locale.ROOT, "%s-%08d", system.charAt(0), sequence);
        if (people > 0 && damage.chance(duplicateRate)) {
            // an earlier person again, regenerated rather than remembered
            final Person original = PersonGenerator.person(seed, 1 + damage.nextInt((int) people));
            return new GeneratedRecord(system, sourceId, original.entityId(), damaged(original));
        }
        final Person person = PersonGenerator.person(seed, ++people);
        return new GeneratedRecord(system, sourceId, person.entityId(), exact(person));
    }

    public List<GeneratedRecord> next(final int count) {
        final List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(next());
        }
        return records;
    }

    private static Map<String, String> exact(final Person person) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("given_name", capitalized(person.givenName()));
        values.put("family_name", capitalized(person.familyName()));
        values.put("birth_date", person.birthDate().toString());
        values.put("email", person.email());
        values.put("phone", "+61" + person.mobile().substring(1));
        values.put("postal_code", person.postcode());
        values.put("city", capitalized(person.suburb()));
        return values;
    }

    private Map<String, String> damaged(final Person person) {
        final Map<String, String> values = exact(person);
        values.put("given_name", damage.maybeTypo(values.get("given_name"), 0.15));
        values.put("family_name", damage.maybeTypo(values.get("family_name"), 0.15));
        if (damage.chance(0.03)) {
            final String given = values.get("given_name");
            values.put("given_name", values.get("family_name"));
            values.put("family_name", given);
        }
        final LocalDate birth = person.birthDate();
        if (damage.chance(0.04) && birth.getDayOfMonth() <= 12) {
            values.put("birth_date", LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue()).toString());
        } else if (damage.chance(0.04)) {
            values.put("birth_date", birth.plusDays(1 + damage.nextInt(9)).toString());
        }
        values.put("email", damage.maybeMissing(damage.maybeTypo(values.get("email"), 0.05), 0.25));
        values.put("phone", damage.maybeMissing(values.get("phone"), 0.3));
        values.put("postal_code", damage.maybeMissing(values.get("postal_code"), 0.1));
        values.put("city", damage.maybeTypo(values.get("city"), 0.1));
        return values;
    }

    /** Capital letters at the start of each word, also after hyphens and apostrophes (O'Brien-Smith). */
    private static String capitalized(final String text) {
        return WordUtils.capitalize(text, ' ', '-', '\'');
    }

    /** The record as one CSV line in {@link #csvHeader()} column order. */
    public static String csvLine(final GeneratedRecord record) {
        final String[] columns = new String[FIELDS.size() + 2];
        columns[0] = record.sourceSystem();
        columns[1] = record.sourceId();
        for (int i = 0; i < FIELDS.size(); i++) {
            columns[i + 2] = record.values().get(FIELDS.get(i));
        }
        return SampleSources.csv(columns);
    }

    public static String csvHeader() {
        return "source_system,source_id," + String.join(",", FIELDS);
    }
}
