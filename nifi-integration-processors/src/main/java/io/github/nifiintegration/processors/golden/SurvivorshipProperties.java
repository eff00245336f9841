package io.github.nifiintegration.processors.golden;

import io.github.nifiintegration.survivorship.Rule;
import io.github.nifiintegration.survivorship.SurvivorshipRules;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.processor.ProcessContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The survivorship settings of MaintainGoldenRecords: the trust list, the timestamp field, the default rule and one rule chain per field. */
final class SurvivorshipProperties {

    /** Checks a rule chain such as {@code source_priority | most_recent}, naming what is wrong. */
    static final Validator CHAIN_VALIDATOR = (subject, input, context) -> {
        try {
            SurvivorshipRules.parseChain(input == null ? "" : input);
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        } catch (final IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(e.getMessage()).build();
        }
    };

    static final PropertyDescriptor SOURCE_PRIORITY = new PropertyDescriptor.Builder()
            .name("Source Priority")
            .description("The source systems from most to least trusted, separated by commas (e.g. 'crm, billing, support'), as the "
                    + "source_priority rule and every final tie-break use them. Systems not listed come last.")
            .required(false)
            .addValidator(Validator.VALID)
            .build();

    static final PropertyDescriptor TIMESTAMP_FIELD = new PropertyDescriptor.Builder()
            .name("Timestamp Field")
            .description("The canonical field holding when a source record was last changed in its source (an ISO-8601 date or date-time), "
                    + "as most_recent and first_non_empty use it and lineage reports it. Leave empty when records have none.")
            .required(false)
            .addValidator(Validator.VALID)
            .build();

    static final PropertyDescriptor DEFAULT_RULE = new PropertyDescriptor.Builder()
            .name("Default Rule")
            .description("The rule chain for every field without a rule of its own. Rules: " + Rule.names() + "; chain them with | "
                    + "(the next rule breaks the ties of the one before it).")
            .required(true)
            .defaultValue("source_priority | most_recent")
            .addValidator(CHAIN_VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(SOURCE_PRIORITY, TIMESTAMP_FIELD, DEFAULT_RULE);

    private SurvivorshipProperties() {
    }

    /** A dynamic property: a canonical field's rule chain. */
    static PropertyDescriptor fieldRule(final String field) {
        return new PropertyDescriptor.Builder()
                .name(field)
                .description("The survivorship rule chain for the field '" + field + "'")
                .dynamic(true)
                .required(false)
                .addValidator(CHAIN_VALIDATOR)
                .build();
    }

    static SurvivorshipRules rules(final ProcessContext context) {
        final Map<String, List<Rule>> chains = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && value != null) {
                chains.put(descriptor.getName(), SurvivorshipRules.parseChain(value));
            }
        });
        return new SurvivorshipRules(chains, SurvivorshipRules.parseChain(context.getProperty(DEFAULT_RULE).getValue()),
                SurvivorshipRules.parseSourcePriority(context.getProperty(SOURCE_PRIORITY).getValue()),
                context.getProperty(TIMESTAMP_FIELD).getValue());
    }
}
