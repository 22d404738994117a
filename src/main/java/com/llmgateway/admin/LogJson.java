package com.llmgateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.store.LogDetail;
import com.llmgateway.store.LogEntry;
import com.llmgateway.store.LogStatistics;
import com.llmgateway.store.LogTotals;
import com.llmgateway.store.StatsQuery;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The log API's answers: list items, one row in full, and the statistics. Times are ISO 8601 with an offset. */
final class LogJson {
    /** Trailing text after a complete value means the stored text was not one JSON document: keep it as text. */
    private static final ObjectReader STRICT =
            Responses.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private LogJson() {}

    /** The list item of seed-spec section 9.6 plus the accounting columns the console shows. */
    static ObjectNode entry(LogEntry entry) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("id", entry.id())
                .put("request_time", Responses.time(entry.requestTime()))
                .put("api_key_id", entry.apiKeyId())
                .put("api_key_name", entry.apiKeyName())
                .put("requested_model", entry.requestedModel())
                .put("target_model", entry.targetModel())
                .put("provider_id", entry.providerId())
                .put("provider_name", entry.providerName())
                .put("retry_count", entry.retryCount())
                .put("matched_provider_count", entry.matchedProviderCount())
                .put("first_byte_delay_ms", entry.firstByteDelayMs())
                .put("total_time_ms", entry.totalTimeMs())
                .put("input_tokens", entry.tokens().input())
                .put("output_tokens", entry.tokens().output())
                .put("response_status", entry.responseStatus())
                .put("trace_id", entry.traceId())
                .put("is_stream", entry.stream());
        return json.put("endpoint", entry.endpoint())
                .put("usage_source", entry.usageSource())
                .put("total_cost", entry.totalCost())
                .put("price_source", entry.priceSource())
                .put("cache_read_tokens", entry.tokens().cacheRead())
                .put("cache_write_tokens", entry.tokens().cacheWrite())
                .put("reasoning_tokens", entry.tokens().reasoning());
    }

    /** Every column; stored JSON (headers, attempts, and bodies that are a JSON object or array) comes back as JSON. */
    static ObjectNode detail(LogDetail detail) {
        ObjectNode json = entry(detail.entry());
        json.set("request_headers", jsonOrText(detail.requestHeaders()));
        json.set("request_body", jsonOrText(detail.requestBody()));
        json.put("request_body_truncated", detail.requestBodyTruncated());
        json.set("response_body", jsonOrText(detail.responseBody()));
        json.put("response_body_truncated", detail.responseBodyTruncated());
        json.put("error_info", detail.errorInfo());
        json.set("attempts", jsonOrText(detail.attempts()));
        return json.put("input_cost", detail.inputCost()).put("output_cost", detail.outputCost());
    }

    /**
     * Parsed when the text looks like a JSON object or array and is one; otherwise the text itself (a body cut at the
     * size limit, an SSE transcript, plain text), so nothing stored is ever hidden.
     */
    static JsonNode jsonOrText(String text) {
        if (text == null) {
            return Responses.JSON.getNodeFactory().nullNode();
        }
        String trimmed = text.strip();
        boolean looksLikeJson = (trimmed.startsWith("{") && trimmed.endsWith("}"))
                || (trimmed.startsWith("[") && trimmed.endsWith("]"));
        if (looksLikeJson) {
            try {
                return STRICT.readTree(trimmed);
            } catch (JsonProcessingException e) {
                // Not JSON after all: fall through to the text.
            }
        }
        return Responses.JSON.getNodeFactory().textNode(text);
    }

    static ObjectNode stats(StatsQuery query, LogStatistics stats) {
        ObjectNode json = Responses.JSON.createObjectNode();
        json.put("bucket", query.bucket().wireName());
        json.put("tz_offset_minutes", query.offset().getTotalSeconds() / 60);
        json.set("start_time", Responses.time(query.filter().start()));
        json.set("end_time", Responses.time(query.filter().end()));
        ObjectNode summary = totals(json.putObject("summary"), stats.summary());
        percentiles(summary, "total_time_ms", stats.totalTimeMs());
        percentiles(summary, "first_byte_delay_ms", stats.firstByteMs());
        ArrayNode trend = json.putArray("trend");
        stats.trend().forEach(bucket -> trendPoint(trend.addObject(), query, bucket));
        groups(json.putArray("by_model"), stats.byModel(), (item, group) -> item.put("requested_model", group.name()));
        groups(
                json.putArray("by_provider"),
                stats.byProvider(),
                (item, group) -> item.put("provider_id", group.id()).put("provider_name", group.name()));
        groups(
                json.putArray("by_api_key"),
                stats.byApiKey(),
                (item, group) -> item.put("api_key_id", group.id()).put("api_key_name", group.name()));
        return json;
    }

    private static ObjectNode totals(ObjectNode json, LogTotals totals) {
        return json.put("request_count", totals.requestCount())
                .put("success_count", totals.successCount())
                .put("error_count", totals.errorCount())
                .put("retry_count", totals.retryCount())
                .put("input_tokens", totals.tokens().input())
                .put("output_tokens", totals.tokens().output())
                .put("total_tokens", totals.totalTokens())
                .put("cache_read_tokens", totals.tokens().cacheRead())
                .put("cache_write_tokens", totals.tokens().cacheWrite())
                .put("reasoning_tokens", totals.tokens().reasoning())
                .put("estimated_count", totals.estimatedCount())
                .put("input_cost", totals.costs().input())
                .put("output_cost", totals.costs().output())
                .put("total_cost", totals.costs().total())
                .put("priced_count", totals.costs().pricedCount())
                .put("unpriced_count", totals.costs().unpricedCount())
                .put("avg_total_time_ms", oneDecimal(totals.avgTotalTimeMs()))
                .put("avg_first_byte_delay_ms", oneDecimal(totals.avgFirstByteMs()));
    }

    private static void percentiles(ObjectNode json, String column, Optional<LogStatistics.Percentiles> values) {
        json.put("p50_" + column, values.map(LogStatistics.Percentiles::p50).orElse(null));
        json.put("p95_" + column, values.map(LogStatistics.Percentiles::p95).orElse(null));
    }

    /** A point of the chart: the bucket's start in the requested offset, counts, tokens and the known cost. */
    private static void trendPoint(ObjectNode json, StatsQuery query, LogStatistics.Bucket bucket) {
        LogTotals totals = bucket.totals();
        json.put("bucket", BUCKET.format(OffsetDateTime.ofInstant(bucket.start(), query.offset())))
                .put("request_count", totals.requestCount())
                .put("success_count", totals.successCount())
                .put("error_count", totals.errorCount())
                .put("input_tokens", totals.tokens().input())
                .put("output_tokens", totals.tokens().output())
                .put("tokens", totals.totalTokens())
                .put("cost", totals.costs().total())
                .put("unpriced_count", totals.costs().unpricedCount())
                .put("avg_total_time_ms", oneDecimal(totals.avgTotalTimeMs()));
    }

    private static void groups(
            ArrayNode array, List<LogStatistics.Group> groups, BiConsumer<ObjectNode, LogStatistics.Group> key) {
        for (LogStatistics.Group group : groups) {
            ObjectNode item = array.addObject();
            key.accept(item, group);
            totals(item, group.totals());
        }
    }

    private static Double oneDecimal(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
