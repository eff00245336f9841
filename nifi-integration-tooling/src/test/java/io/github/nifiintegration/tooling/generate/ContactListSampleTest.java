package io.github.nifiintegration.tooling.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactListSampleTest {

    @Test
    void sameSeedWritesTheSameSheetAndTheTruthNamesEveryRow(@TempDir final Path a, @TempDir final Path b, @TempDir final Path c) throws Exception {
        final ContactListSample.Summary summary = new ContactListSample(7).write(a, 80);
        new ContactListSample(7).write(b, 80);
        new ContactListSample(8).write(c, 80);
        assertArrayEquals(Files.readAllBytes(a.resolve("contacts.csv")), Files.readAllBytes(b.resolve("contacts.csv")));
        assertFalse(Files.readString(a.resolve("contacts.csv")).equals(Files.readString(c.resolve("contacts.csv"))));

        final List<String> truth = Files.readAllLines(a.resolve("truth.csv"));
        assertEquals(summary.rows() + 1, truth.size());
        assertEquals(summary.rows() + 1, Files.readAllLines(a.resolve("contacts.csv")).size());
        final long people = truth.stream().skip(1).map(line -> line.split(",")[2]).distinct().count();
        assertEquals(summary.people(), people);
        assertTrue(summary.rows() > people * 1.3, "repeat sign-ups: " + summary.rows() + " rows of " + people + " people");
    }
}
