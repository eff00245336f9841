package io.github.nifiintegration.processors.dedupe;

import io.github.nifiintegration.dedupe.FuzzyDeduplicator;
import io.github.nifiintegration.dedupe.KeyBuilder;
import io.github.nifiintegration.dedupe.SeenKeyStore;
import io.github.nifiintegration.mapping.ValueSelector;
import io.github.nifiintegration.mapping.normalize.NormalizerCatalog;
import io.github.nifiintegration.mapping.normalize.NormalizerSettings;
import io.github.nifiintegration.processors.common.RecordSplitter;
import io.github.nifiintegration.processors.mapping.RecordValueSelectors;
import io.github.nifiintegration.services.MatchModelService;
import io.github.nifiintegration.store.MasterDataStore;
import io.github.nifiintegration.store.StoreException;
import io.github.nifiintegration.store.embedded.EmbeddedMasterDataStore;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.PropertyValue;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"deduplicate", "dedupe", "duplicate", "distinct", "unique", "record", "fuzzy", "match", "normalize", "age off", "integration", "mdm"})
@CapabilityDescription("Removes duplicate records from record streams, within a FlowFile or across FlowFiles and restarts. Exact: records are "
        + "duplicates when their keys are equal, the key being chosen fields normalized first (dynamic properties: 'email' = '/email | email', "
        + "so ' J.Smith@X.com' equals 'j.smith@x.com') or the whole record; keys are remembered as 128-bit hashes in a few bytes each, "
        + "on local disk so that a restart forgets nothing, for ever or for an age-off duration. Fuzzy: records are duplicates when the match "
        + "model says they match (the comparisons, blocking rules and thresholds of entity resolution), so copies with typing errors are caught. "
        + "Unique records go to 'unique' unchanged; duplicates go to 'duplicate' with the id of the record they duplicate (fuzzy: also the "
        + "match probability and explanation). Records in = unique + duplicate + failure, always.")
@DynamicProperty(name = "The name of a key part",
        value = "A RecordPath, then optional normalizers: /path | normalizer | normalizer(arg, ...)",
        description = "Exact strategy: one part of the deduplication key, normalized with the same normalizers as MapToCanonicalRecord "
                + "(trim, collapse, lower, email, phone, name(...), date, ...). Records whose parts are all equal are duplicates. "
                + "Without any key part, the whole record is the key.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The MIME type that the Record Writer sets"),
        @WritesAttribute(attribute = "dedupe.unique.count", description = "Records of the incoming FlowFile that were unique"),
        @WritesAttribute(attribute = "dedupe.duplicate.count", description = "Records of the incoming FlowFile that were duplicates"),
        @WritesAttribute(attribute = "dedupe.failure.count", description = "Records of the incoming FlowFile that could not be judged"),
        @WritesAttribute(attribute = "dedupe.failure.reason", description = "On a FlowFile routed to 'failure' whole: why it could not be read")
})
@SeeAlso(classNames = {"org.apache.nifi.processors.standard.DeduplicateRecord", "org.apache.nifi.processors.standard.DetectDuplicate",
        "io.github.nifiintegration.processors.resolution.ResolveEntities", "io.github.nifiintegration.processors.mapping.MapToCanonicalRecord",
        "io.github.nifiintegration.services.StandardMatchModelService"})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Across FlowFiles, exact keys take 23 to 34 bytes of heap "
        + "each (10 million keys measured 27.6 bytes each), 4 more with an age-off, plus the record id's length when a Record ID Path is set. Fuzzy keeps the records' indexes in memory "
        + "as the embedded master data store does (about 1 KB per record). Each FlowFile's records are held while they are judged.")
@SystemResourceConsideration(resource = SystemResource.DISK, description = "Across FlowFiles, the State Directory holds the seen keys (about "
        + "21 bytes per exact key, plus the id) or, for fuzzy, every record seen.")
@UseCase(description = "Drop repeated customer records across all files received, by e-mail address, for ever",
        keywords = {"deduplicate", "email", "across files", "stream"},
        configuration = """
                Set 'Deduplication Strategy' to Exact and 'Scope' to Across FlowFiles; leave 'Age Off Duration' empty (for ever).
                Set 'State Directory' to a local directory such as ./state/dedupe-customers.
                Add a key part: email = /email | email (the e-mail address normalized: trimmed, lower case, validated).
                Set 'Record ID Path' to /customer_id so that each duplicate names the customer record it repeats.
                Route 'unique' onwards, and 'duplicate' to a log or an audit table.
                """)
