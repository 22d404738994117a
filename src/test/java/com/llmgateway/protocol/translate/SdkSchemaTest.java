package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletion;
import org.junit.jupiter.api.Test;

/** The schema check itself must catch what it is there to catch. */
class SdkSchemaTest {
    private static final String COMPLETION = """
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
             "message":{"role":"assistant","content":"x","refusal":null%s},"logprobs":null,"finish_reason":"stop"}]}""";
    private static final String MESSAGE = """
            {"id":"m","type":"message","role":"assistant","model":"m","content":[%s],"stop_reason":"end_turn",
             "stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}""";

    @Test
    void acceptsAValidBodyAndTheDocumentedExtensions() {
        assertThatCode(() -> SdkSchema.openAi(
                        json(COMPLETION.formatted(",\"reasoning_content\":\"r\"")), ChatCompletion.class))
                .doesNotThrowAnyException();
        assertThatCode(() -> SdkSchema.anthropic(
                        json(MESSAGE.formatted("{\"type\":\"text\",\"text\":\"x\"}")), Message.class))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAFieldTheSdkDoesNotKnow() {
        assertThatThrownBy(() -> SdkSchema.openAi(json(COMPLETION.formatted(",\"surprise\":1")), ChatCompletion.class))
                .hasMessageContaining("choices[].message.surprise");
    }

    @Test
    void rejectsAnUnknownVariantOrEnumValue() {
        assertThatThrownBy(() -> SdkSchema.anthropic(
                        json(MESSAGE.formatted("{\"type\":\"poem\",\"text\":\"x\"}")), Message.class))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> SdkSchema.openAi(
                        json(COMPLETION.formatted("").replace("\"stop\"", "\"bored\"")), ChatCompletion.class))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThatThrownBy(() -> SdkSchema.openAi(
                        json(COMPLETION.formatted("").replace("\"index\":0,", "")), ChatCompletion.class))
                .isInstanceOf(AssertionError.class);
    }

    private static JsonNode json(String text) {
        return Json.parse(text).orElseThrow();
    }
}
