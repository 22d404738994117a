package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.error;
import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
import static com.llmgateway.admin.ProvidersApiTest.TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.store.Database;
import com.llmgateway.testing.LogSeed;
import com.llmgateway.testing.TestGateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/admin/logs} (seed-spec section 9.6) through the real gateway, on rows seeded straight into SQLite. */
class LogsApiTest {
    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(1));

    private static TestGateway gw;
    /** The seeded rows by name, the names by id (as text), and what the tables' placeholders stand for. */
    private static final Map<String, Long> ROWS = new HashMap<>();

    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, String> PLACEHOLDERS = new HashMap<>();

    @BeforeAll
    static void seed() {
        gw = TestGateway.start();
        Database db = gw.gateway().database();
        long p1 = LogSeed.provider(db, "p1");
        long p2 = LogSeed.provider(db, "p2");
        long alpha = LogSeed.apiKey(db, "Alpha");
        long beta = LogSeed.apiKey(db, "beta");
        long gamma = LogSeed.apiKey(db, "gamma_1");
        ROWS.put(
                "r1",
                LogSeed.at(minutes(0))
                        .model("gpt-4o", "gpt-4o-2024-08-06")
                        .provider(p1, "p1")
                        .key(alpha, "Alpha")
                        .status(200)
                        .tokens(100, 20)
                        .times(50, 400)
                        .cost("0.0003", "0.0002", "0.0005")
                        .insert(db));
        ROWS.put(
                "r2",
                LogSeed.at(minutes(10))
                        .model("GPT-4o-mini", "gpt-4o-mini")
                        .provider(p2, "p2")
                        .key(beta, "beta")
                        .status(500)
                        .retries(3)
                        .tokens(1000, 0)
                        .times(900, 3000)
                        .unpriced()
                        .error("Request error: connection refused")
                        .insert(db));
        ROWS.put(
                "r3",
                LogSeed.at(minutes(20))
                        .model("claude-sonnet", "claude-sonnet-4")
                        .provider(p2, "p2")
                        .key(alpha, "Alpha")
                        .status(200)
                        .retries(1)
                        .tokens(5000, 300)
                        .times(30, 8000)
                        .with("is_stream", true)
                        .error("")
                        .insert(db));
        ROWS.put(
                "r4",
                LogSeed.at(minutes(30))
                        .model("claude_x%", "claude-x")
                        .provider(p1, "p1")
                        .key(gamma, "gamma_1")
                        .status(429)
                        .retries(2)
                        .tokens(10, 0)
                        .times(5, 10)
                        .error("client_disconnected")
                        .insert(db));
        ROWS.put(
                "r5",
                LogSeed.at(minutes(40))
                        .key(beta, "beta")
                        .status(400)
                        .error("Request body is not valid JSON")
                        .insert(db));
        ROWS.forEach((name, id) -> NAMES.put(String.valueOf(id), name));
        PLACEHOLDERS.putAll(Map.of(
                "{p1}", String.valueOf(p1),
                "{p2}", String.valueOf(p2),
                "{alpha}", String.valueOf(alpha),
                "{beta}", String.valueOf(beta),
                "{t0}", iso(minutes(0), ZoneOffset.UTC),
                "{t10}", iso(minutes(10), ZoneOffset.UTC),
                "{t20}", iso(minutes(20), ZoneOffset.UTC),
                "{t10+8}", iso(minutes(10), ZoneOffset.ofHours(8)),
                // A '+' sent as it is arrives as a space.
                "{t10+8 unencoded}",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                minutes(10).atOffset(ZoneOffset.ofHours(8))),
                "{t20-5}", iso(minutes(20), ZoneOffset.ofHours(-5))));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest(name = "?{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                            | r5 r4 r3 r2 r1
            start_time={t10}                              | r5 r4 r3 r2
            end_time={t20}                                | r3 r2 r1
            start_time={t10}&end_time={t20}               | r3 r2
            start_time={t10+8}                            | r5 r4 r3 r2
            start_time={t10+8 unencoded}                  | r5 r4 r3 r2
            end_time={t20-5}                              | r3 r2 r1
            requested_model=gpt-4O                        | r2 r1
            requested_model=MINI                          | r2
            requested_model=%25                           | r4
            requested_model=_                             | r4
            requested_model=                              | r5 r4 r3 r2 r1
            target_model=2024                             | r1
            target_model=CLAUDE                           | r4 r3
            api_key_name=ALPHA                            | r3 r1
            api_key_name=a_1                              | r4
            provider_id={p2}                              | r3 r2
            api_key_id={beta}                             | r5 r2
            status_min=400                                | r5 r4 r2
            status_max=299                                | r3 r1
            status_min=400&status_max=429                 | r5 r4
            retry_count_min=1&retry_count_max=2           | r4 r3
            retry_count_max=0                             | r5 r1
            input_tokens_min=1000                         | r3 r2
            input_tokens_max=100                          | r4 r1
            total_time_min=3000&total_time_max=8000       | r3 r2
            total_time_max=10                             | r4
            has_error=true                                | r5 r4 r2
            has_error=false                               | r3 r1
            provider_id={p2}&has_error=false              | r3
            requested_model=claude&status_min=400         | r4
            provider_id=999                               | ''
            """)
    void filters(String query, String expected) {
        JsonNode page = ok(gw.get("/api/admin/logs?" + fill(query)), 200);

        assertThat(names(page)).isEqualTo(list(expected));
        assertThat(page.path("total").asLong()).isEqualTo(list(expected).size());
    }

    @ParameterizedTest(name = "?{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sort_order=asc                                    | r1 r2 r3 r4 r5
            sort_by=request_time&sort_order=desc              | r5 r4 r3 r2 r1
            sort_by=no_such_column                            | r5 r4 r3 r2 r1
            sort_by=no_such_column&sort_order=asc             | r1 r2 r3 r4 r5
            sort_by=input_tokens&sort_order=asc               | r4 r1 r2 r3 r5
            sort_by=input_tokens&sort_order=desc              | r3 r2 r1 r4 r5
            sort_by=retry_count&sort_order=desc               | r2 r4 r3 r5 r1
            sort_by=retry_count&sort_order=asc                | r1 r5 r3 r4 r2
            sort_by=requested_model&sort_order=asc            | r2 r3 r4 r1 r5
            sort_by=total_cost&sort_order=desc                | r1 r5 r4 r3 r2
            sort_by=error_info                                | r4 r2 r5 r3 r1
            sort_by=is_stream&sort_order=desc                 | r3 r5 r4 r2 r1
            """)
    void sorts(String query, String expected) {
        assertThat(names(ok(gw.get("/api/admin/logs?" + query), 200))).isEqualTo(list(expected));
    }

    @Test
    void pagesNewestFirstByDefault() {
        JsonNode second = ok(gw.get("/api/admin/logs?page=2&page_size=2"), 200);

        assertThat(names(second)).containsExactly("r3", "r2");
        assertThat(second.path("total").asLong()).isEqualTo(5);
        assertThat(second.path("page").asInt()).isEqualTo(2);
        assertThat(second.path("page_size").asInt()).isEqualTo(2);
        assertThat(names(ok(gw.get("/api/admin/logs?page=3&page_size=2"), 200))).containsExactly("r1");
        assertThat(names(ok(gw.get("/api/admin/logs?page=4&page_size=2"), 200))).isEmpty();
        assertThat(ok(gw.get("/api/admin/logs"), 200).path("page_size").asInt()).isEqualTo(20);
        assertThat(ok(gw.get("/api/admin/logs?page_size=100"), 200)
                        .path("items")
                        .size())
                .isEqualTo(5);
    }

    @ParameterizedTest(name = "?{0} -> 422 on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sort_order=up                         | sort_order
            sort_order=ASC                        | sort_order
            sort_order=                           | sort_order
            page_size=101                         | page_size
            page_size=0                           | page_size
            page=0                                | page
            page=x                                | page
            start_time=yesterday                  | start_time
            start_time=2026-01-16                 | start_time
            start_time=2026-01-16T10:00:00        | start_time
            end_time=2026-13-01T00:00:00Z         | end_time
            end_time=                             | end_time
            status_min=abc                        | status_min
            status_max=-1                         | status_max
            retry_count_min=1.5                   | retry_count_min
            input_tokens_max=x                    | input_tokens_max
            total_time_min=-5                     | total_time_min
            has_error=maybe                       | has_error
            provider_id=0                         | provider_id
            api_key_id=key                        | api_key_id
            requested_model=a%0Ab                 | requested_model
            """)
    void refusesBadParameters(String query, String field) {
        invalid(gw.get("/api/admin/logs?" + query), field);
    }

    @Test
    void listItemsHoldExactlyTheListedFields() {
        JsonNode item =
                ok(gw.get("/api/admin/logs?sort_order=asc"), 200).path("items").path(0);

        assertThat(fieldNames(item))
                .containsExactlyInAnyOrder(
                        "id",
                        "request_time",
                        "api_key_id",
                        "api_key_name",
                        "requested_model",
                        "target_model",
                        "provider_id",
                        "provider_name",
                        "retry_count",
                        "matched_provider_count",
                        "first_byte_delay_ms",
                        "total_time_ms",
                        "input_tokens",
                        "output_tokens",
                        "response_status",
                        "trace_id",
                        "is_stream",
                        "endpoint",
                        "usage_source",
                        "total_cost",
                        "price_source",
                        "cache_read_tokens",
                        "cache_write_tokens",
                        "reasoning_tokens");
        assertThat(item.path("request_time").asText())
                .matches(TIME)
                .isEqualTo(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(minutes(0)));
        assertThat(item.path("total_cost").decimalValue()).isEqualByComparingTo("0.0005");
        assertThat(item.path("price_source").asText()).isEqualTo("ModelFallback");
        assertThat(item.path("is_stream").isBoolean()).isTrue();
        assertThat(item.path("matched_provider_count").isNull()).isTrue();
        assertThat(item.path("input_tokens").asLong()).isEqualTo(100);
    }

    @Test
    void detailShowsEveryColumnWithStoredJsonParsed() {
        Database db = gw.gateway().database();
        long id = LogSeed.at(minutes(50))
                .model("gpt-4o", "gpt-4o")
                .status(200)
                .with("request_headers", "{\"authorization\":\"Bearer sk-1***...***ef\",\"x-trace\":\"1\"}")
                .with("request_body", "{\"model\":\"gpt-4o\",\"messages\":[]}")
                .with("response_body", " [1, {\"a\": null}] ")
                .with("attempts", "[{\"provider_id\":1,\"status\":502,\"duration_ms\":12,\"error\":\"refused\"}]")
                .with("trace_id", "trace-1")
                .with("endpoint", "/v1/chat/completions")
                .cost("0.0010", "0.0020", "0.0030")
                .insert(db);
        try {
            JsonNode detail = ok(gw.get("/api/admin/logs/" + id), 200);

            assertThat(detail.path("request_headers").path("authorization").asText())
                    .isEqualTo("Bearer sk-1***...***ef");
            assertThat(detail.path("request_body").path("model").asText()).isEqualTo("gpt-4o");
            assertThat(detail.path("response_body").isArray()).isTrue();
            assertThat(detail.path("response_body").path(1).has("a")).isTrue();
            assertThat(detail.path("attempts").path(0).path("status").asInt()).isEqualTo(502);
            assertThat(detail.path("input_cost").decimalValue()).isEqualByComparingTo("0.0010");
            assertThat(detail.path("output_cost").decimalValue()).isEqualByComparingTo("0.0020");
            assertThat(detail.path("error_info").isNull()).isTrue();
            assertThat(detail.path("request_body_truncated").asBoolean()).isFalse();
            assertThat(fieldNames(detail))
                    .contains(
                            "request_headers",
                            "request_body",
                            "request_body_truncated",
                            "response_body",
                            "response_body_truncated",
                            "error_info",
                            "attempts",
                            "input_cost",
                            "output_cost",
                            "trace_id",
                            "endpoint");
        } finally {
            delete(id);
        }
    }

    @ParameterizedTest(name = "stored {0} -> text")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            {"id":"chatcmpl-1","choices":[{"message":{"content":"cut he
            data: {"choices":[]}
            {"a":1} {"b":2}
            plain text answer
            [not json]
            """)
    void detailKeepsTextThatIsNotOneJsonDocument(String stored) {
        long id = LogSeed.at(minutes(50))
                .with("response_body", stored)
                .with("response_body_truncated", true)
                .insert(gw.gateway().database());
        try {
            JsonNode detail = ok(gw.get("/api/admin/logs/" + id), 200);

            assertThat(detail.path("response_body").isTextual()).isTrue();
            assertThat(detail.path("response_body").asText()).isEqualTo(stored);
            assertThat(detail.path("response_body_truncated").asBoolean()).isTrue();
            assertThat(detail.path("request_body").isNull()).isTrue();
        } finally {
            delete(id);
        }
    }

    @Test
    void unknownLogIsNotFound() {
        error(gw.get("/api/admin/logs/987654"), 404, "log_not_found");
        invalid(gw.get("/api/admin/logs/abc"), "id");
    }

    @Test
    void cleanupDeletesOlderRowsInChunksAndCountsThem() {
        try (TestGateway own = TestGateway.start(Map.of("LOG_RETENTION_DAYS", "5"))) {
            Database db = own.gateway().database();
            Instant now = Instant.now();
            for (int i = 0; i < 12; i++) {
                LogSeed.at(now.minus(Duration.ofDays(10)).plusSeconds(i)).insert(db);
            }
            LogSeed.at(now.minus(Duration.ofDays(8))).insert(db);
            LogSeed.at(now.minus(Duration.ofDays(6))).insert(db);
            long recent = LogSeed.at(now.minus(Duration.ofHours(1))).insert(db);

            JsonNode first = ok(own.post("/api/admin/logs/cleanup?days=7", null), 200);
            assertThat(first.path("deleted_count").asLong()).isEqualTo(13);
            assertThat(first.path("message").asText()).isEqualTo("Successfully deleted 13 logs older than 7 days");

            JsonNode byDefault = ok(own.post("/api/admin/logs/cleanup", null), 200);
            assertThat(byDefault.path("deleted_count").asLong()).isEqualTo(1);
            assertThat(byDefault.path("message").asText()).isEqualTo("Successfully deleted 1 logs older than 5 days");

            assertThat(ok(own.post("/api/admin/logs/cleanup?days=1", null), 200)
                            .path("deleted_count")
                            .asLong())
                    .isZero();
            JsonNode left = ok(own.get("/api/admin/logs"), 200);
            assertThat(left.path("items").path(0).path("id").asLong()).isEqualTo(recent);
            assertThat(left.path("total").asLong()).isEqualTo(1);

            invalid(own.post("/api/admin/logs/cleanup?days=0", null), "days");
            invalid(own.post("/api/admin/logs/cleanup?days=x", null), "days");
        }
    }

    @Test
    void guardedLikeTheRestOfTheAdminApi() {
        try (TestGateway guarded = TestGateway.start(Map.of("ADMIN_USERNAME", "admin", "ADMIN_PASSWORD", "s3cret"))) {
            for (String path : List.of("/api/admin/logs", "/api/admin/logs/1", "/api/admin/logs/stats")) {
                AdminJson.detail(guarded.get(path), 401, AdminAccess.NOT_AUTHENTICATED);
            }
            AdminJson.detail(guarded.post("/api/admin/logs/cleanup", null), 401, AdminAccess.NOT_AUTHENTICATED);
            String token = ok(guarded.post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"s3cret\"}"), 200)
                    .path("access_token")
                    .asText();
            assertThat(guarded.get("/api/admin/logs", Map.of("authorization", "Bearer " + token))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private static void delete(long id) {
        try (var connection = gw.gateway().database().connection();
                var statement = connection.prepareStatement("DELETE FROM request_logs WHERE id = ?")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant minutes(int minutes) {
        return BASE.plus(Duration.ofMinutes(minutes));
    }

    private static String iso(Instant instant, ZoneOffset offset) {
        return URLEncoder.encode(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset)), StandardCharsets.UTF_8);
    }

    private static String fill(String query) {
        String filled = query;
        for (Map.Entry<String, String> placeholder : PLACEHOLDERS.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(NAMES.get(item.path("id").asText())));
        return names;
    }

    private static List<String> list(String names) {
        return names.isBlank() ? List.of() : Arrays.asList(names.trim().split(" +"));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
