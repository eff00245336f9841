package io.github.nifiintegration.tooling.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleSourcesTest {

    @Test
    void sameSeedWritesTheSameFilesAndOtherSeedsDoNot(@TempDir final Path a, @TempDir final Path b, @TempDir final Path c) throws Exception {
        new SampleSources(42).write(a, 50);
        new SampleSources(42).write(b, 50);
        new SampleSources(43).write(c, 50);
        for (final String file : List.of("crm.csv", "billing.json", "support.csv", "truth.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
        assertFalse(Files.readString(a.resolve("crm.csv")).equals(Files.readString(c.resolve("crm.csv"))));
    }

    @Test
    void truthNamesEverySourceRecordOnceAndSharesPeopleAcrossSources(@TempDir final Path directory) throws Exception {
        final SampleSources.Summary summary = new SampleSources(1).write(directory, 200);
        final List<String> truth = Files.readAllLines(directory.resolve("truth.csv"));
        assertEquals("source_system,source_id,entity_id", truth.get(0));
        assertEquals(summary.crm() + summary.billing() + summary.support(), truth.size() - 1);
        final Set<String> keys = new HashSet<>();
        final Set<String> entitiesInCrm = new HashSet<>();
        final Set<String> entitiesInBilling = new HashSet<>();
        for (final String line : truth.subList(1, truth.size())) {
            final String[] parts = line.split(",");
            assertTrue(keys.add(parts[0] + "/" + parts[1]), "source record named twice: " + line);
            if (parts[0].equals("crm")) {
                entitiesInCrm.add(parts[2]);
            } else if (parts[0].equals("billing")) {
                entitiesInBilling.add(parts[2]);
            }
        }
        entitiesInCrm.retainAll(entitiesInBilling);
        assertTrue(entitiesInCrm.size() > 50, "people known to both CRM and billing: " + entitiesInCrm.size());
        assertEquals(summary.crm() + 1, Files.readAllLines(directory.resolve("crm.csv")).size());
    }

    @Test
    void generatorIsDeterministicAndWritesPlausiblePeople() {
        final PersonGenerator first = new PersonGenerator(99);
        final PersonGenerator second = new PersonGenerator(99);
        for (int i = 0; i < 1000; i++) {
            final Person person = first.next();
            assertEquals(person, second.next());
            assertTrue(person.mobile().matches("04[01236]\\d{7}"), person.mobile());
            assertTrue(person.postcode().matches("\\d{4}"), person.postcode());
            assertTrue(person.email().contains("@"));
        }
    }

    @Test
    void corruptorMakesOneEditAndIsSeeded() {
        final Corruptor damage = new Corruptor(new java.util.SplittableRandom(5));
        for (int i = 0; i < 500; i++) {
            final String typo = damage.typo("katherine");
            assertTrue(org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply("katherine", typo) <= 2, typo);
        }
        assertEquals("a", damage.typo("a"));
    }
}
