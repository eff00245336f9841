package io.github.nifiintegration.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Golden records, pins and other steward data as JSON text: readable in a database console, the same
 * in every store. Values keep their stored form: text stays text, decimals stay decimals (a JSON
 * number read back as BigDecimal, never a double), lists stay lists of text.
 */
public final class GoldenRecordCodec {

    /** Decimals keep their exact digits and scale both ways ("12.50" stays 12.50). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private GoldenRecordCodec() {
    }

    /** Written with the streaming generator: golden records are written once per version, on the hot path of every batch. */
    public static String encode(final GoldenRecord golden) {
        final StringWriter text = new StringWriter(256 + golden.fields().size() * 96);
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("entity_id", golden.entityId());
            out.writeNumberField("version", golden.version());
            out.writeStringField("retired_into", golden.retiredInto());
            out.writeStringField("changed_at", golden.changedAt());
            out.writeObjectFieldStart("fields");
            for (final Map.Entry<String, GoldenValue> field : golden.fields().entrySet()) {
                out.writeObjectFieldStart(field.getKey());
                out.writeFieldName("value");
                writeValue(out, field.getValue().value());
                out.writeStringField("rule", field.getValue().rule());
                out.writeArrayFieldStart("sources");
                for (final SourceRef source : field.getValue().sources()) {
                    out.writeStartObject();
                    out.writeStringField("system", source.system());
                    out.writeStringField("id", source.id());
                    out.writeStringField("timestamp", source.timestamp());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (final IOException e) {
            throw new StoreException("could not write golden record " + golden.entityId() + " as JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void writeValue(final JsonGenerator out, final Object value) throws IOException {
        if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (final Object element : list) {
                out.writeString(String.valueOf(element));
            }
            out.writeEndArray();
        } else {
            out.writeString(String.valueOf(value));
        }
    }

    public static GoldenRecord decode(final String text) {
        final JsonNode root = parse(text);
        final Map<String, GoldenValue> fields = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> entries = root.path("fields").fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            final JsonNode field = entry.getValue();
            final List<SourceRef> sources = new ArrayList<>();
            for (final JsonNode source : field.path("sources")) {
                sources.add(new SourceRef(source.path("system").asText(), source.path("id").asText(), textOrNull(source.path("timestamp"))));
            }
            fields.put(entry.getKey(), new GoldenValue(value(field.path("value")), field.path("rule").asText(), sources));
        }
        return new GoldenRecord(root.path("entity_id").asText(), root.path("version").asLong(), fields,
                textOrNull(root.path("retired_into")), textOrNull(root.path("changed_at")));
    }

    /** Pinned values of an entity (field to value). */
    public static String encodeValues(final Map<String, Object> values) {
        final ObjectNode root = JSON.createObjectNode();
        values.forEach((field, value) -> root.set(field, valueNode(value)));
        return write(root);
    }

    public static Map<String, Object> decodeValues(final String text) {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> entries = parse(text).fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            values.put(entry.getKey(), value(entry.getValue()));
        }
        return values;
    }

    private static JsonNode valueNode(final Object value) {
        if (value instanceof BigDecimal decimal) {
            return JSON.getNodeFactory().numberNode(decimal);
        }
        if (value instanceof List<?> list) {
            final ArrayNode array = JSON.createArrayNode();
            list.forEach(element -> array.add(String.valueOf(element)));
            return array;
        }
        return JSON.getNodeFactory().textNode(String.valueOf(value));
    }

    private static Object value(final JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            final List<String> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(element.asText()));
            return list;
        }
        return node.asText();
    }

    private static String textOrNull(final JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String write(final JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (final IOException e) {
            throw new StoreException("could not write a golden record as JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final IOException e) {
            throw new StoreException("a stored golden record is not valid JSON: " + e.getMessage(), e);
        }
    }
}
