package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upstream pool is bounded: past its connections and wait queue, the client gets a 503 in its protocol. */
class UpstreamPoolTest {
    @Test
    void aFullPoolAndWaitQueueAnswers503InTheClientsProtocol() throws Exception {
        try (FakeUpstream busy = FakeUpstream.start(FakeUpstream.endlessSse("data: {}\n\n", Duration.ofMillis(50)));
                TestGateway gw =
                        TestGateway.start(Map.of("UPSTREAM_MAX_CONNECTIONS", "1", "UPSTREAM_MAX_WAIT_QUEUE", "0"))) {
            gw.routing(Routing.builder()
                    .provider(1, busy.baseUrl(), Protocol.OPENAI)
                    .map("gpt-test", 1, "t", 0)
                    .build());
            HttpRequest stream = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + Routing.KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[]}"))
                    .build();
            HttpResponse<InputStream> holding =
                    TestGateway.httpClient().send(stream, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = holding.body()) {
                assertThat(body.read()).isNotNegative(); // the only connection is now taken by a live stream

                HttpResponse<String> refused = Http.post(
                        gw.baseUrl() + "/v1/chat/completions",
                        "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        Http.bearer(Routing.KEY));

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("\"code\":\"upstream_pool_full\"");
                assertThat(busy.count()).isEqualTo(1);
                assertThat(gw.record(refused).attempts()).singleElement().satisfies(a -> {
                    assertThat(a.status()).isEqualTo(503);
                    assertThat(a.transportFailure()).isTrue();
                });
            }
            // Once the stream is gone, the connection serves again.
            busy.setFallback(FakeUpstream.json(200, Payloads.chatCompletion("t", "ok")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Http.post(
                                            gw.baseUrl() + "/v1/chat/completions",
                                            "{\"model\":\"gpt-test\",\"messages\":[]}",
                                            Http.bearer(Routing.KEY))
                                    .statusCode()
                            == 200);
        }
    }
}
