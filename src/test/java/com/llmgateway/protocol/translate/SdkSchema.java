package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema check of the conformance suite: a translated body must parse into the official SDK's type for it,
 * {@code validate()} (required fields present, every enum value and union variant known), carry no field the SDK does
 * not know except the documented extensions, and serialise back to the same JSON (nothing lost in parsing).
 */
final class SdkSchema {
    private static final ObjectMapper OPENAI = com.openai.core.ObjectMappers.jsonMapper();
    private static final ObjectMapper ANTHROPIC = com.anthropic.core.ObjectMappers.jsonMapper();

    /** Extensions documented in docs/translation.md, by path ({@code []} for any index). */
    static final Set<String> OPENAI_EXTENSIONS = Set.of(
            // requests: streaming is set by the SDK's create-streaming call, outside the typed body
            "stream",
            "messages[].reasoning_content",
            "messages[].thinking_blocks",
            "messages[].cache_control",
            "messages[].content[].cache_control",
            "tools[].cache_control",
            // responses and chunks
            "choices[].message.reasoning_content",
            "choices[].message.thinking_blocks",
            "choices[].delta.reasoning_content",
            "choices[].delta.thinking_blocks",
            "usage.cache_creation_input_tokens");

    static final Set<String> ANTHROPIC_EXTENSIONS = Set.of(
            "stream",
            // deprecated sampling parameters: still accepted on the wire by models before Claude Opus 4.7, but no
            // longer typed by anthropic-java 3.x
            "temperature",
            "top_p",
            "top_k");

    private SdkSchema() {}

    static <T> T openAi(JsonNode json, Class<T> type) {
        return check(
                OPENAI, withKnownModel(json, com.openai.models.ChatModel.GPT_4O.asString()), type, OPENAI_EXTENSIONS);
    }

    static <T> T anthropic(JsonNode json, Class<T> type) {
        return check(
                ANTHROPIC,
                withKnownModel(json, com.anthropic.models.messages.Model.CLAUDE_SONNET_4_5.asString()),
                type,
                ANTHROPIC_EXTENSIONS);
    }

    /**
     * Model names are open strings on the wire (any provider's model passes through), but the SDKs' {@code
     * validate()} accepts only the names they were generated with; fixtures use short names, so the check swaps in a
     * known one.
     */
    private static JsonNode withKnownModel(JsonNode json, String model) {
        if (!json.path("model").isTextual()) {
            return json;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = json.deepCopy();
        copy.put("model", model);
        return copy;
    }

    private static <T> T check(ObjectMapper mapper, JsonNode json, Class<T> type, Set<String> extensions) {
        T parsed;
        try {
            parsed = mapper.readValue(json.toString(), type);
            type.getMethod("validate").invoke(parsed);
            assertThat(numbersByValue(mapper.readTree(mapper.writeValueAsString(parsed))))
                    .as("%s serialises back unchanged", type.getSimpleName())
                    .isEqualTo(numbersByValue(mapper.readTree(json.toString())));
        } catch (InvocationTargetException e) {
            throw new AssertionError(type.getSimpleName() + " rejects " + json + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new AssertionError(type.getSimpleName() + " cannot parse " + json + ": " + e, e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(parsed, "", unknown);
        unknown.removeIf(extensions::contains);
        assertThat(unknown)
                .as("fields %s does not know in %s", type.getSimpleName(), json)
                .isEmpty();
        return parsed;
    }

    /** The SDKs type some integers as doubles ({@code created_at}); 1712345678 and 1.712345678E9 are one value. */
    private static JsonNode numbersByValue(JsonNode node) {
        if (node.isNumber()) {
            return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(
                    node.decimalValue().stripTrailingZeros());
        }
        if (node.isContainerNode()) {
            JsonNode copy = node.deepCopy();
            if (copy.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) copy)
                        .properties()
                        .forEach(field -> field.setValue(numbersByValue(field.getValue())));
            } else {
                com.fasterxml.jackson.databind.node.ArrayNode array =
                        (com.fasterxml.jackson.databind.node.ArrayNode) copy;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, numbersByValue(array.get(i)));
                }
            }
            return copy;
        }
        return node;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> collectUnknown(v, path, unknown));
            return;
        }
        if (value instanceof List<?> list) {
            list.forEach(item -> collectUnknown(item, path + "[]", unknown));
            return;
        }
        // JSON Schema documents (tool input schemas, structured output schemas) are data, whatever keys they use.
        if (value == null
                || !isModel(value.getClass())
                || value.getClass().getSimpleName().endsWith("Schema")) {
            return;
        }
        Method additional = method(value.getClass(), "_additionalProperties");
        boolean typedFields = false;
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.getName();
            if (additional != null
                    && name.startsWith("_")
                    && !name.equals("_additionalProperties")
                    && method.getReturnType().getSimpleName().equals("JsonField")) {
                typedFields = true;
                collectUnknown(known(invoke(method, value)), join(path, snake(name.substring(1))), unknown);
            } else if (additional == null && !name.startsWith("_") && method.getReturnType() == Optional.class) {
                collectUnknown(invoke(method, value), path, unknown); // a union's variants
            }
        }
        // A class with no typed field is a free-form map (JSON schemas, tool input, metadata): every key is data.
        if (additional != null && typedFields) {
            ((Map<?, ?>) invoke(additional, value)).keySet().forEach(key -> unknown.add(join(path, key.toString())));
        }
    }

    private static Object known(Object jsonField) {
        return invoke(method(jsonField.getClass(), "asKnown"), jsonField);
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("com.openai.models.") || name.startsWith("com.anthropic.models.");
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + ": " + e.getCause(), e);
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
