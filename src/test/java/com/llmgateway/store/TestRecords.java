package com.llmgateway.store;

import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.Endpoint;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.usage.ResponseSummary;
import com.llmgateway.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Exchange records for log tests: a successful chat completion unless told otherwise. */
final class TestRecords {
    static final Instant REQUEST_TIME = Instant.parse("2025-01-02T03:04:05.678Z");
    static final String REQUEST_BODY = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String RESPONSE_BODY = "{\"id\":\"chatcmpl-1\",\"choices\":[]}";

    String traceId = UUID.randomUUID().toString();
    Instant requestTime = REQUEST_TIME;
    Endpoint endpoint = Endpoint.CHAT_COMPLETIONS;
    ApiKeyEntry apiKey = new ApiKeyEntry(1, "test-key", true);
    String requestedModel = "gpt-test";
    boolean stream;
    byte[] requestBody = REQUEST_BODY.getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
            Map.entry("Content-Type", "application/json"),
            Map.entry("Authorization", "Bearer lgw-test-0123456789abcdef")));
    int matched = 1;
    List<AttemptRecord> attempts = new ArrayList<>(
            List.of(new AttemptRecord(1, "provider-1", "gpt-target", 200, false, 12, Optional.empty())));
    int retryCount;
    int status = 200;
    Optional<Long> firstByte = Optional.of(12L);
    Optional<Long> total = Optional.of(15L);
    ResponseSummary summary = new ResponseSummary(
            TokenUsage.NONE, "", false, RESPONSE_BODY.getBytes(StandardCharsets.UTF_8), false, false, 0);
    Optional<String> errorInfo = Optional.empty();

    static TestRecords chat() {
        return new TestRecords();
    }

    TestRecords with(java.util.function.Consumer<TestRecords> change) {
        change.accept(this);
        return this;
    }

    ExchangeRecord build() {
        return new ExchangeRecord(
                traceId,
                requestTime,
                endpoint,
                apiKey,
                requestedModel,
                stream,
                requestBody,
                headers,
                matched,
                attempts,
                retryCount,
                status,
                firstByte,
                total,
                summary.body().length,
                summary,
                errorInfo);
    }
}
