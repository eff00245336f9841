package io.github.nifiintegration.mapping;

import io.github.nifiintegration.mapping.normalize.NormalizationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps source records of type {@code S} onto canonical field values: each field's path selects
 * values, its normalizer chain normalizes them, and required fields must end with a value. Every
 * problem is collected (not only the first), so one pass tells a data steward all that is wrong
 * with a record.
 */
public final class CanonicalMapper<S> {

    /** A field mapping together with the selector that evaluates its path. */
    public record Binding<S>(FieldMapping mapping, ValueSelector<S> selector) {
    }

    /** The outcome for one record: the canonical values, and the errors (none when it is valid). */
    public record Outcome(Map<String, Object> values, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final List<Binding<S>> bindings;
    private final Set<String> requiredFields;

    public CanonicalMapper(final List<Binding<S>> bindings, final Set<String> requiredFields) {
        this.bindings = List.copyOf(bindings);
        this.requiredFields = Set.copyOf(requiredFields);
    }

    public Outcome map(final S source) {
        final Map<String, Object> values = new HashMap<>(bindings.size() * 2 + 4);
        List<FieldError> errors = List.of();
        for (final Binding<S> binding : bindings) {
            final String field = binding.mapping().canonicalName();
            Object value;
            try {
                value = binding.mapping().apply(binding.selector().select(source));
            } catch (final NormalizationException e) {
                errors = add(errors, new FieldError(field, e.getMessage()));
                value = null;
            } catch (final RuntimeException e) {
                errors = add(errors, new FieldError(field, "cannot evaluate " + binding.mapping().path() + ": " + e.getMessage()));
                value = null;
            }
            if (value == null && requiredFields.contains(field) && errors.stream().noneMatch(error -> error.field().equals(field))) {
                errors = add(errors, new FieldError(field, "required, but " + binding.mapping().path() + " has no value"));
            }
            values.put(field, value);
        }
        return new Outcome(values, errors);
    }

    private static List<FieldError> add(final List<FieldError> errors, final FieldError error) {
        final List<FieldError> grown = errors.isEmpty() ? new ArrayList<>(2) : errors;
        grown.add(error);
        return grown;
    }
}
