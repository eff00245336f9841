package io.github.nifiintegration.resolution;

import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelJson;
import io.github.nifiintegration.store.SourceKey;
import io.github.nifiintegration.store.StoreTransaction;
import io.github.nifiintegration.store.embedded.EmbeddedMasterDataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityResolverTest {

    @TempDir
    Path directory;

    private EmbeddedMasterDataStore store;
    private EntityResolver resolver;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddedMasterDataStore.open(directory, 1000);
        resolver = new EntityResolver(MatchModelJson.parse(io.github.nifiintegration.matching.MatchModelJsonTest.personModelJson()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Map<String, Object> person(final String given, final String family, final String dob, final String email, final String phone) {
        final Map<String, Object> values = new HashMap<>();
        values.put("given_name", given);
        values.put("family_name", family);
        values.put("birth_date", dob);
        values.put("email", email);
        values.put("phone", phone);
        return values;
    }

    private Resolution resolve(final String system, final String id, final Map<String, Object> values) {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(5))) {
            final Resolution resolution = resolver.resolve(tx, new SourceKey(system, id), values, new ResolutionStats());
            tx.commit();
            return resolution;
        }
    }

    @Test
    void matchesATypoedCopyAndExplainsWhy() {
        final Resolution first = resolve("crm", "1", person("John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678"));
        assertEquals(ResolutionStatus.NEW, first.status());
        assertEquals(EntityIds.forFounder(new SourceKey("crm", "1")), first.entityId());

        final Resolution second = resolve("billing", "B7", person("Jon", "Smith", "1980-03-05", "john.smith@example.com", null));
        assertEquals(ResolutionStatus.MATCHED, second.status());
        assertEquals(first.entityId(), second.entityId());
        assertTrue(second.probability() > 0.99, "probability " + second.probability());
        assertEquals(List.of("given_name", "family_name", "birth_date", "email", "phone", "postal_code"),
                second.explanation().stream().map(c -> c.comparison()).toList());
        assertEquals("jaro_winkler >= 0.9", second.explanation().get(0).level());
        assertEquals("null", second.explanation().get(4).level());
        assertEquals(second.weight(), resolver.model().priorWeight() + second.explanation().stream().mapToDouble(c -> c.weight()).sum(), 1e-9);
    }

    @Test
    void withOnePerSourceARecordJoinsTheClosestEntityWithoutItsSourceAndChainsNothing() {
        final MatchModel base = resolver.model();
        resolver = new EntityResolver(new MatchModel(base.name(), base.prior(), base.matchThreshold(), base.reviewThreshold(), base.maxBlockSize(),
                base.blockingRules(), base.comparisons(), true));
        // two different people in the CRM who share an e-mail address and a birth date
        final Resolution john = resolve("crm", "1", person("John", "Smith", "1980-03-05", "smiths@example.com", "+61412345678"));
        final Resolution jon = resolve("crm", "2", person("Jon", "Smith", "1980-03-05", "smiths@example.com", null));
        assertNotEquals(john.entityId(), jon.entityId(), "the CRM holds each person once: its two records stay apart");
        // a billing record like both joins the closer one, and does not merge the two
        final Resolution billing = resolve("billing", "B1", person("John", "Smith", "1980-03-05", "smiths@example.com", "+61412345678"));
        assertEquals(ResolutionStatus.MATCHED, billing.status());
        assertEquals(john.entityId(), billing.entityId());
        assertTrue(billing.retiredEntityIds().isEmpty(), "no merge: " + billing.retiredEntityIds());
        // a second billing record like John cannot join John's entity, which holds a billing record: it goes to Jon, the next best
        final Resolution secondBilling = resolve("billing", "B2", person("John", "Smith", "1980-03-05", "smiths@example.com", "+61412345678"));
        assertEquals(jon.entityId(), secondBilling.entityId());

        // without the constraint the same records chain into one entity
        resolver = new EntityResolver(base);
        store.close();
        store = EmbeddedMasterDataStore.open(directory.resolve("unconstrained"), 1000);
        final Resolution first = resolve("crm", "1", person("John", "Smith", "1980-03-05", "smiths@example.com", "+61412345678"));
        assertEquals(first.entityId(), resolve("crm", "2", person("Jon", "Smith", "1980-03-05", "smiths@example.com", null)).entityId());
    }

    @Test
    void keepsDifferentPeopleApart() {
        final Resolution a = resolve("crm", "1", person("John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678"));
        final Resolution b = resolve("crm", "2", person("Mary", "Smith", "1991-07-21", "mary.s@example.org", "+61498765432"));
        assertEquals(ResolutionStatus.NEW, b.status());
        assertNotEquals(a.entityId(), b.entityId());
    }

    @Test
    void aRecordThatMatchesTwoEntitiesMergesThemIntoTheOlder() {
        final Resolution byEmail = resolve("crm", "1", person("Ann", "Lee", null, "ann.lee@example.com", null));
        final Resolution byPhone = resolve("support", "T1", person("Ann", "Lee", null, null, "+61411111111"));
        assertNotEquals(byEmail.entityId(), byPhone.entityId(), "name alone is not enough to match");

        final Resolution bridge = resolve("billing", "B1", person("Ann", "Lee", "1990-01-01", "ann.lee@example.com", "+61411111111"));
        assertEquals(ResolutionStatus.MERGED, bridge.status());
        assertEquals(byEmail.entityId(), bridge.entityId(), "the older entity survives");
        assertEquals(List.of(byPhone.entityId()), bridge.retiredEntityIds());
        assertEquals(byEmail.entityId(), store.reader().currentEntityId(byPhone.entityId()), "the retired id resolves to the survivor");
        assertEquals(List.of(new SourceKey("crm", "1"), new SourceKey("support", "T1"), new SourceKey("billing", "B1")),
                store.reader().members(byEmail.entityId()));
        assertEquals(List.of(), store.reader().members(byPhone.entityId()));
    }

    @Test
    void replayingARecordChangesNothingAndAnUpdateIsStoredInPlace() {
        final Map<String, Object> john = person("John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678");
        final Resolution first = resolve("crm", "1", john);
        final Resolution replay = resolve("crm", "1", new HashMap<>(john));
        assertEquals(ResolutionStatus.UNCHANGED, replay.status());
        assertEquals(first.entityId(), replay.entityId());

        final Map<String, Object> moved = new HashMap<>(john);
        moved.put("phone", "+61400000000");
        final Resolution update = resolve("crm", "1", moved);
        assertEquals(ResolutionStatus.UPDATED, update.status());
        assertEquals(first.entityId(), update.entityId());
        assertEquals("+61400000000", store.reader().record(new SourceKey("crm", "1")).values().get("phone"));
        assertEquals(List.of(new SourceKey("crm", "1")), store.reader().members(first.entityId()), "no second record, no second entity");

        // the new phone is now what finds it
        final Resolution byNewPhone = resolve("support", "T9", person("J", "Smith", null, null, "+61400000000"));
        assertEquals(first.entityId(), byNewPhone.entityId());
    }

    @Test
    void possibleMatchesWaitForReview() {
        final Map<String, Object> chris = person("Chris", "Taylor", "1975-06-01", null, null);
        chris.put("postal_code", "2000");
        final Resolution first = resolve("crm", "1", chris);
        // same name and postcode, another birth date, nothing else: worth a look, not a decision
        final Map<String, Object> maybeChris = person("Chris", "Taylor", "1982-11-23", null, null);
        maybeChris.put("postal_code", "2000");
        final Resolution maybe = resolve("support", "T1", maybeChris);
        assertEquals(ResolutionStatus.REVIEW, maybe.status(), "probability " + maybe.probability());
        assertNotEquals(first.entityId(), maybe.entityId());
        assertEquals(first.entityId(), maybe.candidates().get(0).entityId());
        assertTrue(maybe.probability() >= resolver.model().reviewThreshold() && maybe.probability() < resolver.model().matchThreshold());
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            assertTrue(tx.review(new SourceKey("support", "T1")).startsWith(first.entityId() + "="));
        }
    }

    @Test
    void aRolledBackBatchLeavesNothingBehind() {
        resolve("crm", "1", person("John", "Smith", "1980-03-05", "john.smith@example.com", null));
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(5))) {
            resolver.resolve(tx, new SourceKey("crm", "2"), person("Mary", "Jones", "1990-01-01", "mary@example.com", null), new ResolutionStats());
            resolver.resolve(tx, new SourceKey("crm", "3"), person("John", "Smith", "1980-03-05", "john.smith@example.com", null), new ResolutionStats());
            tx.rollback();
        }
        assertNull(store.reader().record(new SourceKey("crm", "2")));
        assertNull(store.reader().record(new SourceKey("crm", "3")));
        assertEquals(1, store.reader().members(EntityIds.forFounder(new SourceKey("crm", "1"))).size());
        // and the store still works
        assertEquals(ResolutionStatus.NEW, resolve("crm", "2", person("Mary", "Jones", "1990-01-01", "mary@example.com", null)).status());
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        final Resolution first = resolve("crm", "1", person("John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678"));
        store.close();
        store = EmbeddedMasterDataStore.open(directory, 1000);
        final Resolution later = resolve("billing", "B1", person("John", "Smith", "1980-03-05", null, "+61412345678"));
        assertEquals(ResolutionStatus.MATCHED, later.status());
        assertEquals(first.entityId(), later.entityId());
        assertEquals(ResolutionStatus.UNCHANGED, resolve("crm", "1", person("John", "Smith", "1980-03-05", "john.smith@example.com", "+61412345678")).status());
    }

    @Test
    void oversizedBlocksAreCappedAndCounted() {
        final MatchModel tiny = new MatchModel("tiny", 0.01, 0.9, 0.5, 3, resolver.model().blockingRules(), resolver.model().comparisons());
        final EntityResolver capped = new EntityResolver(tiny);
        final ResolutionStats stats = new ResolutionStats();
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(5))) {
            for (int i = 0; i < 6; i++) {
                // all share the key of the family-name-and-birth-date rule
                capped.resolve(tx, new SourceKey("crm", "S" + i), person("P" + i, "Smith", "1980-01-01", null, null), stats);
            }
            tx.commit();
        }
        // two rules put all six in one block each (Smith + birth date; P + S + birth date): the 5th and
        // 6th record each find two blocks of more than 3, and compare with the 3 oldest only
        assertEquals(4, stats.oversizedBlocks());
        assertEquals(0 + 1 + 2 + 3 + 3 + 3, stats.pairsCompared());
    }

    @Test
    void aCannotLinkKeepsRecordsApartAndStopsMergesThroughAThirdRecord() {
        final Map<String, Object> ann = person("Ann", "Lee", "1980-03-05", "ann.lee@example.com", "+61412345678");
        final SourceKey crm = new SourceKey("crm", "1");
        final SourceKey billing = new SourceKey("billing", "7");
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(5))) {
            tx.addCannotLink(crm, billing);
            tx.commit();
        }
        final Resolution first = resolve("crm", "1", ann);
        final Resolution second = resolve("billing", "7", person("Ann", "Lee", "1980-03-05", "ann.lee@example.com", null));
        assertNotEquals(first.entityId(), second.entityId(), "a cannot-link pair never shares an entity");

        // a third record matching both joins one of them, and does not unite the two
        final Resolution third = resolve("support", "3", ann);
        assertEquals(ResolutionStatus.MATCHED, third.status());
        assertTrue(third.retiredEntityIds().isEmpty());
        assertNotEquals(store.reader().record(crm).entityId(), store.reader().record(billing).entityId());
    }
}
