package io.github.nifiintegration.dedupe;

import io.github.nifiintegration.mapping.FieldMapping;
import io.github.nifiintegration.mapping.MappingExpression;
import io.github.nifiintegration.mapping.ValueSelector;
import io.github.nifiintegration.mapping.normalize.NormalizationException;
import io.github.nifiintegration.mapping.normalize.NormalizerSettings;
import io.github.nifiintegration.mapping.normalize.Values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a record's deduplication key from named parts, each a path into the record and a chain of
 * canonical normalizers written as in canonical mapping ({@code /email | email},
 * {@code /name | collapse | lower}), so that " J.Smith@X.com" and "j.smith@x.com" give the same key.
 * The key is the parts' names and normalized values, hashed to 128 bits as they are appended
 * ({@link KeyHasher}). How paths are evaluated is the caller's business (the processor compiles
 * RecordPaths).
 *
 * @param <S> the record type
 */
public final class KeyBuilder<S> {

    /** One named part of the key. */
    private record Part<S>(String name, byte[] nameBytes, FieldMapping mapping, ValueSelector<S> selector) {
    }

    /** Why a record has no key: a value its normalizer refused. */
    public static final class KeyException extends Exception {
        public KeyException(final String message) {
            super(message);
        }
    }

    private static final char NAME_END = '\u001F';
    private static final char PART_END = '\u001E';

    private final List<Part<S>> parts;

    private KeyBuilder(final List<Part<S>> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Compiles the parts, ordered by name so the key does not depend on the order properties come in.
     *
     * @param expressions part name to {@code path | normalizer | ...}
     * @param selectors   compiles a path into a selector
     * @throws IllegalArgumentException naming the part whose expression is wrong
     */
    public static <S> KeyBuilder<S> compile(final Map<String, String> expressions, final NormalizerSettings settings,
                                            final Function<String, ValueSelector<S>> selectors) {
        final List<Part<S>> parts = new ArrayList<>();
        expressions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            try {
                final MappingExpression expression = MappingExpression.parse(entry.getValue());
                final FieldMapping mapping = FieldMapping.of(entry.getKey(), expression, settings);
                parts.add(new Part<>(entry.getKey(), entry.getKey().getBytes(StandardCharsets.UTF_8), mapping, selectors.apply(expression.path())));
            } catch (final RuntimeException e) {
                throw new IllegalArgumentException("key part '" + entry.getKey() + "': " + e.getMessage(), e);
            }
        });
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one part");
        }
        return new KeyBuilder<>(parts);
    }

    /**
     * The record's key text: each part's name and normalized value. Null when no part has a value: such
     * a record cannot be compared.
     *
     * @throws KeyException naming the part whose value the normalizer refused
     */
    public String keyText(final S record) throws KeyException {
        final KeyHasher key = new KeyHasher();
        return append(record, key) ? key.text() : null;
    }

    /**
     * Writes the record's key into the hasher (reset first), as {@link #keyText} spells it: hashing
     * the hasher then equals hashing the key text, without making the text.
     *
     * @return false when no part has a value: such a record cannot be compared
     * @throws KeyException naming the part whose value the normalizer refused
     */
    public boolean append(final S record, final KeyHasher key) throws KeyException {
        key.reset();
        boolean anyValue = false;
        for (final Part<S> part : parts) {
            final Object value;
            try {
                value = part.mapping().apply(part.selector().select(record));
            } catch (final NormalizationException e) {
                throw new KeyException("key part '" + part.name() + "': " + e.getMessage());
            } catch (final RuntimeException e) {
                throw new KeyException("key part '" + part.name() + "': " + e.getMessage());
            }
            key.appendUtf8(part.nameBytes()).appendAscii(NAME_END);
            if (value != null) {
                anyValue = true;
                appendValue(key, value);
            }
            key.appendAscii(PART_END);
        }
        return anyValue;
    }

    private static void appendValue(final KeyHasher key, final Object value) {
        if (value instanceof List<?> values) {
            for (final Object element : values) {
                // a null element has always been spelled "null" in keys (StringBuilder's way): persisted keys depend on it
                key.append(String.valueOf(Values.text(element))).appendAscii(NAME_END);
            }
        } else {
            key.append(Values.text(value));
        }
    }
}
