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
