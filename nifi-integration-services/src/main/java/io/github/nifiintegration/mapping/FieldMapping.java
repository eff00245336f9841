package io.github.nifiintegration.mapping;

import io.github.nifiintegration.mapping.normalize.CanonicalType;
import io.github.nifiintegration.mapping.normalize.NormalizationException;
import io.github.nifiintegration.mapping.normalize.Normalizer;
import io.github.nifiintegration.mapping.normalize.NormalizerCatalog;
import io.github.nifiintegration.mapping.normalize.NormalizerSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * How one canonical field is made from the values a path selects in a source record: the normalizer
 * chain applied to each value, and whether the field keeps the first value or all of them.
 * <p>
 * {@code all} in the chain is not a normalizer: it makes the field multi-valued (an array of every
 * selected value, normalized). Without it the field takes the first value that normalizes to
 * something. A value that ends up as blank text is treated as missing.
 */
public final class FieldMapping {

    /** The chain word that makes a field multi-valued. */
    public static final String ALL_VALUES = "all";

    private final String canonicalName;
    private final String path;
    private final List<Normalizer> chain;
    private final boolean multiValued;
    private final CanonicalType type;

    private FieldMapping(final String canonicalName, final String path, final List<Normalizer> chain, final boolean multiValued) {
        this.canonicalName = canonicalName;
        this.path = path;
        this.chain = List.copyOf(chain);
        this.multiValued = multiValued;
        CanonicalType lastType = CanonicalType.STRING;
        for (final Normalizer normalizer : chain) {
            lastType = normalizer.outputType() == null ? CanonicalType.STRING : normalizer.outputType();
        }
        this.type = lastType;
    }

    /**
     * Builds a field mapping from its expression.
     *
     * @throws IllegalArgumentException when the expression or one of its normalizer calls is wrong
     */
    public static FieldMapping of(final String canonicalName, final MappingExpression expression, final NormalizerSettings settings) {
        final List<Normalizer> chain = new ArrayList<>();
        boolean multiValued = false;
        for (final MappingExpression.Call call : expression.calls()) {
            if (call.name().equalsIgnoreCase(ALL_VALUES)) {
                if (!call.args().isEmpty()) {
                    throw new IllegalArgumentException("'all' takes no arguments");
                }
                multiValued = true;
            } else {
                chain.add(NormalizerCatalog.create(call.name(), call.args(), settings));
            }
        }
        return new FieldMapping(canonicalName, expression.path(), chain, multiValued);
    }

    public String canonicalName() {
        return canonicalName;
    }

    public String path() {
        return path;
    }

    public boolean multiValued() {
        return multiValued;
    }

    /** The type of the field's values (of its elements, for a multi-valued field). */
    public CanonicalType type() {
        return type;
    }

    /**
     * Normalizes the selected values into the field's value: the first non-missing one, or for a
     * multi-valued field the list of all non-missing ones (an empty list is missing too).
     */
    public Object apply(final List<?> selectedValues) throws NormalizationException {
        if (!multiValued) {
            for (final Object value : selectedValues) {
                final Object normalized = normalize(value);
                if (normalized != null) {
                    return normalized;
                }
            }
            return null;
        }
        final List<Object> all = new ArrayList<>(selectedValues.size());
        for (final Object value : selectedValues) {
            final Object normalized = normalize(value);
            if (normalized != null) {
                all.add(normalized);
            }
        }
        return all.isEmpty() ? null : all;
    }

    private Object normalize(final Object value) throws NormalizationException {
        Object current = value;
        for (final Normalizer normalizer : chain) {
            if (current == null) {
                return null;
            }
            current = normalizer.normalize(current);
        }
        if (current instanceof CharSequence text && text.toString().isBlank()) {
            return null;
        }
        return current;
    }
}
