package io.github.nifiintegration.tooling.generate;

import org.apache.commons.text.WordUtils;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the customer-360 sample sources: three systems that each know some of the same people,
 * in their own schema and format, with planted duplicates, typing errors, missing and broken values,
 * and a truth file ({@code source_system,source_id,entity_id}) that says who is who.
 * <ul>
 *   <li>{@code crm.csv}: one row per customer, "Family, Given" or "Given Family" names, day-first dates;</li>
 *   <li>{@code billing.json}: nested accounts with arrays of e-mails and phones, ISO dates, amounts;</li>
 *   <li>{@code support.csv}: one row per ticket, so a customer with three tickets appears three times.</li>
 * </ul>
 */
public final class SampleSources {

    /** How many source records each system wrote, and who they are. */
    public record Summary(int people, int crm, int billing, int support) {
    }

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TICKET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PersonGenerator people;
    private final Corruptor damage;
    private final List<String> truth = new ArrayList<>();

    public SampleSources(final long seed) {
        this.people = new PersonGenerator(seed);
        this.damage = new Corruptor(people.random());
    }

    public Summary write(final Path directory, final int personCount) throws IOException {
        Files.createDirectories(directory);
        final List<String> crm = new ArrayList<>();
        crm.add("CustomerID,FullName,Email,Phone,DOB,Street,Suburb,State,Postcode,Country,UpdatedAt");
        final ObjectMapper json = new ObjectMapper();
        final ArrayNode billing = json.createArrayNode();
        final List<String> support = new ArrayList<>();
        support.add("ticket_id,opened_at,contact_name,contact_email,contact_phone,postcode,subject");

        int crmId = 1000;
        int accountId = 5000;
        int ticketId = 1;
        for (int i = 0; i < personCount; i++) {
            final Person person = people.next();
            if (damage.chance(0.8)) {
                crm.add(crmRow(person, "C" + ++crmId));
                truth("crm", "C" + crmId, person);
                if (damage.chance(0.08)) {
                    // the same customer keyed in twice, a few years apart
                    crm.add(crmRow(person, "C" + ++crmId));
                    truth("crm", "C" + crmId, person);
                }
            }
            if (damage.chance(0.6)) {
                billing.add(billingAccount(json, person, "B-" + ++accountId));
                truth("billing", "B-" + accountId, person);
            }
            final int tickets = damage.chance(0.5) ? 1 + damage.nextInt(3) : 0;
            for (int t = 0; t < tickets; t++) {
                final String id = String.format(Locale.ROOT, "T%05d", ticketId++);
                support.add(supportRow(person, id));
                truth("support", id, person);
            }
        }
        Files.write(directory.resolve("crm.csv"), crm, StandardCharsets.UTF_8);
        try (Writer out = Files.newBufferedWriter(directory.resolve("billing.json"), StandardCharsets.UTF_8)) {
            json.writerWithDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, billing);
        }
        Files.write(directory.resolve("support.csv"), support, StandardCharsets.UTF_8);
        final List<String> truthFile = new ArrayList<>();
        truthFile.add("source_system,source_id,entity_id");
        truthFile.addAll(truth);
        Files.write(directory.resolve("truth.csv"), truthFile, StandardCharsets.UTF_8);
        return new Summary(personCount, crm.size() - 1, billing.size(), support.size() - 1);
    }

    private void truth(final String system, final String id, final Person person) {
        truth.add(system + "," + id + "," + person.entityId());
    }

    private String crmRow(final Person person, final String id) {
        final String given = damage.maybeTypo(person.givenName(), 0.05);
        final String family = damage.maybeTypo(person.familyName(), 0.05);
        final String fullName = damage.chance(0.5) ? upperFirst(family) + ", " + upperFirst(given) : upperFirst(given) + " " + family.toUpperCase(Locale.ROOT);
        String email = damage.maybeMissing(person.email(), 0.1);
        if (email != null && damage.chance(0.03)) {
            email = "n/a";
        }
        final String phone = damage.chance(0.5) ? spaced(person.mobile()) : "+61 " + person.mobile().substring(1);
        final LocalDate updated = LocalDate.of(2020, 1, 1).plusDays(damage.nextInt(1500));
        return csv(id, fullName, email, damage.maybeMissing(phone, 0.05), person.birthDate().format(DAY_FIRST),
                person.streetNumber() + " " + damage.maybeTypo(person.street(), 0.05), upperFirst(person.suburb()),
                person.state().toUpperCase(Locale.ROOT), person.postcode(), "Australia", updated.atTime(9, 0).toString());
    }

    private ObjectNode billingAccount(final ObjectMapper json, final Person person, final String id) {
        final ObjectNode account = json.createObjectNode();
        account.put("account_number", id);
        final ObjectNode holder = account.putObject("holder");
        holder.put("first", damage.maybeTypo(person.givenName(), 0.05).toUpperCase(Locale.ROOT));
        holder.put("last", damage.maybeTypo(person.familyName(), 0.05).toUpperCase(Locale.ROOT));
        holder.put("born", person.birthDate().toString());
        final ObjectNode contact = account.putObject("contact");
        final ArrayNode emails = contact.putArray("emails");
        if (!damage.chance(0.05)) {
            emails.add(damage.chance(0.3) ? person.email().toUpperCase(Locale.ROOT) : person.email());
        }
        final ArrayNode phones = contact.putArray("phones");
        phones.addObject().put("type", "mobile").put("number", person.mobile());
        final ObjectNode address = account.putObject("billing_address");
        address.put("line1", person.streetNumber() + " " + person.street());
        address.put("city", person.suburb().toUpperCase(Locale.ROOT));
        address.put("state", person.state());
        address.put("postcode", person.postcode());
        address.put("country", "AU");
        account.put("balance", String.format(Locale.ROOT, "%,.2f", damage.nextInt(500_000) / 100.0));
        account.put("updated", LocalDateTime.of(2021, 1, 1, 0, 0).plusMinutes(damage.nextInt(2_000_000)).toString());
        return account;
    }

    private String supportRow(final Person person, final String id) {
        final String name = damage.maybeTypo(upperFirst(person.givenName()), 0.1) + " " + damage.maybeTypo(upperFirst(person.familyName()), 0.1);
        final String phone = damage.maybeMissing(person.mobile(), 0.3);
        final LocalDateTime opened = LocalDateTime.of(2022, 1, 1, 8, 0).plusMinutes(damage.nextInt(1_000_000));
        final String[] subjects = {"Cannot log in", "Question about invoice", "Change of address", "Card declined", "Cancel subscription"};
        return csv(id, opened.format(TICKET_TIME), name, damage.maybeMissing(person.email(), 0.2), phone, person.postcode(),
                subjects[damage.nextInt(subjects.length)]);
    }

    private static String spaced(final String mobile) {
        return mobile.substring(0, 4) + " " + mobile.substring(4, 7) + " " + mobile.substring(7);
    }

    /** Capital letters at the start of each word, also after hyphens and apostrophes (O'Brien-Smith). */
    private static String upperFirst(final String text) {
        return WordUtils.capitalize(text, ' ', '-', '\'');
    }

    static String csv(final String... values) {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            final String value = values[i];
            if (value == null) {
                continue;
            }
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }
}
