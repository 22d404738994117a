package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.HealthState;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An open, idle provider is probed with a cheap GET on its models endpoint, never a billed call. */
class HealthProbeTest {
    @Test
    void anOpenIdleProviderIsProbedOnItsModelsEndpointAndClosesWithoutClientTraffic() throws Exception {
        FakeUpstream.Responder upstream = (request, vertx) -> {
            if (request.method().name().equals("GET")) {
                FakeUpstream.json(200, "{\"object\":\"list\",\"data\":[]}").respond(request, vertx);
            } else {
                request.connection().close(); // every real (billed) call fails at the transport level
            }
        };
        try (FakeUpstream provider = FakeUpstream.start(upstream);
                TestGateway gw = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "1"))) {
            gw.routing(Routing.builder()
                    .provider(1, provider.baseUrl(), Protocol.OPENAI)
                    .providerHealth(
                            1,
                            HealthThresholds.parse(
                                    new ObjectMapper()
                                            .readTree(
                                                    "{\"min_requests\":2,\"error_ratio\":0.5,\"cooldown_ms\":500,\"max_cooldown_ms\":500}")))
                    .map("m", 1, "t", 0)
                    .build());
            for (int i = 0; i < 3; i++) {
                Http.post(
                        gw.baseUrl() + "/v1/chat/completions",
                        "{\"model\":\"m\",\"messages\":[]}",
                        Http.bearer(Routing.KEY));
            }
            HealthKey key = HealthKey.provider(1);
            assertThat(gw.gateway().health().state(key)).isEqualTo(HealthState.OPEN);
            int billedCalls = (int) provider.requests().stream()
                    .filter(r -> r.method().equals("POST"))
                    .count();

            await().atMost(Duration.ofSeconds(40))
                    .until(() -> gw.gateway().health().state(key) == HealthState.CLOSED);

            assertThat(provider.requests()).anySatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo("/v1/models");
                assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + Routing.PROVIDER_KEY);
            });
            assertThat(provider.requests().stream()
                            .filter(r -> r.method().equals("POST"))
                            .count())
                    .isEqualTo(billedCalls);
        }
    }
}
