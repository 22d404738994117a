package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.protocol.GatewayException;
import com.openai.models.chat.completions.ChatCompletion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Non-stream responses in both directions: the provider's body must be valid for its SDK, the translation must equal
 * the fixture and parse with the client's SDK without loss, and translating back must give the provider's body again
 * (or its documented normal form).
 */
class ResponseConformanceTest {
    static List<Arguments> anthropicToOpenAi() {
        return Fixtures.cases("responses-anthropic-to-openai.json");
    }

    static List<Arguments> openAiToAnthropic() {
        return Fixtures.cases("responses-openai-to-anthropic.json");
    }

    @ParameterizedTest
    @MethodSource("anthropicToOpenAi")
    void anthropicProviderToOpenAiClient(JsonNode testCase) {
        JsonNode source = testCase.get("anthropic");
        TranslationOptions options = Fixtures.options(testCase);
        SdkSchema.anthropic(source, Message.class);

        Translated translated = ChatToMessages.response(source, options);

        assertThat(Fixtures.normal(translated.json())).isEqualTo(testCase.get("openai"));
        assertThat(translated.droppedFields()).isEqualTo(Fixtures.strings(testCase.get("dropped")));
        SdkSchema.openAi(translated.json(), ChatCompletion.class);
        assertThat(Fixtures.normal(
                        MessagesToChat.response(translated.json(), options).json()))
                .as("round trip")
                .isEqualTo(back(testCase, source));
    }

    @ParameterizedTest
    @MethodSource("openAiToAnthropic")
    void openAiProviderToAnthropicClient(JsonNode testCase) {
        JsonNode source = testCase.get("openai");
        TranslationOptions options = Fixtures.options(testCase);
        if (!testCase.has("sourceOffSchema")) {
            SdkSchema.openAi(source, ChatCompletion.class);
        }

        Translated translated = MessagesToChat.response(source, options);

        assertThat(Fixtures.normal(translated.json())).isEqualTo(testCase.get("anthropic"));
        assertThat(translated.droppedFields()).isEqualTo(Fixtures.strings(testCase.get("dropped")));
        SdkSchema.anthropic(translated.json(), Message.class);
        assertThat(Fixtures.normal(
                        ChatToMessages.response(translated.json(), options).json()))
                .as("round trip")
                .isEqualTo(back(testCase, source));
    }

    @Test
    void aProviderBodyOfTheWrongShapeIsTheProvidersFault() {
        JsonNode noChoices = Fixtures.normal(Fixtures.JSON.createObjectNode().put("id", "x"));
        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> MessagesToChat.response(noChoices, TranslationOptions.defaults()));
        assertThat(error.error().status()).isEqualTo(502);
        assertThat(error.error().code()).isEqualTo("upstream_invalid_response");

        error = catchThrowableOfType(
                GatewayException.class,
                () -> ChatToMessages.response(Fixtures.JSON.createArrayNode(), TranslationOptions.defaults()));
        assertThat(error.error().status()).isEqualTo(502);
    }

    private static JsonNode back(JsonNode testCase, JsonNode source) {
        JsonNode back = testCase.get("back");
        return back.isTextual() && back.asText().equals("same") ? source : back;
    }
}
