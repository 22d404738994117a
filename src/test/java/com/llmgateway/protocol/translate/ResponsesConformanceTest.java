package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenAI Responses API clients on chat providers (and, chained, on Anthropic providers): requests and responses, each
 * checked against the OpenAI SDK's Responses and Chat types.
 */
class ResponsesConformanceTest {
    static List<Arguments> requests() {
        return Fixtures.cases("requests-responses-to-chat.json");
    }

    static List<Arguments> responses() {
        return Fixtures.cases("responses-chat-to-responses.json");
    }

    @ParameterizedTest
    @MethodSource("requests")
    void responsesRequestToChat(JsonNode testCase) {
        JsonNode source = testCase.get("responses");
        TranslationOptions options = Fixtures.options(testCase);
        if (!testCase.has("sourceOffSchema")) {
            SdkSchema.openAi(source, ResponseCreateParams.Body.class);
        }
        if (testCase.has("rejected")) {
            GatewayException rejected =
                    catchThrowableOfType(GatewayException.class, () -> ResponsesToChat.request(source, options));
            assertThat(rejected).as("rejected").isNotNull();
            assertThat(rejected.error().status()).isEqualTo(400);
            assertThat(rejected.error().param())
                    .isEqualTo(testCase.get("rejected").asText());
            return;
        }
        Translated chat = ResponsesToChat.request(source, options);

        assertThat(Fixtures.normal(chat.json())).isEqualTo(testCase.get("openai"));
        assertThat(chat.droppedFields()).isEqualTo(Fixtures.strings(testCase.get("dropped")));
        SdkSchema.openAi(chat.json(), ChatCompletionCreateParams.Body.class);
        Translated anthropic = ResponsesToChat.requestForAnthropic(source, options);
        SdkSchema.anthropic(anthropic.json(), MessageCreateParams.Body.class);
        assertThat(anthropic.droppedFields()).containsAll(chat.droppedFields());
    }

    @ParameterizedTest
    @MethodSource("responses")
    void chatCompletionToResponse(JsonNode testCase) {
        JsonNode request = testCase.get("request");
        ObjectNode chat = testCase.get("chat").deepCopy();
        if (testCase.has("sourceReasoning")) {
            ((ObjectNode) chat.path("choices").get(0).get("message"))
                    .put("reasoning_content", testCase.get("sourceReasoning").asText());
        }
        TranslationOptions options = Fixtures.options(testCase);
        SdkSchema.openAi(request, ResponseCreateParams.Body.class);
        SdkSchema.openAi(chat, ChatCompletion.class);

        Translated response = ResponsesToChat.response(chat, request, options);

        assertThat(Fixtures.normal(response.json())).isEqualTo(testCase.get("expected"));
        SdkSchema.openAi(response.json(), Response.class);
    }
}
