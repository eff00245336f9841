package io.github.nifiintegration.tooling.generate;

import java.time.LocalDate;

/**
 * The truth about one generated person: the values every source record of this person is a
 * (possibly damaged) copy of. {@code entityId} is the ground-truth cluster id.
 */
public record Person(String entityId, String givenName, String familyName, LocalDate birthDate, String email,
                     String mobile, String streetNumber, String street, String suburb, String postcode, String state) {
}
