package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.HostileBodies;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 1,000 mutated bodies per proxy endpoint plus the hand-written catalogue: each answer is a JSON error in the
 * endpoint's protocol with a 4xx status (or, for the rare mutation that is still a valid request, the provider's
 * answer), never a 5xx, and the gateway keeps serving.
 */
class HostileInputTest {
    static final int MUTATIONS = 1000;
    static final ObjectMapper JSON = new ObjectMapper();

    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("t", "ok")));
        anthropic = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("t", "ok")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("gpt-test", 1, "t", 0)
                .map("claude-test", 2, "t", 0)
                .provider(3, openAi.baseUrl(), Protocol.OPENAI)
                .withoutResponsesApi(3)
                .map("chat-only", 3, "t", 0)
                .build());
    }

    @AfterAll
    static void stop() {
        gw.close();
        openAi.close();
        anthropic.close();
    }

    private static String seed(Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS ->
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"temperature\":0.5,\"stream\":false}";
            case COMPLETIONS -> "{\"model\":\"gpt-test\",\"prompt\":\"Say hi\",\"max_tokens\":5}";
            case EMBEDDINGS -> "{\"model\":\"gpt-test\",\"input\":[\"one\",\"two\"]}";
            case RESPONSES -> "{\"model\":\"gpt-test\",\"input\":\"hi\",\"instructions\":\"be brief\"}";
            case MESSAGES ->
                "{\"model\":\"claude-test\",\"max_tokens\":10,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}";
            case COUNT_TOKENS -> "{\"model\":\"claude-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        };
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void everyHostileBodyGetsAProtocolShapedClientError(Endpoint endpoint) throws Exception {
        byte[] seed = seed(endpoint).getBytes(StandardCharsets.UTF_8);
        List<byte[]> bodies = new ArrayList<>(HostileBodies.generate(seed, MUTATIONS, endpoint.ordinal()));
        HostileBodies.catalogue(seed).forEach(named -> bodies.add(named.body()));
        Map<String, String> auth =
                endpoint.protocol() == Protocol.ANTHROPIC ? Map.of("x-api-key", Routing.KEY) : Http.bearer(Routing.KEY);
        int clientErrors = 0;
        for (byte[] body : bodies) {
            HttpResponse<String> response = Http.post(gw.baseUrl() + endpoint.path(), body, auth);
            int status = response.statusCode();
            assertThat(status).as("status for %s", preview(body)).isLessThan(500);
            if (status >= 400) {
                clientErrors++;
                assertProtocolShaped(endpoint.protocol(), response);
            }
        }
        assertThat(clientErrors).isGreaterThan(bodies.size() * 9 / 10);
        // Still serving: a valid request goes through.
        assertThat(Http.post(gw.baseUrl() + endpoint.path(), seed, auth).statusCode())
                .isEqualTo(200);
    }

    /** The routes on which the gateway translates, or answers itself: each with a seed for its client's endpoint. */
    enum Translated {
        CHAT_TO_ANTHROPIC(Endpoint.CHAT_COMPLETIONS, "claude-test"),
        MESSAGES_TO_OPENAI(Endpoint.MESSAGES, "gpt-test"),
        RESPONSES_TO_CHAT(Endpoint.RESPONSES, "chat-only"),
        RESPONSES_TO_ANTHROPIC(Endpoint.RESPONSES, "claude-test"),
        COUNT_TOKENS_LOCALLY(Endpoint.COUNT_TOKENS, "gpt-test");

        final Endpoint endpoint;
        final String model;

        Translated(Endpoint endpoint, String model) {
            this.endpoint = endpoint;
            this.model = model;
        }
    }

    /**
     * The same hostile bodies where the gateway reads the whole request to translate it (or count it): never a 5xx,
     * every refusal in the client's protocol. Some mutations are valid requests the provider answers, so no share of
     * refusals is required.
     */
    @ParameterizedTest
    @EnumSource(Translated.class)
    void everyHostileBodyOnATranslatedRouteGetsAProtocolShapedAnswer(Translated route) throws Exception {
        Endpoint endpoint = route.endpoint;
        String defaultModel = endpoint.protocol() == Protocol.ANTHROPIC ? "claude-test" : "gpt-test";
        byte[] seed = seed(endpoint).replace(defaultModel, route.model).getBytes(StandardCharsets.UTF_8);
        List<byte[]> bodies = new ArrayList<>(HostileBodies.generate(seed, MUTATIONS, 100 + route.ordinal()));
        HostileBodies.catalogue(seed).forEach(named -> bodies.add(named.body()));
        Map<String, String> auth =
                endpoint.protocol() == Protocol.ANTHROPIC ? Map.of("x-api-key", Routing.KEY) : Http.bearer(Routing.KEY);
        for (byte[] body : bodies) {
            HttpResponse<String> response = Http.post(gw.baseUrl() + endpoint.path(), body, auth);
            assertThat(response.statusCode()).as("status for %s", preview(body)).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertProtocolShaped(endpoint.protocol(), response);
            }
        }
        assertThat(Http.post(gw.baseUrl() + endpoint.path(), seed, auth).statusCode())
                .isEqualTo(200);
    }

    private static void assertProtocolShaped(Protocol protocol, HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        if (protocol == Protocol.ANTHROPIC) {
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").isTextual()).isTrue();
            assertThat(body.path("error").path("message").isTextual()).isTrue();
        } else {
            assertThat(body.path("error").path("message").isTextual()).isTrue();
            assertThat(body.path("error").path("type").isTextual()).isTrue();
            assertThat(body.path("error").has("code")).isTrue();
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return text + (body.length > 120 ? "... (" + body.length + " bytes)" : "");
    }
}
