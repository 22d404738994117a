package com.llmgateway.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.health.PolicyException;
import com.llmgateway.health.PolicyParser;
import com.llmgateway.routing.RuleSet;
import com.llmgateway.routing.RuleSetException;
import com.llmgateway.store.Change;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
        JsonNode tree = tree(bytes);
        if (!tree.isObject()) {
            throw ValidationException.body("body", "must be a JSON object");
        }
        return new JsonBody((ObjectNode) tree);
    }

    /**
     * A body that is a JSON array of objects (an import), each element read by {@code reader} like a body of its own.
     * A problem in an element names it by index: {@code [2].base_url}.
     */
    static <T> List<T> list(RoutingContext ctx, Function<JsonBody, T> reader) {
        Buffer body = ctx.body().buffer();
        JsonNode tree = tree(body == null ? new byte[0] : body.getBytes());
        if (!tree.isArray()) {
            throw ValidationException.body("body", "must be a JSON array");
        }
        return elements(tree, "", reader);
    }

    /** A list of objects, each read by {@code reader}; absent or {@code null} is the empty list. */
    <T> List<T> list(String field, Function<JsonBody, T> reader) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ValidationException.body(field, "must be a list of objects");
        }
        return elements(node, field, reader);
    }

    private static <T> List<T> elements(JsonNode array, String field, Function<JsonBody, T> reader) {
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String element = field + "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw ValidationException.body(element, "must be a JSON object");
            }
            try {
                items.add(reader.apply(new JsonBody((ObjectNode) node)));
            } catch (ValidationException e) {
                throw ValidationException.body(element + "." + e.field(), e.problem());
            }
        }
        return items;
    }

    private static JsonNode tree(byte[] bytes) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ValidationException.body("body", "is not valid JSON (" + shorten(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw ValidationException.body("body", "is not valid JSON");
        }
        if (tree == null) {
            return MissingNode.getInstance();
        }
        if (hasBrokenText(tree)) {
            throw ValidationException.body("body", "contains text that is not valid Unicode (an unpaired surrogate)");
        }
        return tree;
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

    /**
     * A routing policy (error policy, timeouts, health thresholds), checked by its own parser so the gateway stores only
     * what it can use; absent keeps, {@code null} clears (the defaults apply). Stored as sent: keys left out keep
     * following the defaults.
     */
    Change<JsonNode> policy(String field, PolicyParser<?> parser) {
        if (!root.has(field)) {
            return Change.keep();
        }
        JsonNode node = root.get(field);
        try {
            parser.parse(node);
        } catch (PolicyException e) {
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

    /**
     * A price in USD per million tokens: a JSON number from 0 to {@link Fields#MAX_PRICE} with at most {@link
     * Fields#PRICE_SCALE} decimals; absent keeps, {@code null} clears. Strings such as {@code "2.5"} are refused, as
     * for every other number.
     */
    Change<BigDecimal> price(String field) {
        if (!root.has(field)) {
            return Change.keep();
        }
        JsonNode node = root.get(field);
        if (node.isNull()) {
            return Change.to(Optional.empty());
        }
        if (!node.isNumber()) {
            throw ValidationException.body(field, "must be a number or null");
        }
        // A literal beyond double range (1e400) parses as an infinite double, which has no decimal value.
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw ValidationException.body(field, node.doubleValue() > 0 ? "is too large" : "must be at least 0");
        }
        BigDecimal price = node.decimalValue();
        Fields.priceProblem(price).ifPresent(problem -> {
            throw ValidationException.body(field, problem);
        });
        return Change.to(Optional.of(Fields.plain(price)));
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
