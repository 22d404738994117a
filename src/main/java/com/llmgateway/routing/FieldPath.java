package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rule looks in the request (seed-spec section 4, "Field paths"), parsed once with the rule set. Resolving
 * gives the value or {@code null} when the path does not resolve; JSON null resolves to {@code null} too, as Python's
 * {@code None}.
 */
sealed interface FieldPath {
    String ROOTS = "model, headers.<name>, body.<path>, token_usage.<input_tokens|output_tokens|total_tokens>";

    JsonNode resolve(RuleContext context);

    /** The path as written, with the root (and a header name) in lower case. */
    String text();

    static FieldPath parse(String text, String where) throws RuleSetException {
        int dot = text.indexOf('.');
        String root = (dot < 0 ? text : text.substring(0, dot)).toLowerCase(Locale.ROOT);
        String rest = dot < 0 ? null : text.substring(dot + 1);
        return switch (root) {
            case "model" -> Model.parse(rest, where);
            case "headers" -> Header.parse(rest, where);
            case "body" -> Body.parse(rest, where);
            case "token_usage" -> TokenUsage.parse(rest, where);
            default -> throw problem(where, "unknown root in '" + text + "'; accepted: " + ROOTS);
        };
    }

    private static RuleSetException problem(String where, String message) {
        return new RuleSetException(where + ": " + message);
    }

    /** The requested model name. */
    record Model() implements FieldPath {
        static Model parse(String rest, String where) throws RuleSetException {
            if (rest != null) {
                throw problem(where, "'model' has no sub-fields; use 'model' alone");
            }
            return new Model();
        }

        @Override
        public JsonNode resolve(RuleContext context) {
            return context.model() == null ? null : TextNode.valueOf(context.model());
        }

        @Override
        public String text() {
            return "model";
        }
    }

    /** One request header. Everything after {@code headers.} is its name, since names may contain dots. */
    record Header(String name) implements FieldPath {
        static Header parse(String rest, String where) throws RuleSetException {
            if (rest == null || rest.isEmpty()) {
                throw problem(where, "'headers' needs a header name, e.g. 'headers.x-priority'");
            }
            return new Header(rest.toLowerCase(Locale.ROOT));
        }

        @Override
        public JsonNode resolve(RuleContext context) {
            String value = context.headers() == null ? null : context.headers().get(name);
            return value == null ? null : TextNode.valueOf(value);
        }

        @Override
        public String text() {
            return "headers." + name;
        }
    }

    /** A value inside the parsed body: dot-separated keys, each optionally followed by {@code [n]} indexes. */
    record Body(String rest, List<Step> steps) implements FieldPath {
        private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)((?:\\[\\d{1,9}])*)");
        private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

        public Body {
            steps = List.copyOf(steps);
        }

        static Body parse(String rest, String where) throws RuleSetException {
            List<Step> steps = new ArrayList<>();
            if (rest != null) {
                for (String segment : rest.split("\\.", -1)) {
                    if (segment.isEmpty()) {
                        throw problem(where, "empty segment in 'body." + rest + "'; segments are separated by one dot");
                    }
                    addSegment(segment, where, steps);
                }
            }
            return new Body(rest, steps);
        }

        private static void addSegment(String segment, String where, List<Step> steps) throws RuleSetException {
            Matcher matcher = SEGMENT.matcher(segment);
            if (!matcher.matches()) {
                throw problem(where, "malformed segment '" + segment + "'; expected 'key' or 'key[n]' (n >= 0)");
            }
            steps.add(new Key(matcher.group(1)));
            Matcher index = INDEX.matcher(matcher.group(2));
            while (index.find()) {
                steps.add(new Index(Integer.parseInt(index.group(1))));
            }
        }

        @Override
        public JsonNode resolve(RuleContext context) {
            JsonNode node = context.body();
            for (Step step : steps) {
                if (PythonValues.isNone(node)) {
                    return null;
                }
                node = step.apply(node);
            }
            return PythonValues.isNone(node) ? null : node;
        }

        @Override
        public String text() {
            return rest == null ? "body" : "body." + rest;
        }
    }

    /** The token counts known before forwarding: input as counted in section 8, output still 0. */
    record TokenUsage(String name) implements FieldPath {
        private static final Set<String> NAMES = Set.of("input_tokens", "output_tokens", "total_tokens");

        static TokenUsage parse(String rest, String where) throws RuleSetException {
            if (rest == null || !NAMES.contains(rest)) {
                String problem =
                        rest == null ? "'token_usage' needs a field" : "unknown token_usage field '" + rest + "'";
                throw problem(where, problem + "; accepted: input_tokens, output_tokens, total_tokens");
            }
            return new TokenUsage(rest);
        }

        @Override
        public JsonNode resolve(RuleContext context) {
            // Output is unknown before the call, so output is 0 and total equals input (seed-spec section 4).
            return IntNode.valueOf(name.equals("output_tokens") ? 0 : context.inputTokens());
        }

        @Override
        public String text() {
            return "token_usage." + name;
        }
    }

    /** One step into the body: a key of an object or an index of an array; anything else resolves to nothing. */
    sealed interface Step {
        JsonNode apply(JsonNode node);
    }

    record Key(String name) implements Step {
        @Override
        public JsonNode apply(JsonNode node) {
            return node.isObject() ? node.get(name) : null;
        }
    }

    record Index(int index) implements Step {
        @Override
        public JsonNode apply(JsonNode node) {
            return node.isArray() && index < node.size() ? node.get(index) : null;
        }
    }
}
