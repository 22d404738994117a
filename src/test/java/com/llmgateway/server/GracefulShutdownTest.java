package com.llmgateway.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.TestGateway;
import com.llmgateway.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's shutdown test: SIGTERM to the real {@link Main} in a child JVM while clients keep sending requests. Every
 * request the gateway accepted is answered completely, the others are refused cleanly, and the request log holds
 * exactly one row per answered request. On SQLite, and on PostgreSQL in the PostgreSQL run ({@link TestPostgres}).
 */
class GracefulShutdownTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration UPSTREAM_LATENCY = Duration.ofMillis(200);
    static final int CLIENTS = 8;
    static final String ANSWER = Payloads.chatCompletion("gpt-target", "ok");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    /** What one request got: a complete answer (with its trace id and when it arrived) or none. */
    record Outcome(int status, String body, String traceId, long atNanos) {}

    @Test
    void sigtermUnderLoadAnswersEveryAcceptedRequestAndLogsEachOnce() throws Exception {
        TestDatabase database = TestDatabase.create(workDir);
        try (database;
                FakeUpstream upstream = FakeUpstream.start((request, vertx) -> vertx.setTimer(
                        UPSTREAM_LATENCY.toMillis(),
                        id -> request.response()
                                .putHeader("content-type", "application/json")
                                .end(ANSWER)))) {
            Process process = start(database);
            List<String> stdout = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform()
                    .daemon()
                    .start(() -> MainProcessTest.collectLines(process.getInputStream(), stdout));
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                await().atMost(TIMEOUT)
                        .until(() -> MainProcessTest.listeningPort(stdout) != null || !process.isAlive());
                String base = "http://127.0.0.1:" + MainProcessTest.listeningPort(stdout);
                String key = configure(base, upstream.baseUrl());

                List<Outcome> answered = new CopyOnWriteArrayList<>();
                List<Throwable> refused = new CopyOnWriteArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.submit(() -> sendUntilRefused(base, key, answered, refused));
                }
                await().atMost(TIMEOUT).until(() -> answered.size() >= 3 * CLIENTS);
                long sigterm = System.nanoTime();
                process.destroy();

                assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("stopped")
                        .isTrue();
                clients.shutdown();
                assertThat(clients.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                reader.join(TIMEOUT.toMillis());

                assertThat(answered).allSatisfy(outcome -> {
                    assertThat(outcome.status()).isEqualTo(200);
                    assertThat(outcome.body()).isEqualTo(ANSWER);
                });
                assertThat(answered.stream().filter(outcome -> outcome.atNanos() > sigterm))
                        .as("requests in flight at SIGTERM were finished, not cut")
                        .isNotEmpty();
                assertThat(refused).as("every client was eventually refused").hasSizeGreaterThanOrEqualTo(CLIENTS);
                Set<String> answeredTraces = new HashSet<>();
                answered.forEach(outcome -> answeredTraces.add(outcome.traceId()));
                List<String> logged = loggedTraceIds(database);
                assertThat(logged).doesNotHaveDuplicates().hasSize(answered.size());
                assertThat(new HashSet<>(logged)).isEqualTo(answeredTraces);
                assertThat(Files.readString(workDir.resolve("stderr.txt"), UTF_8))
                        .doesNotContain("Exception");
                assertThat(String.join("\n", stdout)).doesNotContain("[ERROR]");
            } finally {
                clients.shutdownNow();
                process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Where the child gateway keeps its data: a SQLite file, or with {@code LGW_TEST_DATABASE=postgresql} a fresh
     * schema of the test PostgreSQL database (dropped at the end).
     */
    private record TestDatabase(Map<String, String> env, String jdbcUrl, Optional<TestPostgres.Schema> schema)
            implements AutoCloseable {
        static TestDatabase create(Path dir) {
            if (!TestPostgres.selectedForGateways()) {
                String url = "jdbc:sqlite:" + dir.resolve("g.db");
                return new TestDatabase(Map.of("DATABASE_URL", url), url, Optional.empty());
            }
            TestPostgres.Schema schema = TestPostgres.freshSchema();
            return new TestDatabase(TestGateway.postgresEnv(schema), schema.jdbcUrl(), Optional.of(schema));
        }

        Connection connect() throws SQLException {
            return schema.isPresent() ? TestPostgres.connect(jdbcUrl) : DriverManager.getConnection(jdbcUrl);
        }

        @Override
        public void close() {
            schema.ifPresent(TestPostgres.Schema::drop);
        }
    }

    private Process start(TestDatabase database) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName())
                .directory(workDir.toFile())
                .redirectError(workDir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeAll(MainProcessTest.GATEWAY_VARIABLES);
        builder.environment()
                .putAll(Map.of(
                        "PORT",
                        "0",
                        "HOST",
                        "127.0.0.1",
                        "SHUTDOWN_GRACE_SECONDS",
                        "20",
                        "LOG_QUEUE_CAPACITY",
                        "10000"));
        builder.environment().putAll(database.env());
        return builder.start();
    }

    /** A provider on the fake upstream, a model mapped to it and a key, through the admin API (loopback). */
    private static String configure(String base, String upstream) throws Exception {
        long provider = post(
                        base,
                        "/api/admin/providers",
                        "{\"name\":\"fake\",\"base_url\":\"" + upstream
                                + "\",\"protocol\":\"openai\",\"api_type\":\"chat\",\"api_key\":\"sk-provider-123456789\"}")
                .path("id")
                .asLong();
        post(base, "/api/admin/models", "{\"requested_model\":\"gpt-test\"}");
        post(
                base,
                "/api/admin/model-providers",
                "{\"requested_model\":\"gpt-test\",\"provider_id\":" + provider
                        + ",\"target_model_name\":\"gpt-target\"}");
        return post(base, "/api/admin/api-keys", "{\"key_name\":\"load\"}")
                .path("key_value")
                .asText();
    }

    private static JsonNode post(String base, String path, String json) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body());
        }
    }

    /** One client: requests back to back until the gateway refuses one (connection refused or closed unanswered). */
    private static void sendUntilRefused(String base, String key, List<Outcome> answered, List<Throwable> refused) {
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + key)
                    .header("content-type", "application/json")
                    .timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            while (true) {
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    refused.add(e);
                    return;
                }
                answered.add(new Outcome(
                        response.statusCode(),
                        response.body(),
                        response.headers().firstValue("x-gateway-trace-id").orElse(null),
                        System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> loggedTraceIds(TestDatabase database) throws Exception {
        List<String> traceIds = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT trace_id FROM request_logs ORDER BY id")) {
            while (rows.next()) {
                traceIds.add(rows.getString(1));
            }
        }
        return traceIds;
    }
}
