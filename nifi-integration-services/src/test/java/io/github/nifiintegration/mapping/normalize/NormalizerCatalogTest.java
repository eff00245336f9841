package io.github.nifiintegration.mapping.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizerCatalogTest {

    private static final NormalizerSettings SETTINGS = new NormalizerSettings("US", NormalizerCatalog.DEFAULT_DATE_PATTERNS);

    private static Object apply(final String name, final Object value, final String... args) throws NormalizationException {
        return NormalizerCatalog.create(name, List.of(args), SETTINGS).normalize(value);
    }

    private static String refusal(final String name, final Object value, final String... args) {
        return assertThrows(NormalizationException.class, () -> apply(name, value, args)).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "trim     | '  a  b '        | 'a  b'",
            "collapse | ' a \t\n b  c '  | 'a b c'",
            "upper    | 'straße'         | 'STRASSE'",
            "lower    | 'ÀB'             | 'àb'",
            "title    | 'o''brien-SMITH' | 'O''Brien-Smith'",
            "title    | 'mary jane'      | 'Mary Jane'",
            "fold_accents | 'José Łódź Ærø ﬁne'  | 'Jose Lodz AEro fine'",
            "fold_accents | 'Ｔｏｋｙｏ'          | 'Tokyo'",
            "fold_accents | 'Москва'             | 'Москва'"})
    void textNormalizers(final String name, final String input, final String expected) throws Exception {
        assertEquals(expected, apply(name, input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'Dr. John Adam Smith Jr.' | Dr. | John | Adam     | Smith          | Jr.",
            "'SMITH, John A.'          |    | John | A.       | SMITH          |",
            "'Ludwig van Beethoven'    |    | Ludwig |        | van Beethoven  |",
            "'María José de la Cruz'   |    | María | José    | de la Cruz     |",
            "'John Smith, Jr.'         |    | John |          | Smith          | Jr.",
            "'Cher'                    |    | Cher |          |                |"})
    void personNameParts(final String full, final String prefix, final String given, final String middle, final String family, final String suffix) throws Exception {
        assertEquals(prefix, apply("name", full, "prefix"));
        assertEquals(given, apply("name", full, "given"));
        assertEquals(middle, apply("name", full, "middle"));
        assertEquals(family, apply("name", full, "family"));
        assertEquals(suffix, apply("name", full, "suffix"));
    }

    @Test
    void email() throws Exception {
        assertEquals("j.smith@x.com", apply("email", " J.Smith@X.com "));
        assertEquals("ann@example.org", apply("email", "mailto:Ann@Example.ORG"));
        assertEquals("ann@example.org", apply("email", "<ann@example.org>"));
        assertNull(apply("email", "   "));
        assertEquals("'bob@' is not a valid e-mail address", refusal("email", "bob@"));
        assertEquals("'a b@c.com' is not a valid e-mail address", refusal("email", "a b@c.com"));
    }

    @Test
    void phone() throws Exception {
        assertEquals("+12127365000", apply("phone", "(212) 736-5000"));
        assertEquals("+61412345678", apply("phone", "0412 345 678", "AU"));
        assertEquals("+61412345678", apply("phone", 412345678L, "AU"), "a number whose leading zero a reader dropped");
        assertEquals("+442079460018", apply("phone", "+44 20 7946 0018"), "an international number ignores the region");
        assertTrue(refusal("phone", "+44 7700 900123").contains("not a valid phone number"));
        assertEquals("+447700900123", apply("phone", "+44 7700 900123", "GB", "possible"));
        assertTrue(refusal("phone", "call me").startsWith("'call me' is not a phone number"));
        assertThrows(IllegalArgumentException.class, () -> NormalizerCatalog.create("phone", List.of("XX"), SETTINGS));
        assertThrows(IllegalArgumentException.class, () -> NormalizerCatalog.create("phone", List.of("US", "maybe"), SETTINGS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "US | '90210'      | '90210'",
            "US | '902101234'  | '90210-1234'",
            "US | '2115'       | '02115'",
            "GB | 'sw1a1aa'    | 'SW1A 1AA'",
            "GB | 'EC1A  1BB'  | 'EC1A 1BB'",
            "CA | 'k1a0b6'     | 'K1A 0B6'",
            "NL | '1234ab'     | '1234 AB'",
            "AU | '800'        | '0800'",
            "ZA | ' ab  12 '   | 'AB 12'"})
    void postalCodes(final String country, final String input, final String expected) throws Exception {
        assertEquals(expected, apply("postal_code", input, country));
    }

    @Test
    void postalCodeRefusals() {
        assertEquals("'1234' is not a valid GB postal code", refusal("postal_code", "1234", "GB"));
        assertEquals("'123456' is not a valid US postal code", refusal("postal_code", "123456", "US"));
    }

    @Test
    void dates() throws Exception {
        assertEquals("1980-03-05", apply("date", "05/03/1980"), "day-first is the default after ISO");
        assertEquals("1980-03-05", apply("date", "03/05/1980", "MM/dd/yyyy"));
        assertEquals("1980-03-05", apply("date", "1980-03-05"));
        assertEquals("1980-03-05", apply("date", 19800305), "a yyyyMMdd number that a reader inferred as an int");
        assertEquals("1980-03-05", apply("date", "5 Mar 1980"));
        assertEquals("1980-03-05", apply("date", "March 5, 1980"));
        assertEquals("2024-01-02T03:04:05", apply("date", "2024-01-02 03:04:05"));
        assertEquals("2024-01-02T03:04:05+01:00", apply("date", "2024-01-02T03:04:05+01:00"));
        assertEquals("2024-01-02T03:04:05", apply("date", Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5))));
        assertEquals("1980-03-05", apply("date", java.sql.Date.valueOf("1980-03-05")));
        assertEquals("'31/02/1980' matches none of the date formats", refusal("date", "31/02/1980"));
        assertEquals("'soon' matches none of the date formats", refusal("date", "soon"));
        assertThrows(IllegalArgumentException.class, () -> NormalizerCatalog.create("date", List.of("bbbb"), SETTINGS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''           | '$ 1,234.50'  | 1234.50",
            "''           | '(12.00)'     | -12.00",
            "''           | '-7'          | -7",
            "''           | 'USD 99.99'   | 99.99",
            "comma        | 'EUR 1.234,50'| 1234.50",
            "comma        | '3,5'         | 3.5",
            "''           | '1 000 000'   | 1000000"})
    void decimals(final String arg, final String input, final String expected) throws Exception {
        final Object result = arg.isEmpty() ? apply("decimal", input) : apply("decimal", input, arg);
        assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) result), input + " -> " + result);
    }

    @Test
    void decimalKeepsNumbersExactAndRefusesText() throws Exception {
        assertEquals(new BigDecimal("0.1"), apply("decimal", 0.1d));
        assertEquals(new BigDecimal("42"), apply("decimal", 42));
        assertEquals("'lots' is not a decimal number", refusal("decimal", "lots"));
        assertEquals("'1.2.3' is not a decimal number", refusal("decimal", "1.2.3"));
        assertEquals(CanonicalType.DECIMAL, NormalizerCatalog.create("decimal", List.of(), SETTINGS).outputType());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'Australia' | AU", "'AUS' | AU", "'au' | AU", "'United States of America' | US", "'USA' | US",
            "'UK' | GB", "'Deutschland' | DE", "'Allemagne' | DE", "'the Netherlands' | NL", "'Côte d’Ivoire' | CI",
            "'España' | ES", "'Brasil' | BR"})
    void countries(final String input, final String code) throws Exception {
        assertEquals(code, apply("country", input));
    }

    @Test
    void unknownCountryIsRefused() {
        assertEquals("'Narnia' is not a known country name or ISO 3166 code", refusal("country", "Narnia"));
    }

    @Test
    void catalogExplainsBadCalls() {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> NormalizerCatalog.create("soundex", List.of(), SETTINGS));
        assertTrue(unknown.getMessage().startsWith("unknown normalizer 'soundex'; known normalizers: trim, collapse"), unknown.getMessage());
        final IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> NormalizerCatalog.create("trim", List.of("x"), SETTINGS));
        assertEquals("trim takes no arguments; usage: trim", tooMany.getMessage());
        assertTrue(NormalizerCatalog.entries().stream().allMatch(e -> !e.description().isBlank()));
    }
}
