package io.github.nifiintegration.dedupe;

import io.github.nifiintegration.mapping.normalize.NormalizerSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyBuilderTest {

    private static final NormalizerSettings SETTINGS = new NormalizerSettings("US", List.of());

    private static KeyBuilder<Map<String, Object>> builder(final Map<String, String> parts) {
        return KeyBuilder.compile(parts, SETTINGS, path -> record -> {
            final Object value = record.get(path.substring(1));
            return value == null ? List.of() : List.of(value);
        });
    }

    @Test
    void normalizedValuesGiveTheSameKey() throws Exception {
        final KeyBuilder<Map<String, Object>> keys = builder(Map.of("email", "/email | email", "name", "/name | collapse | lower"));
        final String a = keys.keyText(Map.of("email", " J.Smith@X.com ", "name", "John   SMITH"));
        final String b = keys.keyText(Map.of("email", "j.smith@x.com", "name", "john smith"));
        assertEquals(a, b);
        assertEquals(KeyHash.of(a), KeyHash.of(b));
        assertNotEquals(a, keys.keyText(Map.of("email", "j.smith@x.com", "name", "jane smith")));
    }

    @Test
    void partsAreOrderedByNameAndNamedInTheKey() throws Exception {
        final String ab = builder(Map.of("a", "/x", "b", "/y")).keyText(Map.of("x", "1", "y", "2"));
        final String swapped = builder(Map.of("a", "/y", "b", "/x")).keyText(Map.of("x", "1", "y", "2"));
        assertNotEquals(ab, swapped, "the same values under other part names are another key");
    }

    @Test
    void aRecordWithoutAnyKeyValueHasNoKey() throws Exception {
        assertNull(builder(Map.of("email", "/email | email")).keyText(Map.of("other", "x")));
    }

    @Test
    void aValueTheNormalizerRefusesNamesThePart() {
        final KeyBuilder.KeyException refused = assertThrows(KeyBuilder.KeyException.class,
                () -> builder(Map.of("email", "/email | email")).keyText(Map.of("email", "not an address")));
        assertTrue(refused.getMessage().startsWith("key part 'email'"), refused.getMessage());
    }

    @Test
    void aWrongExpressionIsRefusedWithThePartName() {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> builder(Map.of("email", "/email | nosuch")));
        assertTrue(refused.getMessage().contains("key part 'email'"), refused.getMessage());
    }
}
