package com.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.api.EncodingType;
import com.llmgateway.protocol.Protocol;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputTokenCounterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> encodings() {
        return Stream.of(
                arguments("gpt-4o", EncodingType.O200K_BASE),
                arguments("gpt-4o-mini-2024-07-18", EncodingType.O200K_BASE),
                arguments("gpt-4.1-nano", EncodingType.O200K_BASE),
                arguments("gpt-5", EncodingType.O200K_BASE),
                arguments("o1-mini", EncodingType.O200K_BASE),
                arguments("o3", EncodingType.O200K_BASE),
                arguments("o4-mini", EncodingType.O200K_BASE),
                arguments("GPT-4O", EncodingType.O200K_BASE),
                arguments("gpt-4", EncodingType.CL100K_BASE),
                arguments("gpt-4-turbo", EncodingType.CL100K_BASE),
                arguments("gpt-3.5-turbo-0125", EncodingType.CL100K_BASE),
                arguments("text-embedding-ada-002", EncodingType.CL100K_BASE),
                arguments("text-davinci-003", EncodingType.P50K_BASE),
                arguments("claude-sonnet-4", EncodingType.CL100K_BASE),
                arguments("my-alias", EncodingType.CL100K_BASE),
                arguments(null, EncodingType.CL100K_BASE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("encodings")
    void choosesEncodingByModelPrefix(String model, EncodingType expected) {
        assertThat(InputTokenCounter.encodingFor(model)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "'text'",
                "{'messages': []}",
                "{'messages': null}",
                "{'messages': {'role': 'user'}}",
                "{'messages': [1, 'user', null]}",
                "{'prompt': 'completions prompts are not counted'}",
                "{'input': 'neither are embeddings inputs'}"
            })
    void countsZeroWithoutMessages(String body) {
        for (Protocol protocol : Protocol.values()) {
            assertThat(InputTokenCounter.count(protocol, "gpt-4o", body == null ? null : json(body)))
                    .isZero();
        }
    }

    // "user" is a single token in cl100k_base and o200k_base, so these follow from the recipe alone:
    // 4 per message + role tokens + content tokens, then 3 for reply priming.
    static Stream<Arguments> openAiRecipe() {
        return Stream.of(
                arguments("[{'role': 'user', 'content': ''}]", 4 + 1 + 3),
                arguments("[{'role': 'user', 'content': ''}, {'role': 'user', 'content': ''}]", 2 * (4 + 1) + 3),
                arguments("[{'role': 'user', 'name': 'user', 'content': ''}]", 4 + 1 + 1 - 1 + 3),
                arguments("[{'role': 'user', 'content': 42, 'extra': {'deep': 'object'}}]", 4 + 1 + 3),
                arguments("[{'role': 'user', 'content': [1, 'loose', {'text': 5}, {'type': 'image_url'}]}]", 4 + 1 + 3),
                arguments("[{'role': 'user', 'content': ''}, 'not a message']", 4 + 1 + 3));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("openAiRecipe")
    void openAiFollowsTheRecipe(String messages, int expected) {
        for (String model : new String[] {"gpt-4o", "gpt-4", "my-alias"}) {
            assertThat(openAi(model, messages)).as(model).isEqualTo(expected);
        }
    }

    @Test
    void openAiCountsTextPartsLikeStringContent() {
        String text = "Hello there, how are you today?";
        int asString = openAi("gpt-4o", "[{'role': 'user', 'content': '" + text + "'}]");
        int asParts = openAi(
                "gpt-4o",
                "[{'role': 'user', 'content': [{'type': 'text', 'text': '" + text + "'},"
                        + " {'type': 'image_url', 'image_url': {'url': 'https://x.test/a.png'}}]}]");

        assertThat(asParts).isEqualTo(asString).isGreaterThan(4 + 1 + 3);
    }

    @Test
    void openAiGrowsWithContent() {
        int shorter = openAi("gpt-4o", "[{'role': 'user', 'content': 'one two three'}]");
        int longer = openAi("gpt-4o", "[{'role': 'user', 'content': 'one two three four five six'}]");

        assertThat(longer).isGreaterThan(shorter);
    }

    @Test
    void openAiCountsSpecialTokenTextAsPlainText() {
        assertThat(openAi("gpt-4o", "[{'role': 'user', 'content': '<|endoftext|>'}]"))
                .isGreaterThan(4 + 1 + 3);
    }

    // len(text) // 4 for the role and each piece of content, + 4 per message; system is not counted.
    static Stream<Arguments> anthropicEstimate() {
        return Stream.of(
                arguments("{'messages': [{'role': 'user', 'content': 'Hello, world!'}]}", 4 + 1 + 3),
                arguments(
                        "{'system': 'a long system prompt that is not counted at all',"
                                + " 'messages': [{'role': 'user', 'content': 'Hello, world!'}]}",
                        4 + 1 + 3),
                arguments(
                        "{'messages': [{'role': 'assistant', 'content': [{'type': 'text', 'text': 'abcdefgh'},"
                                + " {'type': 'image', 'source': {}}, {'type': 'text', 'text': 'abc'}]}]}",
                        4 + 2 + 2 + 0),
                arguments(
                        "{'messages': [{'role': 'user', 'content': 'abcd'}, {'role': 'user', 'content': 'abcdefg'}]}",
                        (4 + 1 + 1) + (4 + 1 + 1)),
                arguments("{'messages': [{'role': 5, 'content': null}]}", 4),
                arguments(
                        "{'messages': [{'role': 'user', 'content': '\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00'}]}",
                        4 + 1 + 1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("anthropicEstimate")
    void anthropicEstimatesFromCharacters(String body, int expected) {
        assertThat(InputTokenCounter.count(Protocol.ANTHROPIC, "claude-sonnet-4", json(body)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theClientProtocolChoosesTheRule(Protocol protocol) {
        JsonNode body = json("{'messages': [{'role': 'user', 'content': 'Hello, world!'}]}");
        int expected = protocol == Protocol.ANTHROPIC
                ? 4 + 1 + 3
                : openAi("gpt-4o", "[{'role': 'user', 'content': 'Hello, world!'}]");

        assertThat(InputTokenCounter.count(protocol, "gpt-4o", body)).isEqualTo(expected);
    }

    private static int openAi(String model, String messages) {
        return InputTokenCounter.count(Protocol.OPENAI, model, json("{'messages': " + messages + "}"));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long prompt(String chatRequest) {
        try {
            return InputTokenCounter.promptEstimate(MAPPER.readTree(chatRequest.replace('\'', '"')), "gpt-4o");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPromptEstimateIsTheRecipeWhereTheRecipeCounts() {
        String messages = "[{'role': 'system', 'content': 'Be brief.'}, {'role': 'user', 'content': 'Hello there'}]";

        assertThat(prompt("{'messages': " + messages + "}")).isEqualTo(openAi("gpt-4o", messages));
    }

    @Test
    void aPromptEstimateCountsToolCallsToolsAndImagesTheRecipeLeavesOut() {
        long bare = prompt("{'messages': [{'role': 'assistant', 'content': 'ok'}]}");
        long withCall = prompt("{'messages': [{'role': 'assistant', 'content': 'ok', 'tool_calls': [{'id': 'c1',"
                + " 'type': 'function', 'function': {'name': 'get_weather', 'arguments':"
                + " '{\\'city\\': \\'Paris, the capital of France\\'}'}}]}]}");
        long withTool = prompt("{'messages': [{'role': 'assistant', 'content': 'ok'}], 'tools': [{'type': 'function',"
                + " 'function': {'name': 'get_weather', 'description': 'The current weather in a city of the world',"
                + " 'parameters': {'type': 'object', 'properties': {'city': {'type': 'string'}}}}}]}");
        long withImage = prompt("{'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'ok'},"
                + " {'type': 'image_url', 'image_url': {'url': 'data:image/png;base64," + "A".repeat(40_000)
                + "'}}]}]}");

        assertThat(withCall - bare).as("the call's id, name and arguments").isGreaterThan(10);
        assertThat(withTool - bare).as("the tool's definition").isGreaterThan(20);
        assertThat(withImage - bare).as("an image, whatever its data").isBetween(1600L, 1610L);
    }
}
