package com.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.LogTable;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.TestGateway;
import com.llmgateway.testing.TestPostgres;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances on one PostgreSQL database, as behind a load balancer (issue 6): a change made through either
 * is live on the other within a second, and both write one request log. Skipped without {@code LGW_TEST_POSTGRES_URL}.
 */
class SeveralInstancesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PROPAGATION = Duration.ofSeconds(1);

    FakeUpstream upstream;
    TestPostgres.Schema schema;
    TestGateway a;
    TestGateway b;

    @BeforeEach
    void start() {
        TestPostgres.require();
        upstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-target", "hi")));
        schema = TestPostgres.freshSchema();
        a = TestGateway.start(TestGateway.postgresEnv(schema));
        b = TestGateway.start(TestGateway.postgresEnv(schema));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {a, b, upstream}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void whatIsConfiguredThroughOneInstanceIsLiveOnTheOtherWithinASecond() throws Exception {
        String key = configure(a);

        // Created through A (key last), served by B within a second of the last write's answer.
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .atMost(PROPAGATION)
                .until(() -> chat(b, key).statusCode() == 200);
        String viaA = traceOf(expectStatus(chat(a, key), 200));
        String viaB = traceOf(expectStatus(chat(b, key), 200));

        // Disabled through B, refused by A within a second.
        long keyId = JSON.readTree(a.get("/api/admin/api-keys").body())
                .path("items")
                .get(0)
                .path("id")
                .asLong();
        expectStatus(b.put("/api/admin/api-keys/" + keyId, "{\"is_active\":false}"), 200);
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .atMost(PROPAGATION)
                .until(() -> chat(a, key).statusCode() == 401);

        // One table holds the rows of both instances.
        LogTable.awaitRow(a, viaA);
        LogTable.awaitRow(b, viaB);
        assertThat(LogTable.byTrace(b.gateway().database(), viaA)).isPresent();
        assertThat(LogTable.byTrace(a.gateway().database(), viaB)).isPresent();
    }

    /** Traffic on both instances; A stops in the middle of it (a rolling restart); no answered request lacks its row. */
    @Test
    void stoppingOneInstanceUnderTrafficLosesNoRow() throws Exception {
        String key = configure(a);
        await().atMost(PROPAGATION).until(() -> chat(b, key).statusCode() == 200);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (TestGateway target : List.of(a, a, b, b)) {
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        send(target, key, answered);
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() >= 40);
            a.close();
            a = null;
            int atStop = answered.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() >= atStop + 40);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(LogTable.count(b.gateway().database())).isGreaterThanOrEqualTo(answered.size()));
        List<String> stored = LogTable.all(b.gateway().database()).stream()
                .map(row -> row.text("trace_id"))
                .toList();
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(stored).containsAll(answered);
        assertThat(b.gateway().logWriter().dropped()).isZero();
    }

    /** A provider, a model, a mapping to the provider and a key, through {@code gw}'s admin API; the key's value. */
    private String configure(TestGateway gw) throws Exception {
        long provider = created(gw.post("/api/admin/providers", """
                {"name":"up","base_url":"%s","protocol":"openai","api_type":"chat","api_key":"sk-up"}""".formatted(upstream.baseUrl())))
                .path("id")
                .asLong();
        created(gw.post("/api/admin/models", "{\"requested_model\":\"gpt-test\"}"));
        created(gw.post("/api/admin/model-providers", """
                {"requested_model":"gpt-test","provider_id":%d,"target_model_name":"gpt-target"}""".formatted(provider)));
        return created(gw.post("/api/admin/api-keys", "{\"key_name\":\"app\"}"))
                .path("key_value")
                .asText();
    }

    private static HttpResponse<String> chat(TestGateway gw, String key) {
        return gw.request(
                "POST",
                "/v1/chat/completions",
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("authorization", "Bearer " + key));
    }

    /** One request; its trace id is remembered when it was answered 200. A refused connection (A stopped) is not. */
    private static void send(TestGateway gw, String key, Set<String> answered) {
        try {
            HttpResponse<String> response = chat(gw, key);
            if (response.statusCode() == 200) {
                answered.add(traceOf(response));
            }
        } catch (UncheckedIOException e) {
            // A has stopped listening.
        }
    }

    private static String traceOf(HttpResponse<String> response) {
        return response.headers().firstValue("x-gateway-trace-id").orElseThrow();
    }

    private static HttpResponse<String> expectStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        return JSON.readTree(expectStatus(response, 201).body());
    }
}
