package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.config.LogSettings;
import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.Endpoint;
import com.llmgateway.usage.Accounting;
import com.llmgateway.usage.Cost;
import com.llmgateway.usage.PriceSource;
import com.llmgateway.usage.ResponseSummary;
import com.llmgateway.usage.TokenUsage;
import com.llmgateway.usage.UsageSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogRowsTest {
    static final int BODY_MAX_BYTES = 64;
    static final LogSettings SETTINGS =
            new LogSettings(7, 4, BODY_MAX_BYTES, 100, 1L << 30, 10, 1 << 20, Duration.ZERO);

    static final AttemptRecord FAILED_A =
            new AttemptRecord(1, "provider-1", "target-a", 500, false, 30, Optional.of("Upstream returned status 500"));
    static final AttemptRecord TIMED_OUT_A = new AttemptRecord(
            1, "provider-1", "target-a", 504, true, 1000, Optional.of("Request timeout: no response within 1000 ms"));
    static final AttemptRecord OK_B = new AttemptRecord(2, "provider-2", "target-b", 200, false, 20, Optional.empty());

    private static Arguments column(
            String description, Consumer<TestRecords> change, Function<LogRow, Object> column, Object expected) {
        return Arguments.of(description, change, column, expected);
    }

    static Stream<Arguments> columns() {
        Consumer<TestRecords> asIs = r -> {};
        Consumer<TestRecords> failedOver = r -> {
            r.attempts = List.of(FAILED_A, TIMED_OUT_A, OK_B);
            r.retryCount = 2;
            r.matched = 3;
        };
        Consumer<TestRecords> allFailed = r -> {
            r.attempts = List.of(FAILED_A);
            r.status = 500;
        };
        Consumer<TestRecords> refusedBeforeRouting = r -> {
            r.attempts = List.of();
            r.matched = 0;
            r.status = 404;
            r.firstByte = Optional.empty();
            r.total = Optional.empty();
            r.summary = ResponseSummary.EMPTY;
            r.errorInfo = Optional.of("Model 'x' is not configured");
        };
        Consumer<TestRecords> clientLeftFirst = r -> {
            r.status = 0;
            r.attempts = List.of();
            r.summary = ResponseSummary.EMPTY;
            r.errorInfo = Optional.of("client_disconnected");
        };
        return Stream.of(
                column("request_time", asIs, LogRow::requestTime, TestRecords.REQUEST_TIME.toEpochMilli()),
                column("api_key_id", asIs, LogRow::apiKeyId, 1L),
                column("api_key_name", asIs, LogRow::apiKeyName, "test-key"),
                column("requested_model", asIs, LogRow::requestedModel, "gpt-test"),
                column(
                        "requested_model of an unparsable body",
                        r -> r.requestedModel = null,
                        LogRow::requestedModel,
                        null),
                column(
                        "requested_model longer than its column",
                        r -> r.requestedModel = "m".repeat(150),
                        LogRow::requestedModel,
                        "m".repeat(100)),
                column("NUL in a model name", r -> r.requestedModel = "a\u0000b", LogRow::requestedModel, "a\uFFFDb"),
                column("target_model of the final attempt", failedOver, LogRow::targetModel, "target-b"),
                column("provider_id of the final attempt", failedOver, LogRow::providerId, 2L),
                column("provider_name of the final attempt", failedOver, LogRow::providerName, "provider-2"),
                column("provider_id when nothing was attempted", refusedBeforeRouting, LogRow::providerId, null),
                column("target_model when nothing was attempted", refusedBeforeRouting, LogRow::targetModel, null),
                column("retry_count", failedOver, LogRow::retryCount, 2),
                column("matched_provider_count", failedOver, LogRow::matchedProviderCount, 3),
                column("first_byte_delay_ms", asIs, LogRow::firstByteDelayMs, 12L),
                column("total_time_ms", asIs, LogRow::totalTimeMs, 15L),
                column("first_byte_delay_ms unknown", refusedBeforeRouting, LogRow::firstByteDelayMs, null),
                column("total_time_ms unknown", refusedBeforeRouting, LogRow::totalTimeMs, null),
                column("response_status", allFailed, LogRow::responseStatus, 500),
                column("response_status when the client left first", clientLeftFirst, LogRow::responseStatus, null),
                column("error_info on success", asIs, LogRow::errorInfo, null),
                column(
                        "error_info of the gateway",
                        refusedBeforeRouting,
                        LogRow::errorInfo,
                        "Model 'x' is not configured"),
                column("error_info client_disconnected", clientLeftFirst, LogRow::errorInfo, "client_disconnected"),
                column(
                        "error_info of a relayed last failure",
                        allFailed,
                        LogRow::errorInfo,
                        "Upstream returned status 500"),
                column("error_info of a failover that succeeded", failedOver, LogRow::errorInfo, null),
                column("trace_id", r -> r.traceId = "5f0c", LogRow::traceId, "5f0c"),
                column("is_stream", r -> r.stream = true, LogRow::stream, true),
                column("endpoint", r -> r.endpoint = Endpoint.MESSAGES, LogRow::endpoint, "/v1/messages"),
                column("request_body as sent", asIs, LogRow::requestBody, TestRecords.REQUEST_BODY),
                column("request_body not truncated", asIs, LogRow::requestBodyTruncated, false),
                column(
                        "request_body cut at the limit",
                        r -> r.requestBody = bytes("x".repeat(100)),
                        LogRow::requestBody,
                        "x".repeat(BODY_MAX_BYTES)),
                column(
                        "request_body marked truncated",
                        r -> r.requestBody = bytes("x".repeat(100)),
                        LogRow::requestBodyTruncated,
                        true),
                // 63 ASCII bytes and a 2-byte character across the limit: cut before the character, not through it.
                column(
                        "request_body cut on a character boundary",
                        r -> r.requestBody = bytes("x".repeat(63) + "é"),
                        LogRow::requestBody,
                        "x".repeat(63)),
                column(
                        "request_body of exactly the limit",
                        r -> r.requestBody = bytes("x".repeat(62) + "é"),
                        LogRow::requestBody,
                        "x".repeat(62) + "é"),
                column(
                        "request_body that is not UTF-8",
                        r -> r.requestBody = new byte[] {'{', (byte) 0xFF, '}'},
                        LogRow::requestBody,
                        "{\uFFFD}"),
                column("response_body of a plain response", asIs, LogRow::responseBody, TestRecords.RESPONSE_BODY),
                column("response_body when nothing was relayed", refusedBeforeRouting, LogRow::responseBody, null),
                column(
                        "response_body truncated by the capture",
                        r -> r.summary = plain("{\"a\":1", true),
                        LogRow::responseBodyTruncated,
                        true),
                column(
                        "response_body cut at the limit",
                        r -> r.summary = plain("y".repeat(80), false),
                        LogRow::responseBody,
                        "y".repeat(BODY_MAX_BYTES)),
                column(
                        "response_body marked truncated at the limit",
                        r -> r.summary = plain("y".repeat(80), false),
                        LogRow::responseBodyTruncated,
                        true),
                column(
                        "a stream summary is never marked truncated",
                        r -> r.summary = stream("x".repeat(5000), null),
                        LogRow::responseBodyTruncated,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void fillsEachColumn(
            String description, Consumer<TestRecords> change, Function<LogRow, Object> column, Object expected) {
        LogRow row = LogRows.from(TestRecords.chat().with(change).build(), Accounting.NONE, SETTINGS);

        assertThat(column.apply(row)).isEqualTo(expected);
    }

    @Test
    void takesTokensCostAndTheirSourcesFromTheAccounting() {
        Accounting accounting = new Accounting(
                new TokenUsage(10L, 20L, 3L, 4L, 5L),
                UsageSource.PROVIDER,
                new Cost(
                        new BigDecimal("0.0001"),
                        new BigDecimal("0.0002"),
                        new BigDecimal("0.0003"),
                        PriceSource.SUPPLIER_OVERRIDE));

        LogRow row = LogRows.from(TestRecords.chat().build(), accounting, SETTINGS);

        assertThat(List.of(
                        row.inputTokens(),
                        row.outputTokens(),
                        row.cacheReadTokens(),
                        row.cacheWriteTokens(),
                        row.reasoningTokens()))
                .containsExactly(10L, 20L, 3L, 4L, 5L);
        assertThat(row.usageSource()).isEqualTo("provider");
        assertThat(List.of(row.inputCost(), row.outputCost(), row.totalCost()))
                .containsExactly(new BigDecimal("0.0001"), new BigDecimal("0.0002"), new BigDecimal("0.0003"));
        assertThat(row.priceSource()).isEqualTo("SupplierOverride");
    }

    @Test
    void unknownTokensAndCostStayNullAndUnpriced() {
        LogRow row = LogRows.from(TestRecords.chat().build(), Accounting.NONE, SETTINGS);

        assertThat(row.inputTokens()).isNull();
        assertThat(row.outputTokens()).isNull();
        assertThat(row.cacheReadTokens()).isNull();
        assertThat(row.totalCost()).isNull();
        assertThat(row.usageSource()).isEqualTo("none");
        assertThat(row.priceSource()).isEqualTo("unpriced");
    }

    @Test
    void storesHeadersAsAJsonObjectWithCredentialsMasked() throws Exception {
        TestRecords record = TestRecords.chat()
                .with(r -> r.headers = List.of(
                        Map.entry("Content-Type", "application/json"),
                        Map.entry("Authorization", "Bearer lgw-test-0123456789abcdef"),
                        Map.entry("X-Api-Key", "sk-ant-0123456789abcdef"),
                        Map.entry("api-key", "short"),
                        Map.entry("X-Custom", "a"),
                        Map.entry("x-custom", "b")));

        String headers = LogRows.from(record.build(), Accounting.NONE, SETTINGS).requestHeaders();

        assertThat(Sql.JSON.readTree(headers)).isEqualTo(Sql.JSON.readTree("""
                        {"content-type":"application/json","authorization":"Bearer lgw-***...***ef",\
                        "x-api-key":"sk-a***...***ef","api-key":"***","x-custom":"a, b"}"""));
        assertThat(headers).doesNotContain("0123456789");
    }

    @Test
    void summarisesAStreamAsSeedSpecSectionSevenSays() throws Exception {
        TestRecords record = TestRecords.chat().with(r -> {
            r.stream = true;
            r.endpoint = Endpoint.MESSAGES;
            r.summary = stream("Hello \"world\"", 42L);
        });

        JsonNode summary = Sql.JSON.readTree(
                LogRows.from(record.build(), Accounting.NONE, SETTINGS).responseBody());

        assertThat(summary).isEqualTo(Sql.JSON.readTree("""
                        {"type":"stream","protocol":"anthropic","output_preview":"Hello \\"world\\"",\
                        "output_preview_truncated":false,"upstream_reported_output_tokens":42}"""));
    }

    @Test
    void previewsTheFirst4096CharactersOfALongStream() throws Exception {
        // A supplementary character (two UTF-16 units) at the boundary counts as one character and is not split.
        String text = "a".repeat(4095) + "😀" + "b".repeat(10);
        TestRecords record = TestRecords.chat().with(r -> r.summary = stream(text, null));

        JsonNode summary = Sql.JSON.readTree(
                LogRows.from(record.build(), Accounting.NONE, SETTINGS).responseBody());

        assertThat(summary.get("protocol").asText()).isEqualTo("openai");
        assertThat(summary.get("output_preview").asText()).isEqualTo("a".repeat(4095) + "😀");
        assertThat(summary.get("output_preview_truncated").asBoolean()).isTrue();
        assertThat(summary.get("upstream_reported_output_tokens").isNull()).isTrue();
    }

    @Test
    void marksThePreviewTruncatedWhenTheCollectedTextWasCut() throws Exception {
        TestRecords record = TestRecords.chat()
                .with(r ->
                        r.summary = new ResponseSummary(TokenUsage.NONE, "short", true, new byte[0], false, true, 3));

        JsonNode summary = Sql.JSON.readTree(
                LogRows.from(record.build(), Accounting.NONE, SETTINGS).responseBody());

        assertThat(summary.get("output_preview").asText()).isEqualTo("short");
        assertThat(summary.get("output_preview_truncated").asBoolean()).isTrue();
    }

    @Test
    void listsEveryAttemptAsTheFailoverPath() throws Exception {
        TestRecords record = TestRecords.chat().with(r -> r.attempts = List.of(FAILED_A, TIMED_OUT_A, OK_B));

        String attempts =
                LogRows.from(record.build(), Accounting.NONE, SETTINGS).attempts();

        assertThat(Sql.JSON.readTree(attempts)).isEqualTo(Sql.JSON.readTree("""
                        [{"provider_id":1,"provider_name":"provider-1","target_model":"target-a","status":500,\
                        "transport_failure":false,"duration_ms":30,"error":"Upstream returned status 500"},\
                        {"provider_id":1,"provider_name":"provider-1","target_model":"target-a","status":504,\
                        "transport_failure":true,"duration_ms":1000,\
                        "error":"Request timeout: no response within 1000 ms"},\
                        {"provider_id":2,"provider_name":"provider-2","target_model":"target-b","status":200,\
                        "transport_failure":false,"duration_ms":20,"error":null}]"""));
    }

    @Test
    void aRefusedRequestHasAnEmptyAttemptList() {
        TestRecords record = TestRecords.chat().with(r -> r.attempts = List.of());

        assertThat(LogRows.from(record.build(), Accounting.NONE, SETTINGS).attempts())
                .isEqualTo("[]");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ResponseSummary plain(String body, boolean truncated) {
        return new ResponseSummary(TokenUsage.NONE, "", false, bytes(body), truncated, false, 0);
    }

    private static ResponseSummary stream(String text, Long reportedOutputTokens) {
        return new ResponseSummary(
                new TokenUsage(null, reportedOutputTokens, null, null, null), text, false, new byte[0], false, true, 5);
    }
}
