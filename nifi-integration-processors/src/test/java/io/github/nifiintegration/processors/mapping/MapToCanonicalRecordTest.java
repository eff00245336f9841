package io.github.nifiintegration.processors.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nifiintegration.processors.RecordServices;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.github.nifiintegration.processors.RecordServices.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapToCanonicalRecordTest {

    /** The canonical customer every source is mapped onto in these tests: fields by name, then lineage. */
    private static final List<String> CANONICAL_FIELDS = List.of(
            "balance", "birth_date", "country", "email", "family_name", "given_name", "phone", "postal_code",
            "source_system", "source_id", "mapped_at");

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestRunners.newTestRunner(MapToCanonicalRecord.class);
        runner.setProperty(MapToCanonicalRecord.RECORD_WRITER, RecordServices.addJsonWriter(runner, "writer"));
    }

    private void useCsv() throws Exception {
        runner.setProperty(MapToCanonicalRecord.RECORD_READER, RecordServices.addCsvReader(runner, "csv"));
    }

    private void useJson() throws Exception {
        runner.setProperty(MapToCanonicalRecord.RECORD_READER, RecordServices.addJsonReader(runner, "json"));
    }

    private void configureCrmCsv() throws Exception {
        useCsv();
        runner.setProperty(MapToCanonicalRecord.SOURCE_SYSTEM, "crm");
        runner.setProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH, "/CustomerID");
        runner.setProperty(MapToCanonicalRecord.DEFAULT_REGION, "AU");
        runner.setProperty("given_name", "/FullName | name(given) | collapse | title");
        runner.setProperty("family_name", "/FullName | name(family) | collapse | title");
        runner.setProperty("email", "/Email | email");
        runner.setProperty("phone", "/Phone | phone");
        runner.setProperty("birth_date", "/DOB | date('dd/MM/yyyy')");
        runner.setProperty("postal_code", "/Postcode | postal_code");
        runner.setProperty("country", "/Country | country");
        runner.setProperty("balance", "/Balance | decimal");
    }

    private static final String CRM_CSV = """
            CustomerID,FullName,Email,Phone,DOB,Postcode,Country,Balance
            C-1,"  SMITH,  john ",John.Smith@Example.COM ,0412 345 678,05/03/1980,2000,Australia,"$1,234.50"
            C-2,Mary-Jane O'Brien, mary@example.org,+61 2 9876 5432,31/12/1975,0800,AUS,(12.00)
            """;

    @Test
    void mapsCsvSourceOntoCanonicalRecordsWithLineage() throws Exception {
        configureCrmCsv();
        final Instant before = Instant.now().minusSeconds(1);
        runner.enqueue(CRM_CSV);
        runner.run();

        runner.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0);
        out.assertAttributeEquals("record.count", "2");
        out.assertAttributeEquals("source.system", "crm");
        out.assertAttributeEquals("mime.type", "application/json");

        final List<JsonNode> canonical = records(out);
        assertEquals(2, canonical.size());
        final JsonNode smith = canonical.get(0);
        assertEquals(CANONICAL_FIELDS, fieldNames(smith));
        assertEquals("John", smith.get("given_name").asText());
        assertEquals("Smith", smith.get("family_name").asText());
        assertEquals("john.smith@example.com", smith.get("email").asText());
        assertEquals("+61412345678", smith.get("phone").asText());
        assertEquals("1980-03-05", smith.get("birth_date").asText());
        assertEquals("2000", smith.get("postal_code").asText());
        assertEquals("AU", smith.get("country").asText());
        assertEquals(0, smith.get("balance").decimalValue().compareTo(new java.math.BigDecimal("1234.50")));
        assertEquals("crm", smith.get("source_system").asText());
        assertEquals("C-1", smith.get("source_id").asText());
        final Instant mappedAt = Instant.parse(smith.get("mapped_at").asText());
        assertTrue(!mappedAt.isBefore(before) && !mappedAt.isAfter(Instant.now()), "mapped_at is the time of mapping: " + mappedAt);

        final JsonNode obrien = canonical.get(1);
        assertEquals("Mary-Jane", obrien.get("given_name").asText());
        assertEquals("O'Brien", obrien.get("family_name").asText());
        assertEquals("+61298765432", obrien.get("phone").asText());
        assertEquals("0800", obrien.get("postal_code").asText(), "the leading zero the CSV schema inference dropped is restored");
        assertEquals(0, obrien.get("balance").decimalValue().compareTo(new java.math.BigDecimal("-12.00")));
        assertEquals(2, runner.getCounterValue(MapToCanonicalRecord.COUNTER_MAPPED));
    }

    @Test
    void csvFlatJsonAndNestedJsonSourcesMapOntoTheSameCanonicalSchema() throws Exception {
        configureCrmCsv();
        runner.enqueue(CRM_CSV);
        runner.run();
        final JsonNode fromCsv = records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0)).get(0);

        // flat JSON from a billing system, with other field names and formats
        final TestRunner billing = TestRunners.newTestRunner(MapToCanonicalRecord.class);
        billing.setProperty(MapToCanonicalRecord.RECORD_READER, RecordServices.addJsonReader(billing, "json"));
        billing.setProperty(MapToCanonicalRecord.RECORD_WRITER, RecordServices.addJsonWriter(billing, "writer"));
        billing.setProperty(MapToCanonicalRecord.SOURCE_SYSTEM, "${system}");
        billing.setProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH, "/account_no");
        billing.setProperty("given_name", "/first | collapse | title");
        billing.setProperty("family_name", "/last | collapse | title");
        billing.setProperty("email", "/mail | email");
        billing.setProperty("phone", "/tel | phone(AU)");
        billing.setProperty("birth_date", "/born | date");
        billing.setProperty("postal_code", "/zip | postal_code(AU)");
        billing.setProperty("country", "/country_code | country");
        billing.setProperty("balance", "/amount_due | decimal(comma)");
        billing.enqueue("""
                [{"account_no": 9001, "first": "JOHN", "last": "smith", "mail": "mailto:JOHN.SMITH@example.com",
                  "tel": "+61 412-345-678", "born": "1980-03-05", "zip": "2000", "country_code": "au", "amount_due": "1.234,50"}]
                """, Map.of("system", "billing"));
        billing.run();
        billing.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_SUCCESS, 1);
        final JsonNode fromBilling = records(billing.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0)).get(0);

        // nested JSON from a support system: records inside records and arrays
        final TestRunner support = TestRunners.newTestRunner(MapToCanonicalRecord.class);
        support.setProperty(MapToCanonicalRecord.RECORD_READER, RecordServices.addJsonReader(support, "json"));
        support.setProperty(MapToCanonicalRecord.RECORD_WRITER, RecordServices.addJsonWriter(support, "writer"));
        support.setProperty(MapToCanonicalRecord.SOURCE_SYSTEM, "support");
        support.setProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH, "/ticket/customer/id");
        support.setProperty("given_name", "/ticket/customer/name/given | title");
        support.setProperty("family_name", "/ticket/customer/name/family | title");
        support.setProperty("email", "/ticket/customer/emails[0] | email");
        support.setProperty("phone", "/ticket/customer/phones[*]/number | phone(AU)");
        support.setProperty("birth_date", "/ticket/customer/dob | date('d MMM yyyy')");
        support.setProperty("postal_code", "/ticket/customer/address/postcode | postal_code(AU)");
        support.setProperty("country", "/ticket/customer/address/country | country");
        support.setProperty("balance", "/ticket/customer/credit | decimal");
        support.enqueue("""
                {"ticket": {"ref": "T-77", "customer": {"id": "S-5",
                  "name": {"given": "john", "family": "SMITH"},
                  "emails": ["John.Smith@example.com ", "old@example.com"],
                  "phones": [{"type": "home", "number": null}, {"type": "mobile", "number": "0412345678"}],
                  "dob": "5 Mar 1980",
                  "address": {"postcode": "2000", "country": "Australie"},
                  "credit": 1234.5}}}
                """);
        support.run();
        support.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_SUCCESS, 1);
        final JsonNode fromSupport = records(support.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0)).get(0);

        for (final JsonNode record : List.of(fromCsv, fromBilling, fromSupport)) {
            assertEquals(CANONICAL_FIELDS, fieldNames(record));
            for (final String field : List.of("given_name", "family_name", "email", "phone", "birth_date", "postal_code", "country")) {
                assertEquals(fromCsv.get(field).asText(), record.get(field).asText(), field + " of " + record.get("source_system"));
            }
            assertEquals(0, fromCsv.get("balance").decimalValue().compareTo(record.get("balance").decimalValue()));
        }
        assertEquals("billing", fromBilling.get("source_system").asText(), "Source System evaluates Expression Language against the FlowFile");
        assertEquals("9001", fromBilling.get("source_id").asText());
        assertEquals("S-5", fromSupport.get("source_id").asText());
    }

    @Test
    void keepsEveryValueOfAnArrayWithAll() throws Exception {
        useJson();
        runner.setProperty(MapToCanonicalRecord.SOURCE_SYSTEM, "support");
        runner.setProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH, "/id");
        runner.setProperty("phones", "/phones[*]/number | phone(GB) | all");
        runner.setProperty("emails", "/emails | email | all");
        runner.enqueue("""
                [{"id": "1", "phones": [{"number": "020 7946 0018"}, {"number": null}, {"number": "+44 7911 123456"}],
                  "emails": ["A@X.COM", "b@y.org"]},
                 {"id": "2", "phones": [], "emails": null}]
                """);
        runner.run();
        runner.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_SUCCESS, 1);
        final List<JsonNode> out = records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0));
        assertEquals(2, out.size());
        assertEquals("[\"+442079460018\",\"+447911123456\"]", out.get(0).get("phones").toString());
        assertEquals("[\"a@x.com\",\"b@y.org\"]", out.get(0).get("emails").toString());
        assertTrue(out.get(1).get("phones").isNull(), "an empty array is a missing value");
        assertTrue(out.get(1).get("emails").isNull());
    }

    @Test
    void mapsUnicodeNamesAndFoldsAccentsOnlyWhenAsked() throws Exception {
        useCsv();
        runner.setProperty(MapToCanonicalRecord.SOURCE_SYSTEM, "crm");
        runner.setProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH, "/id");
        runner.setProperty("family_name", "/name | name(family) | title");
        runner.setProperty("family_name_ascii", "/name | name(family) | fold_accents | upper");
        runner.enqueue("""
                id,name
                1,josé GARCÍA-LÓPEZ
                2,Łukasz Wałęsa
                3,Иван Петров
                4,王 小明
                5,Zoë van der Bęck
                """.getBytes(StandardCharsets.UTF_8));
        runner.run();
        final List<JsonNode> out = records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0));
        assertEquals(List.of("García-López", "Wałęsa", "Петров", "小明", "Van Der Bęck"), out.stream().map(r -> r.get("family_name").asText()).toList());
        assertEquals(List.of("GARCIA-LOPEZ", "WALESA", "ПЕТРОВ", "小明", "VAN DER BECK"), out.stream().map(r -> r.get("family_name_ascii").asText()).toList());
    }

    @Test
    void invalidRecordsGoToInvalidWithReasonsWhileValidOnesSucceed() throws Exception {
        configureCrmCsv();
        runner.setProperty(MapToCanonicalRecord.REQUIRED_FIELDS, "family_name, email");
        runner.enqueue("""
                CustomerID,FullName,Email,Phone,DOB,Postcode,Country,Balance
                C-1,John Smith,john@example.com,0412345678,05/03/1980,2000,AU,1
                C-2,Ann Lee,not-an-email,12,31/02/1980,ABC,Narnia,lots
                ,Bob Jones,bob@example.com,0412345679,01/01/1990,3000,AU,2
                C-4,,ann@example.com,,,,,
                """);
        runner.run();

        runner.assertTransferCount(MapToCanonicalRecord.REL_SUCCESS, 1);
        runner.assertTransferCount(MapToCanonicalRecord.REL_INVALID, 1);
        runner.assertTransferCount(MapToCanonicalRecord.REL_FAILURE, 0);
        final MockFlowFile success = runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0);
        final MockFlowFile invalid = runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_INVALID).get(0);
        success.assertAttributeEquals("record.count", "1");
        invalid.assertAttributeEquals("record.count", "3");
        invalid.assertAttributeEquals("mapping.invalid.count", "3");

        final List<JsonNode> bad = records(invalid);
        final JsonNode ann = bad.get(0);
        assertEquals("C-2", ann.get("source_id").asText());
        assertEquals("Ann Lee", ann.get("FullName").asText(), "the invalid record is the source record, unchanged");
        final List<String> reasons = texts(ann.get("mapping_errors"));
        assertEquals(6, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("email: 'not-an-email' is not a valid e-mail address"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("phone: '12' is not a valid phone number")), reasons.toString());
        assertTrue(reasons.contains("birth_date: '31/02/1980' matches none of the date formats"), reasons.toString());
        assertTrue(reasons.contains("postal_code: 'ABC' is not a valid AU postal code"), reasons.toString());
        assertTrue(reasons.contains("country: 'Narnia' is not a known country name or ISO 3166 code"), reasons.toString());
        assertTrue(reasons.contains("balance: 'lots' is not a decimal number"), reasons.toString());

        assertEquals(List.of("source_id: the Source Record ID Path selects no value"), texts(bad.get(1).get("mapping_errors")));
        assertTrue(bad.get(1).get("source_id").isNull());
        assertEquals(List.of("family_name: required, but /FullName has no value"), texts(bad.get(2).get("mapping_errors")));

        assertEquals(1, runner.getCounterValue(MapToCanonicalRecord.COUNTER_MAPPED));
        assertEquals(3, runner.getCounterValue(MapToCanonicalRecord.COUNTER_INVALID));
    }

    @Test
    void recordsInEqualRecordsOutAcrossRelationships() throws Exception {
        configureCrmCsv();
        runner.setProperty(MapToCanonicalRecord.REQUIRED_FIELDS, "email");
        final StringBuilder csv = new StringBuilder("CustomerID,FullName,Email,Phone,DOB,Postcode,Country,Balance\n");
        int expectedInvalid = 0;
        for (int i = 0; i < 500; i++) {
            final boolean bad = i % 7 == 0;
            expectedInvalid += bad ? 1 : 0;
            csv.append("C-").append(i).append(",Person ").append(i).append(',')
                    .append(bad ? "broken" : "p" + i + "@example.com").append(",0412345678,01/01/1990,2000,AU,1\n");
        }
        runner.enqueue(csv.toString());
        runner.enqueue(csv.toString());
        runner.run(2);
        final int out = records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS)).size()
                + records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_INVALID)).size();
        assertEquals(1000, out);
        assertEquals(2 * expectedInvalid, records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_INVALID)).size());
        assertEquals(1000 - 2 * expectedInvalid, runner.getCounterValue(MapToCanonicalRecord.COUNTER_MAPPED));
    }

    @Test
    void emptyInputYieldsAnEmptySuccessFlowFile() throws Exception {
        configureCrmCsv();
        runner.enqueue("");
        runner.enqueue("CustomerID,FullName,Email,Phone,DOB,Postcode,Country,Balance\n");
        runner.run(2);
        runner.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_SUCCESS, 2);
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS)) {
            flowFile.assertAttributeEquals("record.count", "0");
            assertEquals(0, records(flowFile).size());
        }
    }

    @Test
    void unparseableFlowFileGoesToFailureWithTheParsersMessage() throws Exception {
        configureCrmCsv();
        // the unclosed quote makes the CSV parser give up part-way through the file
        runner.enqueue("""
                CustomerID,FullName,Email,Phone,DOB,Postcode,Country,Balance
                C-1,John Smith,john@example.com,0412345678,05/03/1980,2000,AU,1
                C-2,"Ann Lee,ann@example.com,0412345678,05/03/1980,2000,AU,1
                """);
        runner.run();
        runner.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_FAILURE).get(0);
        final String reason = failed.getAttribute("mapping.failure.reason");
        assertNotNull(reason);
        assertTrue(reason.toLowerCase().contains("eof") || reason.toLowerCase().contains("parse") || reason.toLowerCase().contains("quote"), reason);
        failed.assertContentEquals(failed.getContent()); // the original content is kept for replay
        assertEquals(1, runner.getCounterValue(MapToCanonicalRecord.COUNTER_FAILED));

        // malformed JSON: nothing is half-written anywhere
        final TestRunner json = TestRunners.newTestRunner(MapToCanonicalRecord.class);
        json.setProperty(MapToCanonicalRecord.RECORD_READER, RecordServices.addJsonReader(json, "json"));
        json.setProperty(MapToCanonicalRecord.RECORD_WRITER, RecordServices.addJsonWriter(json, "writer"));
        json.setProperty(MapToCanonicalRecord.SOURCE_SYSTEM, "billing");
        json.setProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH, "/id");
        json.setProperty("email", "/email | email");
        json.enqueue("[{\"id\": 1, \"email\": \"a@b.com\"}, {\"id\": 2, \"email\": ");
        json.run();
        json.assertAllFlowFilesTransferred(MapToCanonicalRecord.REL_FAILURE, 1);
        assertEquals("[{\"id\": 1, \"email\": \"a@b.com\"}, {\"id\": 2, \"email\": ",
                json.getFlowFilesForRelationship(MapToCanonicalRecord.REL_FAILURE).get(0).getContent());
    }

    @Test
    void refusesAnInvalidRecordPathNamingTheProperty() throws Exception {
        configureCrmCsv();
        runner.setProperty("email", "/Email[ | email");
        assertInvalid("email", "invalid mapping for canonical field 'email'");
    }

    @Test
    void refusesAnUnknownNormalizerNamingTheProperty() throws Exception {
        configureCrmCsv();
        runner.setProperty("phone", "/Phone | telephone");
        assertInvalid("phone", "unknown normalizer 'telephone'");
    }

    @Test
    void refusesAWrongNormalizerArgument() throws Exception {
        configureCrmCsv();
        runner.setProperty("given_name", "/FullName | name(first)");
        assertInvalid("given_name", "name(given|middle|family|prefix|suffix)");
    }

    @Test
    void refusesAMissingSourceIdPath() throws Exception {
        configureCrmCsv();
        runner.removeProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH);
        assertInvalid("Source Record ID Path", "");
    }

    @Test
    void refusesBadRegionDateFormatsRequiredFieldsAndFieldNames() throws Exception {
        configureCrmCsv();
        runner.setProperty(MapToCanonicalRecord.DEFAULT_REGION, "Atlantis");
        assertInvalid("Default Region", "not an ISO 3166 alpha-2 region code");
        runner.setProperty(MapToCanonicalRecord.DEFAULT_REGION, "AU");
        runner.setProperty(MapToCanonicalRecord.DATE_FORMATS, "yyyy-MM-dd; bbbb");
        assertInvalid("Date Formats", "'bbbb' is not a java.time date pattern");
        runner.setProperty(MapToCanonicalRecord.DATE_FORMATS, "yyyy-MM-dd");
        runner.setProperty(MapToCanonicalRecord.REQUIRED_FIELDS, "email, surname");
        assertInvalid("Required Fields", "'surname' is not one of the configured canonical fields");
        runner.removeProperty(MapToCanonicalRecord.REQUIRED_FIELDS);
        runner.setProperty("source_id", "/CustomerID");
        assertInvalid("source_id", "lineage field");
        runner.removeProperty("source_id");
        runner.setProperty("e-mail", "/Email");
        assertInvalid("e-mail", "not a valid canonical field name");
        runner.removeProperty("e-mail");
        runner.assertValid();
    }

    @Test
    void migratesTheOldSourceIdPropertyName() {
        final org.apache.nifi.util.PropertyMigrationResult result = runner.migrateProperties();
        assertNotNull(result);
        runner.setProperty("Source ID Path", "/id");
        runner.migrateProperties();
        assertEquals("/id", runner.getProcessContext().getProperty(MapToCanonicalRecord.SOURCE_RECORD_ID_PATH).getValue());
        assertFalse(runner.getProcessContext().getProperties().keySet().stream().anyMatch(d -> d.getName().equals("Source ID Path")));
    }

    @Test
    void aPartitionKeyGivesRecordsThatShareTheBlockingKeyTheSamePartition() throws Exception {
        configureCrmCsv();
        runner.setProperty(MapToCanonicalRecord.PARTITION_KEY_FIELDS, "family_name, birth_date");
        runner.setProperty(MapToCanonicalRecord.PARTITIONS, "16");
        final StringBuilder csv = new StringBuilder("CustomerID,FullName,Email,Phone,DOB,Postcode,Country,Balance\n");
        csv.append("A-1,John SMITH,,,05/03/1980,2000,AU,1\n").append("A-2,jon smith,,,05/03/1980,2000,AU,1\n");
        for (int i = 0; i < 200; i++) {
            csv.append("B-").append(i).append(",Ann Family").append(i).append(",,,05/03/1980,2000,AU,1\n");
        }
        runner.enqueue(csv.toString());
        runner.run();
        final List<JsonNode> canonical = records(runner.getFlowFilesForRelationship(MapToCanonicalRecord.REL_SUCCESS).get(0));
        assertEquals(202, canonical.size());
        assertEquals(canonical.get(0).get("partition_key").asText(), canonical.get(1).get("partition_key").asText(), "same family name and birth date, case aside");
        final java.util.Set<String> partitions = new java.util.HashSet<>();
        canonical.forEach(record -> partitions.add(record.get("partition_key").asText()));
        assertEquals(16, partitions.size(), "200 different keys spread over all 16 partitions: " + partitions);
        assertTrue(partitions.stream().allMatch(p -> Integer.parseInt(p) >= 0 && Integer.parseInt(p) < 16));
    }

    @Test
    void aPartitionKeyMustUseConfiguredCanonicalFields() throws Exception {
        configureCrmCsv();
        runner.setProperty(MapToCanonicalRecord.PARTITION_KEY_FIELDS, "family_name, surname");
        assertInvalid(MapToCanonicalRecord.PARTITION_KEY_FIELDS.getName(), "'surname' is not one of the configured canonical fields");
    }

    private void assertInvalid(final String property, final String explanationPart) {
        runner.assertNotValid();
        final Collection<ValidationResult> results = ((MockProcessContext) runner.getProcessContext()).validate();
        final List<ValidationResult> invalid = results.stream().filter(r -> !r.isValid()).toList();
        assertTrue(invalid.stream().anyMatch(r -> r.getSubject().equals(property) && r.getExplanation().contains(explanationPart)),
                "expected a validation error on '" + property + "' containing '" + explanationPart + "' but got " + invalid);
    }

    private static List<String> fieldNames(final JsonNode record) {
        final List<String> names = new ArrayList<>();
        final Iterator<String> iterator = record.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
