package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.protocol.GatewayException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests in both directions, one fixture per feature: the source must be a valid request of its protocol, the
 * translation must equal the fixture and parse with the target SDK without loss, the dropped fields must be the ones
 * listed, and translating back must give the source again (or its documented normal form, {@code back}).
 */
class RequestConformanceTest {
    static List<Arguments> openAiToAnthropic() {
        return Fixtures.cases("requests-openai-to-anthropic.json");
    }

    static List<Arguments> anthropicToOpenAi() {
        return Fixtures.cases("requests-anthropic-to-openai.json");
    }

    @ParameterizedTest
    @MethodSource("openAiToAnthropic")
    void openAiClientToAnthropicProvider(JsonNode testCase) {
        JsonNode source = testCase.get("openai");
        TranslationOptions options = Fixtures.options(testCase);
        if (!testCase.path("invalidInput").asBoolean()) {
            SdkSchema.openAi(source, ChatCompletionCreateParams.Body.class);
        }
        if (testCase.has("rejected")) {
            assertRejected(() -> ChatToMessages.request(source, options), testCase);
            return;
        }
        Translated translated = ChatToMessages.request(source, options);

        assertThat(Fixtures.normal(translated.json())).isEqualTo(testCase.get("anthropic"));
        assertThat(translated.droppedFields()).isEqualTo(Fixtures.strings(testCase.get("dropped")));
        SdkSchema.anthropic(translated.json(), MessageCreateParams.Body.class);
        assertThat(Fixtures.normal(
                        MessagesToChat.request(translated.json(), options).json()))
                .as("round trip")
                .isEqualTo(back(testCase, source));
    }

    @ParameterizedTest
    @MethodSource("anthropicToOpenAi")
    void anthropicClientToOpenAiProvider(JsonNode testCase) {
        JsonNode source = testCase.get("anthropic");
        TranslationOptions options = Fixtures.options(testCase);
        if (!testCase.path("invalidInput").asBoolean()) {
            SdkSchema.anthropic(source, MessageCreateParams.Body.class);
        }
        if (testCase.has("rejected")) {
            assertRejected(() -> MessagesToChat.request(source, options), testCase);
            return;
        }
        Translated translated = MessagesToChat.request(source, options);

        assertThat(Fixtures.normal(translated.json())).isEqualTo(testCase.get("openai"));
        assertThat(translated.droppedFields()).isEqualTo(Fixtures.strings(testCase.get("dropped")));
        SdkSchema.openAi(translated.json(), ChatCompletionCreateParams.Body.class);
        assertThat(Fixtures.normal(
                        ChatToMessages.request(translated.json(), options).json()))
                .as("round trip")
                .isEqualTo(back(testCase, source));
    }

    private static JsonNode back(JsonNode testCase, JsonNode source) {
        JsonNode back = testCase.get("back");
        return back.isTextual() && back.asText().equals("same") ? source : back;
    }

    private static void assertRejected(Runnable translation, JsonNode testCase) {
        GatewayException rejected = catchThrowableOfType(GatewayException.class, translation::run);
        assertThat(rejected).as("rejected").isNotNull();
        assertThat(rejected.error().status()).isEqualTo(400);
        assertThat(rejected.error().param()).isEqualTo(testCase.get("rejected").asText());
        assertThat(rejected.error().message()).contains(testCase.get("rejected").asText());
    }
}
