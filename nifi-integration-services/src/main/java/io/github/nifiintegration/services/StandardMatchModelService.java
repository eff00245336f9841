package io.github.nifiintegration.services;

import io.github.nifiintegration.matching.MatchModel;
import io.github.nifiintegration.matching.MatchModelException;
import io.github.nifiintegration.matching.MatchModelJson;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.reporting.InitializationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

@Tags({"match", "model", "entity resolution", "fellegi-sunter", "record linkage", "deduplication", "mdm"})
@CapabilityDescription("A Fellegi-Sunter match model, given as JSON (inline or in a file): the fields to compare with their comparison levels "
        + "and m/u probabilities, the blocking rules that find candidates, the prior match probability, and the match and review thresholds. "
        + "Every problem in the model is reported by validation with its JSON path.")
@SeeAlso(classNames = "io.github.nifiintegration.processors.resolution.ResolveEntities")
public class StandardMatchModelService extends AbstractControllerService implements MatchModelService {

    public static final PropertyDescriptor MODEL_JSON = new PropertyDescriptor.Builder()
            .name("Match Model")
            .description("The match model as JSON. See the Additional Details for the format. Give this or Match Model File.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor MODEL_FILE = new PropertyDescriptor.Builder()
            .name("Match Model File")
            .description("A file holding the match model as JSON, for example one written by the model estimation tool. Give this or Match Model.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(MODEL_JSON, MODEL_FILE);

    private volatile MatchModel model;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final boolean inline = context.getProperty(MODEL_JSON).isSet();
        final boolean file = context.getProperty(MODEL_FILE).isSet();
        if (inline == file) {
            results.add(new ValidationResult.Builder().subject(MODEL_JSON.getName()).valid(false)
                    .explanation("give exactly one of Match Model and Match Model File").build());
            return results;
        }
        final String subject = inline ? MODEL_JSON.getName() : MODEL_FILE.getName();
        try {
            parse(inline ? context.getProperty(MODEL_JSON).evaluateAttributeExpressions().getValue() : null,
                    file ? context.getProperty(MODEL_FILE).evaluateAttributeExpressions().getValue() : null);
        } catch (final MatchModelException e) {
            for (final String problem : e.problems()) {
                results.add(new ValidationResult.Builder().subject(subject).valid(false).explanation(problem).build());
            }
        } catch (final IOException e) {
            results.add(new ValidationResult.Builder().subject(subject).valid(false).explanation("cannot read the model file: " + e.getMessage()).build());
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        try {
            model = parse(context.getProperty(MODEL_JSON).evaluateAttributeExpressions().getValue(),
                    context.getProperty(MODEL_FILE).evaluateAttributeExpressions().getValue());
        } catch (final IOException | MatchModelException e) {
            throw new InitializationException("Invalid match model: " + e.getMessage(), e);
        }
        getLogger().info("Match model '{}' enabled: {} comparisons, {} blocking rules, match threshold {}", model.name(),
                model.comparisons().size(), model.blockingRules().size(), model.matchThreshold());
    }

    @OnDisabled
    public void onDisabled() {
        model = null;
    }

    @Override
    public MatchModel getModel() {
        final MatchModel current = model;
        if (current == null) {
            throw new IllegalStateException("the match model service is not enabled");
        }
        return current;
    }

    private static MatchModel parse(final String json, final String file) throws IOException {
        final String text = json != null ? json : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        return MatchModelJson.parse(text);
    }
}