@UseCase(description = "Clean one file of repeated rows",
        keywords = {"distinct", "whole record", "csv", "clean file"},
        configuration = """
                Set 'Deduplication Strategy' to Exact and 'Scope' to Within a FlowFile. Add no key part: the whole record is the key.
                Set the Record Reader and Writer for the file's format; route 'unique' to PutFile and auto-terminate 'duplicate'.
                """)
@UseCase(description = "Catch people entered twice with typing errors",
        keywords = {"fuzzy", "typo", "person", "match model"},
        configuration = """
                Map the records onto canonical fields with MapToCanonicalRecord first (given_name, family_name, birth_date, email, ...).
                Set 'Deduplication Strategy' to Fuzzy and 'Match Model' to a StandardMatchModelService with the person model.
                Set 'Scope' to Across FlowFiles and 'State Directory' to a local directory; set 'Record ID Path' to /source_id.
                Each duplicate then carries duplicate_of (the kept record's id), duplicate_score and duplicate_explanation.
                """)
public class DeduplicateRecords extends AbstractProcessor {

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the incoming records.")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the unique records (in their own schema) and the duplicates and failures (with the fields this processor adds).")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor STRATEGY = new PropertyDescriptor.Builder()
            .name("Deduplication Strategy")
            .description("How two records are found to be copies of each other.")
            .required(true)
            .allowableValues(DedupeStrategy.class)
            .defaultValue(DedupeStrategy.EXACT)
            .build();

    static final PropertyDescriptor SCOPE = new PropertyDescriptor.Builder()
            .name("Scope")
            .description("Which earlier records a record is compared with.")
            .required(true)
            .allowableValues(DedupeScope.class)
            .defaultValue(DedupeScope.ACROSS_FLOWFILES)
            .build();

    static final PropertyDescriptor STATE_DIRECTORY = new PropertyDescriptor.Builder()
            .name("State Directory")
            .description("A local directory that keeps what was seen, so that a restart, or a new processor pointed at it, remembers. It is "
                    + "created if missing; each DeduplicateRecords needs its own. Changing the key parts makes a directory unusable: the old "
                    + "keys cannot be compared with new ones.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SCOPE, DedupeScope.ACROSS_FLOWFILES)
            .build();

    static final PropertyDescriptor AGE_OFF = new PropertyDescriptor.Builder()
            .name("Age Off Duration")
            .description("How long a kept record's key is remembered, counted from when the kept record was seen: a copy arriving later is "
                    + "unique again (and is then remembered in turn). Empty: for ever. Exact strategy only.")
            .required(false)
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(SCOPE, DedupeScope.ACROSS_FLOWFILES)
            .build();

    static final PropertyDescriptor EXPECTED_KEYS = new PropertyDescriptor.Builder()
            .name("Expected Keys")
            .description("How many distinct keys to make room for when the processor starts (exact, across FlowFiles). The table grows "
                    + "beyond it by itself, rehashing every key each time; room for the keys a stream will hold saves that work. "
                    + "Each key of room takes about 23 bytes of heap (100,000: about 2.3 MB).")
            .required(true)
            .defaultValue("100000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .dependsOn(SCOPE, DedupeScope.ACROSS_FLOWFILES)
            .build();

    static final PropertyDescriptor RECORD_ID_PATH = new PropertyDescriptor.Builder()
            .name("Record ID Path")
            .description("A RecordPath to the field that identifies a record, such as /customer_id or /source_id. A duplicate's duplicate_of "
                    + "then names the kept record by this id (and the id is remembered with the key). Without it, exact duplicates name the "
                    + "kept record by its key's 128-bit hash in hex, and fuzzy deduplication identifies records by a hash of their content.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor KEEP = new PropertyDescriptor.Builder()
            .name("Record To Keep")
            .description("Which record of a duplicate group goes to 'unique'. A record that has left cannot be called back: across FlowFiles, "
                    + "a later record that is better than the kept one goes to 'unique' as its replacement, with 'replaces_id'.")
            .required(true)
            .allowableValues(KeepPolicy.class)
            .defaultValue(KeepPolicy.FIRST_SEEN)
            .dependsOn(STRATEGY, DedupeStrategy.EXACT)
            .build();

    static final PropertyDescriptor RECENCY_PATH = new PropertyDescriptor.Builder()
            .name("Recency Field Path")
            .description("A RecordPath to the field that says how recent a record is: a timestamp, an ISO-8601 date or time, or a number "
                    + "(epoch milliseconds, a version).")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(KEEP, KeepPolicy.MOST_RECENT)
            .build();

    static final PropertyDescriptor DEFAULT_REGION = new PropertyDescriptor.Builder()
            .name("Default Region")
            .description("ISO 3166 alpha-2 region in which the phone and postal_code normalizers of key parts read values without a country.")
            .required(true)
            .defaultValue("US")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(STRATEGY, DedupeStrategy.EXACT)
            .build();

    static final PropertyDescriptor MATCH_MODEL = new PropertyDescriptor.Builder()
            .name("Match Model")
            .description("The match model: comparisons, blocking rules and thresholds. A record matching an earlier one at or above the match "
                    + "threshold is its duplicate.")
            .identifiesControllerService(MatchModelService.class)
            .required(true)
            .dependsOn(STRATEGY, DedupeStrategy.FUZZY)
            .build();

    static final Relationship REL_UNIQUE = new Relationship.Builder()
            .name("unique")
            .description("The first record of each key (or the kept one by 'Record To Keep'), unchanged; replacements carry 'replaces_id'.")
            .build();

    static final Relationship REL_DUPLICATE = new Relationship.Builder()
            .name("duplicate")
            .description("Records that repeat a kept record, with 'duplicate_of' (the kept record's id) and, for fuzzy, 'duplicate_match_id', "
                    + "'duplicate_score' and 'duplicate_explanation'.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles that could not be read (with 'dedupe.failure.reason'), and records that could not be judged (a key value "
                    + "the normalizer refuses, a recency value that is not a date), each with a 'dedupe_error' field.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RECORD_WRITER, STRATEGY, SCOPE, STATE_DIRECTORY, AGE_OFF,
            EXPECTED_KEYS, RECORD_ID_PATH, KEEP, RECENCY_PATH, DEFAULT_REGION, MATCH_MODEL);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_UNIQUE, REL_DUPLICATE, REL_FAILURE);

    static final String COUNTER_UNIQUE = "Records Unique";
    static final String COUNTER_DUPLICATE = "Records Duplicate";
    static final String COUNTER_REPLACED = "Records Replacing A Kept Record";
    static final String COUNTER_FAILED = "Records Failed";
    static final String COUNTER_NO_KEY = "Records Without Key Values";
    static final String COUNTER_POSSIBLE = "Possible Duplicates Kept";
    static final String COUNTER_PAIRS = "Pairs Compared";

    private static final Duration STORE_WAIT = Duration.ofSeconds(30);
    /** Records judged together when streaming: enough for their table lookups to overlap, few enough to stay in cache. */
    private static final int STREAM_CHUNK = 32;
    /** The most keys room is made for ahead of a FlowFile; beyond it the tables grow as needed. */
    private static final int MAX_RECORD_GUESS = 1 << 20;

    private volatile DedupeStrategy strategy;
    private volatile DedupeScope scope;
    private volatile ExactJudge exactJudge;
    private volatile SeenKeyStore.Options exactOptions;
    private volatile SeenKeyStore seenKeys;
    private volatile FuzzyJudge fuzzyJudge;
    /** Records in the last FlowFile streamed: room made for the next one's keys. */
    private volatile int recentRecordCount = 1024;
    private volatile MasterDataStore fuzzyStore;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("Key part '" + propertyDescriptorName + "': a RecordPath, then optional '| normalizer' steps.")
                .required(false)
                .dynamic(true)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> problems = new ArrayList<>();
        final DedupeStrategy chosen = context.getProperty(STRATEGY).asAllowableValue(DedupeStrategy.class);
        final Map<String, String> parts = keyParts(context.getProperties());
        if (chosen == DedupeStrategy.FUZZY) {
            if (!parts.isEmpty()) {
                problems.add(invalid("Key parts", String.join(", ", parts.keySet()),
                        "key parts apply to the Exact strategy; the Fuzzy strategy compares the fields the match model names. Remove them or choose Exact"));
            }
            if (context.getProperty(SCOPE).asAllowableValue(DedupeScope.class) == DedupeScope.ACROSS_FLOWFILES && context.getProperty(AGE_OFF).isSet()) {
                problems.add(invalid(AGE_OFF.getName(), context.getProperty(AGE_OFF).getValue(),
                        "the Fuzzy strategy remembers every record for ever (its store keeps no ages); clear Age Off Duration or choose Exact"));
            }
        } else {
            try {
                keyBuilder(parts, context.getProperty(DEFAULT_REGION).getValue());
            } catch (final IllegalArgumentException e) {
                problems.add(invalid("Key parts", parts.toString(), e.getMessage()));
            }
        }
        checkPath(context.getProperty(RECORD_ID_PATH), RECORD_ID_PATH, problems);
        if (chosen == DedupeStrategy.EXACT && context.getProperty(KEEP).asAllowableValue(KeepPolicy.class) == KeepPolicy.MOST_RECENT) {
            checkPath(context.getProperty(RECENCY_PATH), RECENCY_PATH, problems);
        }
        return problems;
    }

    private static void checkPath(final PropertyValue path, final PropertyDescriptor property, final List<ValidationResult> problems) {
        if (path.isSet()) {
            try {
                RecordValueSelectors.forPath(path.getValue());
            } catch (final RuntimeException e) {
                problems.add(invalid(property.getName(), path.getValue(), "not a valid RecordPath: " + e.getMessage()));
            }
        }
    }

    private static ValidationResult invalid(final String subject, final String input, final String explanation) {
        return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(explanation).build();
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        strategy = context.getProperty(STRATEGY).asAllowableValue(DedupeStrategy.class);
        scope = context.getProperty(SCOPE).asAllowableValue(DedupeScope.class);
        final ValueSelector<Record> idSelector = context.getProperty(RECORD_ID_PATH).isSet() ? RecordValueSelectors.forPath(context.getProperty(RECORD_ID_PATH).getValue()) : null;
        final Path stateDirectory = scope == DedupeScope.ACROSS_FLOWFILES
                ? Path.of(context.getProperty(STATE_DIRECTORY).evaluateAttributeExpressions().getValue()) : null;
        if (strategy == DedupeStrategy.EXACT) {
            final Map<String, String> parts = keyParts(context.getProperties());
            final String region = context.getProperty(DEFAULT_REGION).getValue();
            final KeepPolicy policy = context.getProperty(KEEP).asAllowableValue(KeepPolicy.class);
            final String recencyPath = policy == KeepPolicy.MOST_RECENT ? context.getProperty(RECENCY_PATH).getValue() : null;
            exactJudge = new ExactJudge(keyBuilder(parts, region), idSelector,
                    new RecordRank(policy, recencyPath == null ? null : RecordValueSelectors.forPath(recencyPath), recencyPath), policy);
            final Long ageOff = stateDirectory != null && context.getProperty(AGE_OFF).isSet() ? context.getProperty(AGE_OFF).asTimePeriod(TimeUnit.SECONDS) : null;
            exactOptions = new SeenKeyStore.Options(policy != KeepPolicy.FIRST_SEEN, idSelector != null,
                    scope == DedupeScope.ACROSS_FLOWFILES && ageOff != null ? Duration.ofSeconds(ageOff) : null, keyDefinition(parts, region));
            if (stateDirectory != null) {
                try {
                    seenKeys = SeenKeyStore.open(stateDirectory, exactOptions, System::currentTimeMillis, context.getProperty(EXPECTED_KEYS).asInteger());
                } catch (final IllegalStateException | UncheckedIOException e) {
                    throw new ProcessException(e.getMessage(), e);
                }
                getLogger().info("Seen keys opened in {}: {} keys remembered", stateDirectory, seenKeys.size());
            }
        } else {
            fuzzyJudge = new FuzzyJudge(new FuzzyDeduplicator(context.getProperty(MATCH_MODEL).asControllerService(MatchModelService.class).getModel()), idSelector);
            if (stateDirectory != null) {
                try {
                    fuzzyStore = EmbeddedMasterDataStore.open(stateDirectory, 100_000);
                } catch (final StoreException e) {
                    throw new ProcessException(e.getMessage(), e);
                }
            }
        }
    }

    @OnStopped
    public void onStopped() {
        final SeenKeyStore keys = seenKeys;
        seenKeys = null;
        if (keys != null) {
            keys.close();
        }
        final MasterDataStore store = fuzzyStore;
        fuzzyStore = null;
        if (store != null) {
            store.close();
        }
    }

    /**
     * Exact with First Seen streams: each record is judged as it is read and written at once, like
     * ConvertRecord. The other keep policies and fuzzy read the FlowFile's records first, since a
     * record's fate depends on records after it (the best of its group) or on one store transaction.
     */
    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile original = session.get();
        if (original == null) {
            return;
        }
        final RecordReaderFactory readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        if (strategy == DedupeStrategy.EXACT && exactJudge.policy() == KeepPolicy.FIRST_SEEN) {
            streamExact(session, original, readerFactory, writerFactory);
            return;
        }
        final List<Record> records = new ArrayList<>();
        final RecordSchema schema;
        try (InputStream in = session.read(original); RecordReader reader = readerFactory.createRecordReader(original, in, getLogger())) {
            schema = reader.getSchema();
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
        } catch (final Exception e) {
            fail(session, original, e);
            return;
        }
        final Judgement judgement;
        final List<RecordVerdict> verdicts;
        try {
            if (strategy == DedupeStrategy.EXACT) {
                final ExactJudge.Run run = openExact(records.size());
                judgement = run;
                verdicts = run.all(records);
            } else {
                final FuzzyJudge.Run run = judgeFuzzy(records);
                judgement = run;
                verdicts = run.verdicts();
            }
        } catch (final StoreException e) {
            getLogger().warn("The fuzzy deduplication store failed on {}; rolled back, will be retried: {}", original, e.getMessage());
            session.rollback(true);
            context.yield();
            return;
        }
        final RoutedOutput output = new RoutedOutput(session, original, writerFactory, getLogger(), schema, strategy == DedupeStrategy.FUZZY, replacing());
        try {
            for (int i = 0; i < records.size(); i++) {
                output.route(records.get(i), verdicts.get(i));
            }
            output.finish();
        } catch (final Exception e) {
            output.discard();
            judgement.rollback();
            fail(session, original, e);
            return;
        }
        complete(session, original, output, judgement);
    }

    private void streamExact(final ProcessSession session, final FlowFile original, final RecordReaderFactory readerFactory, final RecordSetWriterFactory writerFactory) {
        // the records are not counted before they stream: the last FlowFile's count is the best guess
        final ExactJudge.Run run = openExact(recentRecordCount);
        RoutedOutput output = null;
        try (InputStream in = session.read(original); RecordReader reader = readerFactory.createRecordReader(original, in, getLogger())) {
            output = new RoutedOutput(session, original, writerFactory, getLogger(), reader.getSchema(), false, false);
            final Record[] chunk = new Record[STREAM_CHUNK];
            final RecordVerdict[] verdicts = new RecordVerdict[STREAM_CHUNK];
            int count;
            while ((count = nextRecords(reader, chunk)) > 0) {
                run.next(chunk, count, verdicts);
                for (int i = 0; i < count; i++) {
                    output.route(chunk[i], verdicts[i]);
                }
            }
            output.finish();
        } catch (final Exception e) {
            if (output != null) {
                output.discard();
            }
            run.rollback();
            fail(session, original, e);
            return;
        }
        recentRecordCount = Math.min(MAX_RECORD_GUESS, Math.max(1, output.recordsIn()));
        complete(session, original, output, run);
    }

    /** Reads up to a chunk of records; 0 at the end of the FlowFile. */
    private static int nextRecords(final RecordReader reader, final Record[] chunk) throws IOException, MalformedRecordException {
        int count = 0;
        Record record;
        while (count < chunk.length && (record = reader.nextRecord()) != null) {
            chunk[count++] = record;
        }
        return count;
    }

    /** The originals leave, the counters count, and what was seen is remembered once the session has committed. */
    private void complete(final ProcessSession session, final FlowFile original, final RoutedOutput output, final Judgement judgement) {
        session.remove(original);
        session.adjustCounter(COUNTER_UNIQUE, output.count(RecordVerdict.Kind.UNIQUE) + output.count(RecordVerdict.Kind.REPLACEMENT), false);
        session.adjustCounter(COUNTER_DUPLICATE, output.count(RecordVerdict.Kind.DUPLICATE), false);
        session.adjustCounter(COUNTER_REPLACED, output.count(RecordVerdict.Kind.REPLACEMENT), false);
        session.adjustCounter(COUNTER_FAILED, output.count(RecordVerdict.Kind.FAILED), false);
        session.adjustCounter(COUNTER_NO_KEY, judgement.recordsWithoutKey(), false);
        if (strategy == DedupeStrategy.FUZZY) {
            session.adjustCounter(COUNTER_PAIRS, judgement.pairsCompared(), false);
            session.adjustCounter(COUNTER_POSSIBLE, judgement.possibleDuplicates(), false);
        }
        // a failed commit forgets again what this FlowFile's records made the processor see
        session.commitAsync(judgement::commit, failure -> judgement.rollback());
    }

    /** Only across FlowFiles can a later record replace a kept one that has already left. */
    private boolean replacing() {
        return strategy == DedupeStrategy.EXACT && exactOptions.ranked() && scope == DedupeScope.ACROSS_FLOWFILES;
    }

    private ExactJudge.Run openExact(final int expectedKeys) {
        if (scope == DedupeScope.ACROSS_FLOWFILES) {
            return exactJudge.open(seenKeys, expectedKeys, () -> { });
        }
        final SeenKeyStore ownStore = SeenKeyStore.inMemory(exactOptions, System::currentTimeMillis, expectedKeys);
        return exactJudge.open(ownStore, expectedKeys, ownStore::close);
    }

    private FuzzyJudge.Run judgeFuzzy(final List<Record> records) {
        if (scope == DedupeScope.ACROSS_FLOWFILES) {
            return fuzzyJudge.judge(records, fuzzyStore, STORE_WAIT, () -> { });
        }
        final Path directory = temporaryDirectory();
        final MasterDataStore ownStore = EmbeddedMasterDataStore.open(directory, Math.max(1000, records.size()));
        return fuzzyJudge.judge(records, ownStore, STORE_WAIT, () -> {
            ownStore.close();
            deleteQuietly(directory);
        });
    }

    private void fail(final ProcessSession session, final FlowFile original, final Exception e) {
        getLogger().error("Could not deduplicate {}; routing to failure", original, e);
        session.transfer(session.putAttribute(original, "dedupe.failure.reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), REL_FAILURE);
    }

    /** The dynamic properties, by name: the key parts. */
    private static Map<String, String> keyParts(final Map<PropertyDescriptor, String> properties) {
        final Map<String, String> parts = new TreeMap<>();
        properties.forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && value != null) {
                parts.put(descriptor.getName(), value);
            }
        });
        return parts;
    }

    /** The key parts compiled, or null when there are none (whole-record keys). */
    private static KeyBuilder<Record> keyBuilder(final Map<String, String> parts, final String region) {
        if (parts.isEmpty()) {
            return null;
        }
        return KeyBuilder.compile(parts, new NormalizerSettings(region == null ? "US" : region.strip().toUpperCase(Locale.ROOT),
                NormalizerCatalog.DEFAULT_DATE_PATTERNS), RecordValueSelectors::forPath);
    }

    /** How keys are built, stored with the seen keys: a directory's keys only mean something under the same definition. */
    private static String keyDefinition(final Map<String, String> parts, final String region) {
        if (parts.isEmpty()) {
            return "exact key: whole record";
        }
        final StringBuilder definition = new StringBuilder("exact key:");
        parts.forEach((name, expression) -> definition.append('\n').append(name).append(" = ").append(expression.strip()));
        return definition.append("\nregion = ").append(region).toString();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("dedupe-flowfile-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(final Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException ignored) {
            // a temporary directory left behind is cleaned with the system's temporary files
        }
    }
}
