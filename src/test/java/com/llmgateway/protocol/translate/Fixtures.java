package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** The conformance fixtures in {@code src/test/resources/translate}: JSON arrays of named cases. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long CREATED = 1_700_000_000L;

    private Fixtures() {}

    /** One argument per case, named by its {@code name}. */
    static List<Arguments> cases(String file) {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode node : load(file)) {
            cases.add(Arguments.of(Named.of(node.path("name").asText(), node)));
        }
        return cases;
    }

    static JsonNode load(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/translate/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults with a fixed clock, changed by the case's {@code options}. */
    static TranslationOptions options(JsonNode testCase) {
        TranslationOptions options =
                TranslationOptions.defaults().withClock(InstantSource.fixed(Instant.ofEpochSecond(CREATED)));
        JsonNode o = testCase.path("options");
        if (o.has("thinkingStyle")) {
            options = options.withThinkingStyle(TranslationOptions.ThinkingStyle.valueOf(
                    o.get("thinkingStyle").asText()));
        }
        if (o.has("forwardSamplingParameters")) {
            options = options.withForwardSamplingParameters(
                    o.get("forwardSamplingParameters").asBoolean());
        }
        if (o.has("reasoningContentInHistory")) {
            options = options.withReasoningContentInHistory(
                    o.get("reasoningContentInHistory").asBoolean());
        }
        if (o.has("maxTokensField")) {
            options = options.withMaxTokensField(TranslationOptions.MaxTokensField.valueOf(
                    o.get("maxTokensField").asText()));
        }
        return options;
    }

    /** The same JSON with numbers as a parser reads them (an int literal is an int node, however it was built). */
    static JsonNode normal(JsonNode node) {
        try {
            return JSON.readTree(node.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
