package com.llmgateway.testing;

import com.llmgateway.config.DatabaseType;
import com.llmgateway.config.Settings;
import com.llmgateway.config.SettingsLoader;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.server.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * A real gateway on a free port for integration tests: on a temporary SQLite file, or with {@code
 * LGW_TEST_DATABASE=postgresql} on a fresh schema of the test PostgreSQL database ({@link TestPostgres}), dropped on
 * {@link #close}. A test that names its own {@code DATABASE_URL} gets that database.
 */
public final class TestGateway implements AutoCloseable {
    /** The master key of gateways on PostgreSQL, shared so that several instances read each other's provider keys. */
    public static final String POSTGRES_SECRET_KEY = "test-secret-shared-by-all-instances";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final Path dataDir;
    private final Gateway gateway;
    private final List<ExchangeRecord> records;
    private final Optional<TestPostgres.Schema> ownSchema;

    private TestGateway(
            Path dataDir, Gateway gateway, List<ExchangeRecord> records, Optional<TestPostgres.Schema> ownSchema) {
        this.dataDir = dataDir;
        this.gateway = gateway;
        this.records = records;
        this.ownSchema = ownSchema;
    }

    public static TestGateway start() {
        return start(Map.of());
    }

    /** Starts with test defaults overridden by {@code env} (the same variable names as production). */
    public static TestGateway start(Map<String, String> env) {
        Path dir;
        try {
            dir = Files.createTempDirectory("lgw-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<TestPostgres.Schema> schema = env.containsKey("DATABASE_URL") || !TestPostgres.selectedForGateways()
                ? Optional.empty()
                : Optional.of(TestPostgres.freshSchema());
        Map<String, String> merged = new HashMap<>();
        merged.put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("gateway.db"));
        schema.ifPresent(postgres -> merged.putAll(postgresEnv(postgres)));
        merged.put("HOST", "127.0.0.1");
        merged.put("PORT", "0");
        merged.put("RETRY_DELAY_MS", "50");
        merged.put("HTTP_TIMEOUT", "10");
        merged.putAll(env);
        try {
            Settings settings = SettingsLoader.load(merged, dir.resolve("no.env"));
            List<ExchangeRecord> records = new CopyOnWriteArrayList<>();
            return new TestGateway(dir, Gateway.start(settings, records::add), records, schema);
        } catch (RuntimeException e) {
            schema.ifPresent(TestPostgres.Schema::drop);
            throw e;
        }
    }

    /**
     * The settings that put a gateway on {@code schema}, with the master key all test instances share. Several gateways
     * started with them share one database, as instances behind a load balancer do.
     */
    public static Map<String, String> postgresEnv(TestPostgres.Schema schema) {
        return Map.of(
                "DATABASE_TYPE",
                "postgresql",
                "DATABASE_URL",
                schema.jdbcUrlWithCredentials(),
                "GATEWAY_SECRET_KEY",
                POSTGRES_SECRET_KEY);
    }

    /** Whether this gateway runs on PostgreSQL. */
    public boolean onPostgres() {
        return gateway.database().type() == DatabaseType.POSTGRESQL;
    }

    /** Every exchange record the gateway emitted, in order. */
    public List<ExchangeRecord> records() {
        return List.copyOf(records);
    }

    /** The record of the exchange that answered {@code response} (matched by trace id), waiting for it if needed. */
    public ExchangeRecord record(HttpResponse<?> response) {
        String traceId = response.headers()
                .firstValue("x-gateway-trace-id")
                .orElseThrow(() -> new AssertionError("no x-gateway-trace-id header"));
        return record(traceId);
    }

    public ExchangeRecord record(String traceId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> records.stream()
                                .filter(r -> r.traceId().equals(traceId))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /**
     * Swaps in {@code snapshot} and forgets what health learnt about its providers, so that every test's routing
     * starts from healthy providers whatever an earlier test on the same gateway did to them.
     */
    public void routing(RoutingSnapshot snapshot) {
        gateway.snapshots().set(snapshot);
        snapshot.providers().keySet().forEach(gateway.health()::resetProvider);
    }

    public Gateway gateway() {
        return gateway;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    public static HttpClient httpClient() {
        return HTTP;
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        return requestBytes("GET", path, null, headers);
    }

    /** A JSON request; {@code json} may be null for no body. */
    public HttpResponse<String> post(String path, String json) {
        return request("POST", path, json, Map.of());
    }

    public HttpResponse<String> put(String path, String json) {
        return request("PUT", path, json, Map.of());
    }

    public HttpResponse<String> delete(String path) {
        return requestBytes("DELETE", path, null, Map.of());
    }

    public HttpResponse<String> request(String method, String path, String json, Map<String, String> headers) {
        return requestBytes(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Any bytes as the body, for tests that send what a JSON library would refuse to write. */
    public HttpResponse<String> requestBytes(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            builder.header("content-type", "application/json");
        }
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
        try {
            return HTTP.send(request, bodyHandler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            ownSchema.ifPresent(TestPostgres.Schema::drop);
        }
    }
}
