package com.llmgateway.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.routing.RuleSet;
import com.llmgateway.routing.RuleSetException;
import com.llmgateway.store.Change;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request body read strictly, field by field, from the JSON tree (no reflection binding): every accessor either
 * returns a valid value or throws a {@link ValidationException} naming the field. Unknown fields are ignored, as the
 * original did.
 *
 * <p>Accessors come in three flavours: required ({@code requiredText}), optional with a default ({@code bool(field,
 * true)}), and partial-update ({@code Optional} for non-nullable columns, {@link Change} for nullable ones, where JSON
 * {@code null} clears the column).
 */
final class JsonBody {
    /** Rule sets and capabilities are shallow; deeper documents are hostile or mistaken. */
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_PARSER_MESSAGE = 200;

    private final ObjectNode root;

    private JsonBody(ObjectNode root) {
        this.root = root;
    }

    static JsonBody of(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return parse(body == null ? new byte[0] : body.getBytes());
    }

    static JsonBody parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ValidationException.body("body", "is not valid JSON (" + shorten(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw ValidationException.body("body", "is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw ValidationException.body("body", "must be a JSON object");
        }
        if (hasBrokenText(tree)) {
            throw ValidationException.body("body", "contains text that is not valid Unicode (an unpaired surrogate)");
        }
        return new JsonBody((ObjectNode) tree);
    }

    boolean has(String field) {
        return root.has(field);
    }

    /** True when the field is present as the empty string. */
    boolean isEmptyText(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() && node.textValue().isEmpty();
    }

    String requiredText(String field, TextRule rule) {
        return text(field, rule).orElseThrow(() -> ValidationException.body(field, "field required"));
    }

    Optional<String> text(String field, TextRule rule) {
        return present(field).map(node -> checkedText(field, node, rule));
    }

    /** Absent keeps the column, {@code null} clears it, a string sets it. */
    Change<String> nullableText(String field, TextRule rule) {
        if (!root.has(field)) {
            return Change.keep();
        }
        JsonNode node = root.get(field);
        return Change.to(node.isNull() ? Optional.empty() : Optional.of(checkedText(field, node, rule)));
    }

    boolean bool(String field, boolean fallback) {
        return bool(field).orElse(fallback);
    }

    Optional<Boolean> bool(String field) {
        return present(field).map(node -> {
            if (!node.isBoolean()) {
                throw ValidationException.body(field, "must be a boolean");
            }
            return node.booleanValue();
        });
    }

    int integer(String field, int fallback, long min, long max) {
        return integer(field, min, max).orElse(fallback);
    }

    Optional<Integer> integer(String field, long min, long max) {
        return longValue(field, min, max).map(Math::toIntExact);
    }

    long requiredLong(String field) {
        return longValue(field, Long.MIN_VALUE, Long.MAX_VALUE)
                .orElseThrow(() -> ValidationException.body(field, "field required"));
    }

    /** A rule set, checked by the rule engine's own parser; absent keeps, {@code null} clears. */
    Change<JsonNode> ruleSet(String field) {
        if (!root.has(field)) {
            return Change.keep();
        }
        JsonNode node = root.get(field);
        try {
            RuleSet.parse(node);
        } catch (RuleSetException e) {
            throw ValidationException.body(field, e.getMessage());
        }
        return Change.to(node.isNull() ? Optional.empty() : Optional.of(node));
    }

    /** Any JSON object, or {@code null} to clear. */
    Change<JsonNode> object(String field) {
        if (!root.has(field)) {
            return Change.keep();
        }
        JsonNode node = root.get(field);
        if (!node.isNull() && !node.isObject()) {
            throw ValidationException.body(field, "must be a JSON object or null");
        }
        return Change.to(node.isNull() ? Optional.empty() : Optional.of(node));
    }

    /** An object of header names to string values, or {@code null} to clear. */
    Change<Map<String, String>> headers(String field) {
        if (!root.has(field)) {
            return Change.keep();
        }
        JsonNode node = root.get(field);
        if (node.isNull()) {
            return Change.to(Optional.empty());
        }
        if (!node.isObject()) {
            throw ValidationException.body(field, "must be an object of header names to string values");
        }
        if (node.size() > Fields.MAX_EXTRA_HEADERS) {
            throw ValidationException.body(field, "must have at most " + Fields.MAX_EXTRA_HEADERS + " headers");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String name = header.getKey();
            Fields.headerNameProblem(name).ifPresent(problem -> {
                throw ValidationException.body(field, problem);
            });
            if (!header.getValue().isTextual()) {
                throw ValidationException.body(field, "the value of " + Fields.quote(name) + " must be a string");
            }
            String value = header.getValue().textValue();
            Fields.headerValueProblem(name, value).ifPresent(problem -> {
                throw ValidationException.body(field, problem);
            });
            headers.put(name, value);
        }
        return Change.to(Optional.of(headers));
    }

    /** Present and not null; {@code null} for a column that cannot be null is an error, not "leave it". */
    private Optional<JsonNode> present(String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            throw ValidationException.body(field, "must not be null");
        }
        return Optional.of(node);
    }

    private static String checkedText(String field, JsonNode node, TextRule rule) {
        if (!node.isTextual()) {
            throw ValidationException.body(field, "must be a string");
        }
        String value = node.textValue();
        rule.problem(value).ifPresent(problem -> {
            throw ValidationException.body(field, problem);
        });
        return value;
    }

    private Optional<Long> longValue(String field, long min, long max) {
        return present(field).map(node -> {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw ValidationException.body(field, "must be an integer");
            }
            long value = node.longValue();
            if (value < min) {
                throw ValidationException.body(field, "must be at least " + min);
            }
            if (value > max) {
                throw ValidationException.body(field, "must be at most " + max);
            }
            return value;
        });
    }

    /** Unpaired surrogates (from escapes like {@code "\ud800"}) cannot be stored as UTF-8 without losing data. */
    private static boolean hasBrokenText(JsonNode node) {
        if (node.isTextual()) {
            return isBroken(node.textValue());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (isBroken(field.getKey()) || hasBrokenText(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasBrokenText(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isBroken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String message) {
        String text = message == null ? "unreadable" : message;
        return text.length() <= MAX_PARSER_MESSAGE ? text : text.substring(0, MAX_PARSER_MESSAGE) + "...";
    }
}
