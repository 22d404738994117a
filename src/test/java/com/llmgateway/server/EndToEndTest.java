package com.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The README's "use it" path: providers, models, mappings and a key created through the admin API, then both official
 * SDKs through the gateway. Nothing is seeded behind the admin API's back.
 */
class EndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void configuredThroughTheAdminApiThenCalledWithBothSdks() throws Exception {
        try (FakeUpstream openAi =
                        FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-4o-2024", "hi!")));
                FakeUpstream anthropic =
                        FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-x", "hello!")));
                TestGateway gw = TestGateway.start()) {
            long openAiId = created(gw.post("/api/admin/providers", """
                    {"name":"openai","base_url":"%s","protocol":"openai","api_type":"chat","api_key":"sk-openai-secret-1"}""".formatted(openAi.baseUrl())))
                    .path("id")
                    .asLong();
            long anthropicId = created(gw.post("/api/admin/providers", """
                    {"name":"anthropic","base_url":"%s","protocol":"anthropic","api_type":"chat","api_key":"sk-ant-secret-2"}""".formatted(anthropic.baseUrl())))
                    .path("id")
                    .asLong();
            created(gw.post("/api/admin/models", "{\"requested_model\":\"gpt-4o\"}"));
            created(gw.post("/api/admin/models", "{\"requested_model\":\"claude\"}"));
            created(gw.post("/api/admin/model-providers", """
                    {"requested_model":"gpt-4o","provider_id":%d,"target_model_name":"gpt-4o-2024"}""".formatted(openAiId)));
            created(gw.post("/api/admin/model-providers", """
                    {"requested_model":"claude","provider_id":%d,"target_model_name":"claude-x"}""".formatted(anthropicId)));
            JsonNode key = created(gw.post("/api/admin/api-keys", "{\"key_name\":\"my-app\"}"));
            String keyValue = key.path("key_value").asText();
            assertThat(keyValue).startsWith("lgw-").hasSize(36);

            OpenAIClient openAiClient = OpenAIOkHttpClient.builder()
                    .baseUrl(gw.baseUrl() + "/v1")
                    .apiKey(keyValue)
                    .maxRetries(0)
                    .build();
            AnthropicClient anthropicClient = AnthropicOkHttpClient.builder()
                    .baseUrl(gw.baseUrl())
                    .apiKey(keyValue)
                    .maxRetries(0)
                    .build();
            try {
                ChatCompletion completion = openAiClient
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt-4o")
                                .addUserMessage("Hello")
                                .build());
                Message message = anthropicClient
                        .messages()
                        .create(MessageCreateParams.builder()
                                .model("claude")
                                .maxTokens(100)
                                .addUserMessage("Hello")
                                .build());

                assertThat(completion.choices().get(0).message().content()).hasValue("hi!");
                assertThat(message.content().get(0).asText().text()).isEqualTo("hello!");
            } finally {
                openAiClient.close();
                anthropicClient.close();
            }
            // The decrypted provider keys reached the providers; the gateway key did not.
            assertThat(openAi.lastRequest().headers().get("authorization")).isEqualTo("Bearer sk-openai-secret-1");
            assertThat(anthropic.lastRequest().headers().get("x-api-key")).isEqualTo("sk-ant-secret-2");
            assertThat(openAi.lastRequest().bodyText()).contains("\"gpt-4o-2024\"");

            // last_used_at is written off the request path.
            gw.gateway().flushKeyUsage();
            JsonNode listed = JSON.readTree(gw.get("/api/admin/api-keys").body())
                    .path("items")
                    .get(0);
            assertThat(listed.path("last_used_at").isNull()).isFalse();
            assertThat(listed.path("key_value").asText()).isEqualTo("lgw-***...***" + keyValue.substring(34));

            // The key is stored as a hash and a mask only; the provider keys are not stored in plain text.
            try (Connection db = gw.gateway().database().connection();
                    Statement statement = db.createStatement()) {
                ResultSet keys = statement.executeQuery("SELECT key_hash, key_mask FROM api_keys");
                keys.next();
                assertThat(keys.getString("key_hash")).hasSize(64).doesNotContain(keyValue.substring(4));
                ResultSet providers = statement.executeQuery("SELECT api_key FROM service_providers");
                while (providers.next()) {
                    assertThat(providers.getString(1)).startsWith("v1:").doesNotContain("secret");
                }
            }
        }
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
