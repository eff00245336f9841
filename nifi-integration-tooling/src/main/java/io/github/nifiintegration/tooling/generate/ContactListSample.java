package io.github.nifiintegration.tooling.generate;

import org.apache.commons.text.WordUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the contact-list-cleanup sample: one sign-up sheet keyed in by hand at several events, so
 * the same person signs up more than once, each time a little differently (name order and case,
 * phone and date formats, typing errors, missing values), plus a few rows with no name at all. The
 * truth file ({@code source_system,source_id,entity_id}) says who is who.
 */
public final class ContactListSample {

    /** What was written. */
    public record Summary(int people, int rows, int rowsWithoutName) {
    }

    public static final String SOURCE_SYSTEM = "signup";

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter SPELLED_OUT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final String[] EVENTS = {"Sydney expo", "Melbourne roadshow", "Webinar", "Brisbane open day"};

    private final PersonGenerator people;
    private final Corruptor damage;

    public ContactListSample(final long seed) {
        this.people = new PersonGenerator(seed);
        this.damage = new Corruptor(people.random());
    }

    public Summary write(final Path directory, final int personCount) throws IOException {
        Files.createDirectories(directory);
        final List<String> rows = new ArrayList<>();
        rows.add("Row,Name,Email,Mobile,Born,Postcode,Event");
        final List<String> truth = new ArrayList<>();
        truth.add("source_system,source_id,entity_id");
        final List<Person> signedUp = new ArrayList<>();
        int withoutName = 0;
        for (int i = 0; i < personCount; i++) {
            signedUp.add(people.next());
        }
        // about half sign up again, some a third time, at a later event
        final List<Person> sheet = new ArrayList<>(signedUp);
        for (final Person person : signedUp) {
            if (damage.chance(0.5)) {
                sheet.add(person);
                if (damage.chance(0.3)) {
                    sheet.add(person);
                }
            }
        }
        shuffle(sheet);
        for (int i = 0; i < sheet.size(); i++) {
            final Person person = sheet.get(i);
            final String id = String.format(Locale.ROOT, "R%04d", i + 1);
            final boolean nameless = damage.chance(0.01);
            withoutName += nameless ? 1 : 0;
            rows.add(row(person, id, nameless));
            truth.add(SOURCE_SYSTEM + "," + id + "," + person.entityId());
        }
        Files.write(directory.resolve("contacts.csv"), rows, StandardCharsets.UTF_8);
        Files.write(directory.resolve("truth.csv"), truth, StandardCharsets.UTF_8);
        return new Summary(personCount, sheet.size(), withoutName);
    }

    private String row(final Person person, final String id, final boolean nameless) {
        final String given = damage.maybeTypo(person.givenName(), 0.08);
        final String family = damage.maybeTypo(person.familyName(), 0.08);
        final String name = switch (damage.nextInt(4)) {
            case 0 -> WordUtils.capitalize(given) + " " + WordUtils.capitalize(family);
            case 1 -> family.toUpperCase(Locale.ROOT) + ", " + WordUtils.capitalize(given);
            case 2 -> " " + given.toLowerCase(Locale.ROOT) + "  " + family.toLowerCase(Locale.ROOT) + " ";
            default -> WordUtils.capitalize(given) + " " + family.toUpperCase(Locale.ROOT);
        };
        final String email = damage.maybeMissing(damage.chance(0.2) ? person.email().toUpperCase(Locale.ROOT) : damage.maybeTypo(person.email(), 0.05), 0.15);
        final String mobile = person.mobile();
        final String phone = damage.maybeMissing(switch (damage.nextInt(3)) {
            case 0 -> mobile.substring(0, 4) + " " + mobile.substring(4, 7) + " " + mobile.substring(7);
            case 1 -> "+61" + mobile.substring(1);
            default -> mobile;
        }, 0.2);
        final String born = damage.maybeMissing(damage.chance(0.5) ? person.birthDate().format(DAY_FIRST) : person.birthDate().format(SPELLED_OUT), 0.1);
        return SampleSources.csv(id, nameless ? null : name, email, phone, born, person.postcode(), EVENTS[damage.nextInt(EVENTS.length)]);
    }

    private void shuffle(final List<Person> sheet) {
        for (int i = sheet.size() - 1; i > 0; i--) {
            final int j = damage.nextInt(i + 1);
            sheet.set(j, sheet.set(i, sheet.get(j)));
        }
    }
}
