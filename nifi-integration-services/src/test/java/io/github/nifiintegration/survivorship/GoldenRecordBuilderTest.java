package io.github.nifiintegration.survivorship;

import io.github.nifiintegration.store.GoldenValue;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.SourceRef;
import io.github.nifiintegration.store.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three sources that disagree about one customer, and what each rule makes of them. */
class GoldenRecordBuilderTest {

    static final StoredRecord CRM = record("crm", "C1", Map.of("given_name", "Katherine", "family_name", "Smith", "email", "kate@x.com",
            "phone", "+61400000001", "street", "1 Main St", "birth_date", "1980-03-05", "updated_at", "2024-01-10", "balance", new BigDecimal("120.50")));
    static final StoredRecord BILLING = record("billing", "B1", Map.of("given_name", "Kate", "family_name", "Smith", "email", "k.smith@y.com",
            "phone", "+61400000002", "street", "1 Main Street", "birth_date", "1980-03-05", "updated_at", "2025-06-01", "balance", new BigDecimal("99")));
    static final StoredRecord SUPPORT = record("support", "S1", Map.of("given_name", "Katherine", "family_name", "Smyth", "email", "kate@x.com",
            "street", " ", "birth_date", "1980-05-03", "updated_at", "2023-05-05T08:00:00Z"));

    private static StoredRecord record(final String system, final String id, final Map<String, Object> values) {
        return new StoredRecord(new SourceKey(system, id), "E-1", 1, new HashMap<>(values), "h");
    }

    private static GoldenRecordBuilder builder(final String field, final String chain) {
        return new GoldenRecordBuilder(new SurvivorshipRules(Map.of(field, SurvivorshipRules.parseChain(chain)),
                List.of(Rule.SOURCE_PRIORITY), List.of("billing", "crm", "support"), "updated_at"));
    }

    private static GoldenValue decide(final String field, final String chain) {
        return builder(field, chain).build(List.of(CRM, BILLING, SUPPORT), Map.of()).get(field);
    }

    @ParameterizedTest(name = "{0}: {1} = {2} from {3}")
    @CsvSource({
            "given_name, source_priority, Kate, billing/B1, source_priority",
            "given_name, most_recent, Kate, billing/B1, most_recent",
            "given_name, first_non_empty, Katherine, support/S1, first_non_empty",
            // both crm and support say Katherine: the more trusted of them is the lineage
            "given_name, most_frequent, Katherine, crm/C1, most_frequent",
            "given_name, longest, Katherine, crm/C1, longest",
            // crm and billing are equally complete and disagree: the tie goes to the next rule
            "given_name, most_complete | most_recent, Kate, billing/B1, most_recent",
            "given_name, most_complete, Kate, billing/B1, tie_break",
            "family_name, most_frequent | source_priority, Smith, billing/B1, most_frequent",
            "birth_date, most_frequent, 1980-03-05, billing/B1, most_frequent",
            "updated_at, min, 2023-05-05T08:00:00Z, support/S1, min",
            "updated_at, max, 2025-06-01, billing/B1, max",
            // a record without the field is no candidate; a blank value neither
            "phone, most_recent, +61400000002, billing/B1, most_recent",
            "street, first_non_empty, 1 Main St, crm/C1, first_non_empty",
    })
    void eachRuleChoosesItsValueAndNamesWhereItCameFrom(final String field, final String chain, final String value, final String source, final String rule) {
        final GoldenValue golden = decide(field, chain);
        assertEquals(value, golden.value());
        assertEquals(rule, golden.rule());
        assertEquals(1, golden.sources().size());
        assertEquals(source, golden.sources().get(0).system() + "/" + golden.sources().get(0).id());
    }

    @Test
    void lineageCarriesTheSourceRecordsTimestamp() {
        final GoldenValue golden = decide("given_name", "first_non_empty");
        assertEquals(new SourceRef("support", "S1", "2023-05-05T08:00:00Z"), golden.sources().get(0));
    }

    @Test
    void decimalsCompareAsNumbers() {
        // as text "99" > "120.50"; as numbers it is the other way round
        assertEquals(new BigDecimal("120.50"), decide("balance", "max").value());
        assertEquals(new BigDecimal("99"), decide("balance", "min").value());
    }

    @Test
    void unionKeepsEveryDistinctValueWithEveryContributingRecord() {
        final GoldenValue emails = decide("email", "union");
        assertEquals(List.of("k.smith@y.com", "kate@x.com"), emails.value());
        assertEquals("union", emails.rule());
        assertEquals(List.of("billing/B1", "crm/C1", "support/S1"), emails.sources().stream().map(s -> s.system() + "/" + s.id()).toList());
    }

    @Test
    void aPinnedValueBeatsEverySource() {
        final Map<String, GoldenValue> golden = builder("given_name", "most_recent").build(List.of(CRM, BILLING, SUPPORT), Map.of("given_name", "Kathy"));
        assertEquals(new GoldenValue("Kathy", "pinned", List.of()), golden.get("given_name"));
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheRecords() {
        final GoldenRecordBuilder builder = new GoldenRecordBuilder(new SurvivorshipRules(
                Map.of("given_name", SurvivorshipRules.parseChain("most_frequent"), "email", SurvivorshipRules.parseChain("union"),
                        "street", SurvivorshipRules.parseChain("longest")),
                SurvivorshipRules.parseChain("most_complete"), List.of(), "updated_at"));
        final Map<String, GoldenValue> expected = builder.build(List.of(CRM, BILLING, SUPPORT), Map.of());
        for (final List<StoredRecord> order : permutations(List.of(CRM, BILLING, SUPPORT))) {
            assertEquals(expected, builder.build(order, Map.of()), "order " + order.stream().map(r -> r.key().id()).toList());
        }
        // without a trust list, ties are broken by the latest timestamp: billing (2025) wins the most_complete tie
        assertEquals("Katherine", expected.get("given_name").value());
        assertEquals("1 Main Street", expected.get("street").value());
        assertEquals("billing", expected.get("phone").sources().get(0).system());
    }

    @Test
    void badChainsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SurvivorshipRules.parseChain("newest")).getMessage().contains("most_recent"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SurvivorshipRules.parseChain("union | longest")).getMessage().contains("union"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SurvivorshipRules.parseChain("longest || max")).getMessage().contains("empty"));
        assertFalse(SurvivorshipRules.parseChain(" Most_Recent | source_priority ").isEmpty());
    }

    private static <T> List<List<T>> permutations(final List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        final List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            final List<T> rest = new ArrayList<>(items);
            final T first = rest.remove(i);
            for (final List<T> tail : permutations(rest)) {
                final List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }
}
