package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
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
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/admin/logs/stats} (seed-spec section 14) through the real gateway. Five rows over two UTC days D and
 * D+1 (plus one before D, outside every range asked for):
 *
 * <pre>
 *   a  D   01:00Z  m1 p1 k1  200  100/10 tokens   cost 0.0030     1000 ms (first byte 100)
 *   b  D   01:30Z  m1 p2 k1  500  200/0           unpriced        2000 ms (200)  error
 *   c  D   03:15Z  m2 p1 k2  200  300/30 estimate cost 0.0300     3000 ms (300)
 *   d  D   17:00Z  m2 p2 k2  200  400/40          unpriced        4000 ms (400)  client_disconnected
 *   e  D+1 02:00Z  m1 p1 k1  200  500/50          cost 0.3000     5000 ms (500)
 * </pre>
 */
class LogStatsApiTest {
    /** Midnight UTC two days ago, so every row is in the past and well inside the retention period. */
    private static final Instant D = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

    private static TestGateway gw;
    private static long p1;
    private static long p2;
    private static long k2;

    @BeforeAll
    static void seed() {
        gw = TestGateway.start();
        Database db = gw.gateway().database();
        p1 = LogSeed.provider(db, "p1");
        p2 = LogSeed.provider(db, "p2");
        long k1 = LogSeed.apiKey(db, "k1");
        k2 = LogSeed.apiKey(db, "k2");
        row(hours(1), "m1", p1, "p1", k1, "k1", 200, 100, 10, 1000)
                .cost("0.0010", "0.0020", "0.0030")
                .insert(db);
        row(hours(1.5), "m1", p2, "p2", k1, "k1", 500, 200, 0, 2000)
                .unpriced()
                .error("Request error: connection refused")
                .insert(db);
        row(hours(3.25), "m2", p1, "p1", k2, "k2", 200, 300, 30, 3000)
                .cost("0.0100", "0.0200", "0.0300")
                .with("usage_source", "estimate")
                .with("cache_read_tokens", 50)
                .with("reasoning_tokens", 7)
                .insert(db);
        row(hours(17), "m2", p2, "p2", k2, "k2", 200, 400, 40, 4000)
                .unpriced()
                .error("client_disconnected")
                .insert(db);
        row(hours(26), "m1", p1, "p1", k1, "k1", 200, 500, 50, 5000)
                .cost("0.1000", "0.2000", "0.3000")
                .insert(db);
        row(hours(-1), "m1", p1, "p1", k1, "k1", 200, 9999, 9999, 9999)
                .cost("9.0000", "9.0000", "18.0000")
                .insert(db);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void summarisesTheRangeWithKnownCostsOnly() {
        JsonNode stats =
                stats("start_time=" + time(D) + "&end_time=" + time(hours(48).minusMillis(1)));
        JsonNode summary = stats.path("summary");

        assertThat(stats.path("bucket").asText()).isEqualTo("hour");
        assertThat(stats.path("tz_offset_minutes").asInt()).isZero();
        assertThat(summary.path("request_count").asLong()).isEqualTo(5);
        assertThat(summary.path("error_count").asLong()).isEqualTo(2);
        assertThat(summary.path("success_count").asLong()).isEqualTo(3);
        assertThat(summary.path("input_tokens").asLong()).isEqualTo(1500);
        assertThat(summary.path("output_tokens").asLong()).isEqualTo(130);
        assertThat(summary.path("total_tokens").asLong()).isEqualTo(1630);
        assertThat(summary.path("cache_read_tokens").asLong()).isEqualTo(50);
        assertThat(summary.path("reasoning_tokens").asLong()).isEqualTo(7);
        assertThat(summary.path("estimated_count").asLong()).isEqualTo(1);
        assertThat(summary.path("input_cost").decimalValue()).isEqualByComparingTo("0.1110");
        assertThat(summary.path("output_cost").decimalValue()).isEqualByComparingTo("0.2220");
        assertThat(summary.path("total_cost").decimalValue()).isEqualByComparingTo("0.3330");
        assertThat(summary.path("priced_count").asLong()).isEqualTo(3);
        assertThat(summary.path("unpriced_count").asLong()).isEqualTo(2);
        assertThat(summary.path("avg_total_time_ms").asDouble()).isEqualTo(3000.0);
        assertThat(summary.path("avg_first_byte_delay_ms").asDouble()).isEqualTo(300.0);
        assertThat(summary.path("p50_total_time_ms").asLong()).isEqualTo(3000);
        assertThat(summary.path("p95_total_time_ms").asLong()).isEqualTo(5000);
        assertThat(summary.path("p50_first_byte_delay_ms").asLong()).isEqualTo(300);
        assertThat(summary.path("p95_first_byte_delay_ms").asLong()).isEqualTo(500);
    }

    @Test
    void hourlyTrendListsEveryHourOfTheRange() {
        JsonNode trend = stats(
                        "start_time=" + time(D) + "&end_time=" + time(hours(48).minusMillis(1)))
                .path("trend");

        assertThat(trend.size()).isEqualTo(48);
        assertThat(trend.path(0).path("bucket").asText()).isEqualTo(label(D, ZoneOffset.UTC));
        assertThat(trend.path(47).path("bucket").asText()).isEqualTo(label(hours(47), ZoneOffset.UTC));
        JsonNode one = trend.path(1);
        assertThat(one.path("bucket").asText()).isEqualTo(label(hours(1), ZoneOffset.UTC));
        assertThat(one.path("request_count").asLong()).isEqualTo(2);
        assertThat(one.path("error_count").asLong()).isEqualTo(1);
        assertThat(one.path("success_count").asLong()).isEqualTo(1);
        assertThat(one.path("tokens").asLong()).isEqualTo(310);
        assertThat(one.path("cost").decimalValue()).isEqualByComparingTo("0.0030");
        assertThat(one.path("unpriced_count").asLong()).isEqualTo(1);
        assertThat(one.path("avg_total_time_ms").asDouble()).isEqualTo(1500.0);
        assertThat(counts(trend))
                .containsExactly(
                        0L, 2L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L,
                        0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        JsonNode quiet = trend.path(2);
        assertThat(quiet.path("cost").isNull()).as("no known cost is not $0").isTrue();
        assertThat(quiet.path("avg_total_time_ms").isNull()).isTrue();
        // d, a priced-nothing hour: unpriced, so no cost at all rather than zero.
        assertThat(trend.path(17).path("cost").isNull()).isTrue();
        assertThat(trend.path(17).path("unpriced_count").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "day buckets at {0} minutes: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0    | 4 1
            480  | 3 2 0
            -120 | 2 2 1
            """)
    void dayBucketsStartAtMidnightInTheGivenOffset(int offsetMinutes, String expected) {
        JsonNode stats = stats("bucket=day&tz_offset_minutes=" + offsetMinutes + "&start_time=" + time(D) + "&end_time="
                + time(hours(48).minusMillis(1)));
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);

        assertThat(stats.path("bucket").asText()).isEqualTo("day");
        assertThat(stats.path("tz_offset_minutes").asInt()).isEqualTo(offsetMinutes);
        assertThat(counts(stats.path("trend"))).containsExactlyElementsOf(longs(expected));
        JsonNode first = stats.path("trend").path(0);
        String midnight = D.atOffset(offset).toLocalDate() + "T00:00:00" + offset.getId();
        assertThat(first.path("bucket").asText()).isEqualTo(midnight);
        assertThat(stats.path("summary").path("request_count").asLong()).isEqualTo(5);
    }

    @Test
    void hourBucketsFollowHalfHourOffsets() {
        JsonNode trend = stats(
                        "bucket=hour&tz_offset_minutes=330&start_time=" + time(D) + "&end_time=" + time(hours(4)))
                .path("trend");

        // 00:00Z is 05:30 in UTC+05:30, so the buckets are the local hours 05:00 to 09:00.
        assertThat(buckets(trend))
                .extracting(label -> label.substring(11))
                .containsExactly(
                        "05:00:00+05:30", "06:00:00+05:30", "07:00:00+05:30", "08:00:00+05:30", "09:00:00+05:30");
        assertThat(counts(trend)).containsExactly(0L, 1L, 1L, 1L, 0L);
    }

    @Test
    void breaksDownByModelProviderAndKeyLargestFirst() {
        JsonNode stats =
                stats("start_time=" + time(D) + "&end_time=" + time(hours(48).minusMillis(1)));

        JsonNode byModel = stats.path("by_model");
        assertThat(byModel.size()).isEqualTo(2);
        assertThat(byModel.path(0).path("requested_model").asText()).isEqualTo("m1");
        assertThat(byModel.path(0).path("request_count").asLong()).isEqualTo(3);
        assertThat(byModel.path(0).path("total_cost").decimalValue()).isEqualByComparingTo("0.3030");
        assertThat(byModel.path(0).path("unpriced_count").asLong()).isEqualTo(1);
        assertThat(byModel.path(1).path("requested_model").asText()).isEqualTo("m2");
        assertThat(byModel.path(1).path("error_count").asLong()).isEqualTo(1);

        JsonNode byProvider = stats.path("by_provider");
        assertThat(byProvider.path(0).path("provider_id").asLong()).isEqualTo(p1);
        assertThat(byProvider.path(0).path("provider_name").asText()).isEqualTo("p1");
        assertThat(byProvider.path(0).path("request_count").asLong()).isEqualTo(3);
        assertThat(byProvider.path(0).path("total_cost").decimalValue()).isEqualByComparingTo("0.3330");
        assertThat(byProvider.path(1).path("provider_id").asLong()).isEqualTo(p2);
        assertThat(byProvider.path(1).path("total_cost").isNull())
                .as("a provider whose every row is unpriced has no cost, not $0")
                .isTrue();
        assertThat(byProvider.path(1).path("unpriced_count").asLong()).isEqualTo(2);
        assertThat(byProvider.path(1).path("priced_count").asLong()).isZero();

        JsonNode byKey = stats.path("by_api_key");
        assertThat(byKey.path(0).path("api_key_name").asText()).isEqualTo("k1");
        assertThat(byKey.path(0).path("request_count").asLong()).isEqualTo(3);
        assertThat(byKey.path(1).path("api_key_id").asLong()).isEqualTo(k2);
        assertThat(byKey.path(1).path("output_tokens").asLong()).isEqualTo(70);
    }

    @ParameterizedTest(name = "?{0}: {1} rows")
    @CsvSource(delimiter = '|', textBlock = """
            requested_model=M2                 | 2
            requested_model=m                  | 5
            provider_id={p2}                   | 2
            api_key_id={k2}                    | 2
            api_key_name=K1                    | 3
            provider_id={p1}&api_key_name=k1   | 2
            status_min=500                     | 5
            """)
    void filters(String query, long expected) {
        String filled = query.replace("{p1}", String.valueOf(p1))
                .replace("{p2}", String.valueOf(p2))
                .replace("{k2}", String.valueOf(k2));
        JsonNode stats = stats(filled + "&start_time=" + time(D) + "&end_time="
                + time(hours(48).minusMillis(1)));

        assertThat(stats.path("summary").path("request_count").asLong()).isEqualTo(expected);
        assertThat(counts(stats.path("trend")).stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(expected);
    }

    @Test
    void aRangeWithoutRowsIsEmptyNotZeroCost() {
        Instant start = D.minus(Duration.ofDays(10));
        JsonNode stats = stats("start_time=" + time(start) + "&end_time="
                + time(start.plus(Duration.ofDays(1)).minusMillis(1)));
        JsonNode summary = stats.path("summary");

        assertThat(summary.path("request_count").asLong()).isZero();
        assertThat(summary.path("total_cost").isNull()).isTrue();
        assertThat(summary.path("p50_total_time_ms").isNull()).isTrue();
        assertThat(summary.path("avg_total_time_ms").isNull()).isTrue();
        assertThat(stats.path("trend").size()).isEqualTo(24);
        assertThat(stats.path("by_model").size()).isZero();
    }

    @Test
    void defaultBucketFollowsTheRange() {
        assertThat(stats("start_time=" + time(Instant.now().minus(Duration.ofHours(47))))
                        .path("bucket")
                        .asText())
                .isEqualTo("hour");
        JsonNode longer = stats("start_time=" + time(D.minus(Duration.ofDays(1))));
        assertThat(longer.path("bucket").asText()).isEqualTo("day");
        assertThat(longer.path("summary").path("request_count").asLong()).isEqualTo(6);
        JsonNode everything = stats("");
        assertThat(everything.path("bucket").asText()).isEqualTo("day");
        assertThat(everything.path("start_time").isNull()).isTrue();
        assertThat(counts(everything.path("trend"))).containsExactly(1L, 4L, 1L);
    }

    @ParameterizedTest(name = "?{0} -> 422 on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tz_offset_minutes=841                              | tz_offset_minutes
            tz_offset_minutes=-841                             | tz_offset_minutes
            tz_offset_minutes=x                                | tz_offset_minutes
            tz_offset_minutes=1.5                              | tz_offset_minutes
            bucket=week                                        | bucket
            bucket=HOUR                                        | bucket
            bucket=hour&start_time=2020-01-01T00:00:00Z        | bucket
            start_time=2026-01-16                              | start_time
            end_time=16/01/2026                                | end_time
            provider_id=0                                      | provider_id
            api_key_id=x                                       | api_key_id
            """)
    void refusesBadParameters(String query, String field) {
        invalid(gw.get("/api/admin/logs/stats?" + query), field);
    }

    private static LogSeed row(
            Instant at,
            String model,
            long providerId,
            String provider,
            long keyId,
            String key,
            int status,
            long in,
            long out,
            long totalMs) {
        return LogSeed.at(at)
                .model(model, model + "-target")
                .provider(providerId, provider)
                .key(keyId, key)
                .status(status)
                .tokens(in, out)
                .times(totalMs / 10, totalMs);
    }

    private static JsonNode stats(String query) {
        return ok(gw.get("/api/admin/logs/stats?" + query), 200);
    }

    private static Instant hours(double hours) {
        return D.plus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    private static String time(Instant instant) {
        return URLEncoder.encode(DateTimeFormatter.ISO_INSTANT.format(instant), StandardCharsets.UTF_8);
    }

    private static String label(Instant instant, ZoneOffset offset) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").format(instant.atOffset(offset));
    }

    private static List<Long> counts(JsonNode trend) {
        return StreamSupport.stream(trend.spliterator(), false)
                .map(bucket -> bucket.path("request_count").asLong())
                .toList();
    }

    private static List<String> buckets(JsonNode trend) {
        List<String> labels = new ArrayList<>();
        trend.forEach(bucket -> labels.add(bucket.path("bucket").asText()));
        return labels;
    }

    private static List<Long> longs(String spaced) {
        return Arrays.stream(spaced.trim().split(" +")).map(Long::valueOf).toList();
    }
}
