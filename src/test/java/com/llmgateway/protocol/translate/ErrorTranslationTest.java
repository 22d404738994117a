package com.llmgateway.protocol.translate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.ErrorObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorTranslationTest {
    @ParameterizedTest(name = "Anthropic {0} {1} -> OpenAI {2} {3}/{4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "400, invalid_request_error, 400, invalid_request_error, null",
                "401, authentication_error, 401, invalid_request_error, invalid_api_key",
                "402, billing_error, 429, insufficient_quota, insufficient_quota",
                "403, permission_error, 403, invalid_request_error, permission_denied",
                "404, not_found_error, 404, invalid_request_error, not_found",
                "413, request_too_large, 413, invalid_request_error, request_too_large",
                "429, rate_limit_error, 429, rate_limit_error, rate_limit_exceeded",
                "500, api_error, 500, server_error, null",
                "504, timeout_error, 504, server_error, timeout",
                "529, overloaded_error, 503, service_unavailable_error, server_is_overloaded",
                "418, teapot_error, 418, invalid_request_error, null",
            })
    void anthropicErrorsForOpenAiClients(int status, String type, int openAiStatus, String openAiType, String code) {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Boom\"},"
                + "\"request_id\":\"req_1\"}";

        TranslatedError error = ErrorTranslation.toOpenAi(status, body.getBytes(UTF_8));

        assertThat(error.status()).isEqualTo(openAiStatus);
        JsonNode json = Json.parse(error.body()).orElseThrow();
        assertThat(json.path("error").path("message").asText()).isEqualTo("Boom");
        assertThat(json.path("error").path("type").asText()).isEqualTo(openAiType);
        assertThat(json.path("error").path("code").textValue()).isEqualTo(code);
        SdkSchema.openAi(json.get("error"), ErrorObject.class);
    }

    @ParameterizedTest(name = "OpenAI {0} {1}/{2} -> Anthropic {3} {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "400, invalid_request_error, null, 400, invalid_request_error",
                "401, invalid_request_error, invalid_api_key, 401, authentication_error",
                "403, invalid_request_error, unsupported_country_region_territory, 403, permission_error",
                "404, invalid_request_error, model_not_found, 404, not_found_error",
                "413, invalid_request_error, null, 413, request_too_large",
                "429, rate_limit_error, rate_limit_exceeded, 429, rate_limit_error",
                "429, insufficient_quota, insufficient_quota, 402, billing_error",
                "500, server_error, null, 500, api_error",
                "502, server_error, null, 502, api_error",
                "503, service_unavailable_error, null, 529, overloaded_error",
                "504, server_error, null, 504, timeout_error",
                "422, invalid_request_error, null, 422, invalid_request_error",
            })
    void openAiErrorsForAnthropicClients(
            int status, String type, String code, int anthropicStatus, String anthropicType) {
        String body = "{\"error\":{\"message\":\"Boom\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";

        TranslatedError error = ErrorTranslation.toAnthropic(status, body.getBytes(UTF_8));

        assertThat(error.status()).isEqualTo(anthropicStatus);
        JsonNode json = Json.parse(error.body()).orElseThrow();
        assertThat(json.path("type").asText()).isEqualTo("error");
        assertThat(json.path("error").path("type").asText()).isEqualTo(anthropicType);
        assertThat(json.path("error").path("message").asText()).isEqualTo("Boom");
        if (!anthropicType.equals(
                "request_too_large")) { // Anthropic documents it; anthropic-java 3.x has no type for it
            SdkSchema.anthropic(json, ErrorResponse.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"502, <html>Bad gateway</html>", "500, ''"})
    void aBodyThatIsNotAnErrorObjectStillGivesAMessage(int status, String body) {
        TranslatedError openAi = ErrorTranslation.toOpenAi(status, body.getBytes(UTF_8));
        TranslatedError anthropic = ErrorTranslation.toAnthropic(status, body.getBytes(UTF_8));

        assertThat(Json.parse(openAi.body())
                        .orElseThrow()
                        .path("error")
                        .path("message")
                        .asText())
                .startsWith("The provider answered HTTP " + status)
                .contains(body);
        assertThat(Json.parse(anthropic.body())
                        .orElseThrow()
                        .path("error")
                        .path("message")
                        .asText())
                .startsWith("The provider answered HTTP " + status);
        assertThat(openAi.status()).isEqualTo(status);
        assertThat(anthropic.status()).isEqualTo(status);
    }
}
