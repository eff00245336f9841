package io.github.nifiintegration.mapping;

import io.github.nifiintegration.mapping.normalize.CanonicalType;
import io.github.nifiintegration.mapping.normalize.NormalizationException;
import io.github.nifiintegration.mapping.normalize.NormalizerCatalog;
import io.github.nifiintegration.mapping.normalize.NormalizerSettings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingExpressionTest {

    private static final NormalizerSettings SETTINGS = new NormalizerSettings("US", NormalizerCatalog.DEFAULT_DATE_PATTERNS);

    @Test
    void parsesPathAndChainWithQuotedArguments() {
        final MappingExpression expression = MappingExpression.parse(" /a/b[0] | trim | date('MMM d, yyyy', \"dd/MM/yyyy\") | phone(AU, possible) ");
        assertEquals("/a/b[0]", expression.path());
        assertEquals(List.of(
                new MappingExpression.Call("trim", List.of()),
                new MappingExpression.Call("date", List.of("MMM d, yyyy", "dd/MM/yyyy")),
                new MappingExpression.Call("phone", List.of("AU", "possible"))), expression.calls());
    }

    @Test
    void keepsRecordPathPredicatesAndFunctionsWhole() {
        final MappingExpression expression = MappingExpression.parse("/phones[./type = 'mobile']/number | phone");
        assertEquals("/phones[./type = 'mobile']/number", expression.path());
        assertEquals("concat(/first, ' ', /last)", MappingExpression.parse("concat(/first, ' ', /last) | collapse").path());
    }

    @Test
    void explainsMalformedExpressions() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MappingExpression.parse("")).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MappingExpression.parse("/a || trim")).getMessage().contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MappingExpression.parse("/a | date('x")).getMessage().contains("not closed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MappingExpression.parse("/a | phone(US")).getMessage().contains("not balanced"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MappingExpression.parse("| trim")).getMessage().contains("no path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MappingExpression.parse("/a | 9lives")).getMessage().contains("not a normalizer name"));
    }

    @Test
    void fieldMappingTakesTheFirstValueOrAllValues() throws NormalizationException {
        final FieldMapping first = FieldMapping.of("email", MappingExpression.parse("/emails | email"), SETTINGS);
        assertFalse(first.multiValued());
        assertEquals("b@x.com", first.apply(Arrays.asList(null, "  ", "B@X.com", "c@x.com")));
        assertNull(first.apply(List.of()));

        final FieldMapping all = FieldMapping.of("emails", MappingExpression.parse("/emails | email | all"), SETTINGS);
        assertTrue(all.multiValued());
        assertEquals(List.of("b@x.com", "c@x.com"), all.apply(Arrays.asList(null, "B@X.com", "c@x.com")));
        assertNull(all.apply(Arrays.asList(null, " ")));
        assertThrows(IllegalArgumentException.class, () -> FieldMapping.of("x", MappingExpression.parse("/x | all(1)"), SETTINGS));
    }

    @Test
    void fieldTypeIsTheLastTypedNormalizers() {
        assertEquals(CanonicalType.DECIMAL, FieldMapping.of("a", MappingExpression.parse("/a | trim | decimal"), SETTINGS).type());
        assertEquals(CanonicalType.STRING, FieldMapping.of("a", MappingExpression.parse("/a | decimal | trim"), SETTINGS).type());
        assertEquals(CanonicalType.STRING, FieldMapping.of("a", MappingExpression.parse("/a"), SETTINGS).type());
    }

    @Test
    void mapperCollectsEveryProblemOfARecord() {
        final FieldMapping email = FieldMapping.of("email", MappingExpression.parse("/email | email"), SETTINGS);
        final FieldMapping name = FieldMapping.of("name", MappingExpression.parse("/name | collapse"), SETTINGS);
        final FieldMapping broken = FieldMapping.of("broken", MappingExpression.parse("/broken"), SETTINGS);
        final CanonicalMapper<Map<String, Object>> mapper = new CanonicalMapper<>(List.of(
                new CanonicalMapper.Binding<>(email, source -> source.containsKey("email") ? List.of(source.get("email")) : List.of()),
                new CanonicalMapper.Binding<>(name, source -> source.containsKey("name") ? List.of(source.get("name")) : List.of()),
                new CanonicalMapper.Binding<>(broken, source -> {
                    throw new IllegalStateException("boom");
                })), Set.of("email", "name"));

        final CanonicalMapper.Outcome outcome = mapper.map(Map.of("email", "nope"));
        assertFalse(outcome.valid());
        assertEquals(List.of(
                new FieldError("email", "'nope' is not a valid e-mail address"),
                new FieldError("name", "required, but /name has no value"),
                new FieldError("broken", "cannot evaluate /broken: boom")), outcome.errors());
        assertNull(outcome.values().get("email"));
    }
}
