package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.GatewayException;
import java.util.Optional;

/** Tree helpers shared by the translators. Malformed client input becomes a 400 naming the field. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Provider bodies and tool arguments can be large; the request size limit bounds them before they get here.
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build());
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parsed JSON, or empty when {@code text} is not JSON. */
    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(MAPPER.readTree(bytes));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the member is absent or JSON null. */
    static boolean absent(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull();
    }

    /** The string member, empty when absent or null; a 400 naming {@code path} when it has another type. */
    static Optional<String> text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(path, "must be a string");
        }
        return Optional.of(value.textValue());
    }

    /** The string member of a provider's body, or {@code fallback}; never fails. */
    static String textOr(JsonNode parent, String field, String fallback) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value != null && value.isTextual() ? value.textValue() : fallback;
    }

    static long longOr(JsonNode parent, String field, long fallback) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value != null && value.isNumber() ? value.longValue() : fallback;
    }

    /** The array member or an empty array when absent or null; a 400 naming {@code path} for another type. */
    static ArrayNode arrayOrEmpty(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return array();
        }
        if (!value.isArray()) {
            throw invalid(path, "must be an array");
        }
        return (ArrayNode) value;
    }

    static ObjectNode requireObject(JsonNode value, String path) {
        if (value == null || !value.isObject()) {
            throw invalid(path, "must be an object");
        }
        return (ObjectNode) value;
    }

    /** A client error naming the offending field, in the shape the client's SDK raises as a bad request. */
    static GatewayException invalid(String path, String problem) {
        return new GatewayException(
                GatewayError.invalidRequest("invalid_request_body", "Field '" + path + "' " + problem + ".", path));
    }

    /** A field the other protocol cannot carry and whose loss would change the answer: rejected, never dropped. */
    static GatewayException unsupported(String path, String reason) {
        return new GatewayException(GatewayError.invalidRequest(
                "unsupported_translation",
                "Field '" + path + "' cannot be translated for this provider: " + reason + ".",
                path));
    }
}
