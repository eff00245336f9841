package io.github.nifiintegration.tooling.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded generator of Australian persons in the manner of Febrl's data-set generator, drawing
 * names, streets and suburbs from the project's own Zipf-weighted tables ({@link BuiltInTables}).
 * The same seed always gives the same people.
 */
public final class PersonGenerator {

    private static final FrequencyTable GIVEN_NAMES = BuiltInTables.givenNames();
    private static final FrequencyTable SURNAMES = BuiltInTables.surnames();
    private static final FrequencyTable STREETS = BuiltInTables.streets();
    private static final FrequencyTable STATES = BuiltInTables.states();
    private static final List<String[]> SUBURBS = BuiltInTables.suburbs(new SplittableRandom(20261126));
    private static final String[] MAIL_DOMAINS = {"gmail.com", "yahoo.com.au", "outlook.com", "bigpond.com", "optusnet.com.au", "hotmail.com", "icloud.com"};

    private static final char[] MOBILE_RANGES = {'0', '1', '2', '3', '6'};

    private final SplittableRandom random;
    private long sequence;

    public PersonGenerator(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Person number {@code index} (from 1) of the seed, the same whenever it is asked for: a large
     * data set can refer back to earlier people without keeping them in memory.
     */
    public static Person person(final long seed, final long index) {
        final PersonGenerator single = new PersonGenerator(seed * 0x9E3779B97F4A7C15L + index);
        single.sequence = index - 1;
        return single.next();
    }

    public Person next() {
        sequence++;
        final String given = GIVEN_NAMES.sample(random);
        final String family = SURNAMES.sample(random);
        final LocalDate birthDate = LocalDate.of(1935, 1, 1).plusDays(random.nextInt(365 * 70));
        final String email = emailFor(given, family);
        // 040x-043x and 046x: ranges allocated to mobiles, so libphonenumber takes them as valid
        final String mobile = "04" + MOBILE_RANGES[random.nextInt(MOBILE_RANGES.length)] + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000));
        final String state = STATES.sample(random);
        String[] suburb = SUBURBS.get(random.nextInt(SUBURBS.size()));
        for (int tries = 0; tries < 20 && !suburb[0].equals(state); tries++) {
            suburb = SUBURBS.get(random.nextInt(SUBURBS.size()));
        }
        return new Person(String.format(Locale.ROOT, "P%07d", sequence), given, family, birthDate, email, mobile,
                String.valueOf(1 + random.nextInt(250)), STREETS.sample(random), suburb[1], suburb[2], suburb[0]);
    }

    /**
     * A mailbox belongs to one person: the local part ends with the person's number, so two people
     * never share an address (names alone would make "jsmith@gmail.com" common to thousands of
     * people at a million records, which no real data set has).
     */
    private String emailFor(final String given, final String family) {
        final String local = switch (random.nextInt(4)) {
            case 0 -> given + "." + family;
            case 1 -> given.charAt(0) + family;
            case 2 -> given + family.charAt(0);
            default -> family + "." + given;
        };
        return local.replaceAll("[^a-z0-9.]", "") + sequence + "@" + MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)];
    }

    SplittableRandom random() {
        return random;
    }
}
