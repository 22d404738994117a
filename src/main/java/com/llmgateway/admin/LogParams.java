package com.llmgateway.admin;

import com.llmgateway.store.LogFilter;
import com.llmgateway.store.LogSort;
import com.llmgateway.store.LongRange;
import com.llmgateway.store.RequestLogStats;
import com.llmgateway.store.StatsBucket;
import com.llmgateway.store.StatsQuery;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The query parameters of the log list, the statistics and the cleanup (seed-spec sections 9.6 and 14), validated. */
final class LogParams {
    static final int MAX_TZ_OFFSET_MINUTES = 840;
    static final int MAX_CLEANUP_DAYS = 36_500;

    private static final TextRule FILTER_TEXT = TextRule.length(1, 200);
    private static final TextRule TIME_TEXT = TextRule.length(1, 64);
    private static final String TIME_PROBLEM =
            "must be an ISO 8601 date-time with an offset or Z, e.g. 2026-01-16T13:49:00Z or 2026-01-16T21:49:00+08:00";
    /**
     * An unencoded {@code +08:00} in a query string arrives as {@code " 08:00"} ('+' means space there); a space right
     * before a trailing offset can mean nothing else, so it is read as the '+' it was.
     */
    private static final Pattern PLUS_AS_SPACE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T[\\d:.,]+) (\\d{2}:\\d{2})$");

    private LogParams() {}

    static LogFilter filter(RoutingContext ctx) {
        return new LogFilter(
                time(ctx, "start_time"),
                time(ctx, "end_time"),
                text(ctx, "requested_model"),
                text(ctx, "target_model"),
                text(ctx, "api_key_name"),
                id(ctx, "provider_id"),
                id(ctx, "api_key_id"),
                range(ctx, "status"),
                range(ctx, "retry_count"),
                range(ctx, "input_tokens"),
                range(ctx, "total_time"),
                QueryParams.bool(ctx, "has_error"));
    }

    /** {@code sort_by}: any column, unknown names fall back to request_time; {@code sort_order}: asc or desc only. */
    static LogSort sort(RoutingContext ctx) {
        boolean ascending = QueryParams.text(ctx, "sort_order", TextRule.length(0, 100))
                .map(order -> switch (order) {
                    case "asc" -> true;
                    case "desc" -> false;
                    default -> throw new ValidationException("query", "sort_order", "must be asc or desc");
                })
                .orElse(false);
        String column =
                QueryParams.text(ctx, "sort_by", TextRule.length(0, 100)).orElse(LogSort.DEFAULT_COLUMN);
        return LogSort.by(column, ascending);
    }

    /**
     * The statistics' filters (time range, model, provider, key), {@code bucket} (hour or day; by default hour for a
     * range of up to 48 hours) and {@code tz_offset_minutes} (-840 to 840, default 0).
     */
    static StatsQuery stats(RoutingContext ctx, Instant now) {
        LogFilter filter = LogFilter.forStats(
                time(ctx, "start_time"),
                time(ctx, "end_time"),
                text(ctx, "requested_model"),
                id(ctx, "provider_id"),
                id(ctx, "api_key_id"),
                text(ctx, "api_key_name"));
        long minutes = QueryParams.integer(ctx, "tz_offset_minutes", -MAX_TZ_OFFSET_MINUTES, MAX_TZ_OFFSET_MINUTES)
                .orElse(0L);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(Math.toIntExact(minutes * 60));
        StatsBucket bucket = QueryParams.text(ctx, "bucket", TextRule.length(0, 100))
                .map(name -> StatsBucket.fromWireName(name)
                        .orElseThrow(() -> new ValidationException("query", "bucket", "must be hour or day")))
                .orElseGet(() -> StatsBucket.defaultFor(filter.start(), filter.end(), now));
        checkBucketCount(filter, bucket, offset, now);
        return new StatsQuery(filter, bucket, offset);
    }

    /** {@code days} ≥ 1, by default {@code LOG_RETENTION_DAYS}. */
    static int cleanupDays(RoutingContext ctx, int retentionDays) {
        return Math.toIntExact(
                QueryParams.integer(ctx, "days", 1, MAX_CLEANUP_DAYS).orElse((long) retentionDays));
    }

    private static void checkBucketCount(LogFilter filter, StatsBucket bucket, ZoneOffset offset, Instant now) {
        if (filter.start().isEmpty()) {
            return;
        }
        long count = bucket.count(filter.start().get(), filter.end().orElse(now), offset);
        if (count > RequestLogStats.MAX_TREND_BUCKETS) {
            throw new ValidationException(
                    "query",
                    "bucket",
                    "the range spans " + count + " " + bucket.wireName() + " buckets, more than "
                            + RequestLogStats.MAX_TREND_BUCKETS + "; use bucket=day or a shorter range");
        }
    }

    static Optional<Instant> time(RoutingContext ctx, String name) {
        return QueryParams.text(ctx, name, TIME_TEXT).map(value -> parseTime(name, value));
    }

    static Instant parseTime(String name, String value) {
        String text = PLUS_AS_SPACE.matcher(value.trim()).replaceFirst("$1+$2");
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("query", name, TIME_PROBLEM);
        }
    }

    /** Blank means no filter: the console leaves empty inputs out, and a hand-written {@code ?x=} means the same. */
    private static Optional<String> text(RoutingContext ctx, String name) {
        Optional<String> raw = QueryParams.text(ctx, name, TextRule.length(0, Integer.MAX_VALUE));
        return raw.map(String::trim).filter(value -> !value.isEmpty()).map(value -> {
            FILTER_TEXT.problem(value).ifPresent(problem -> {
                throw new ValidationException("query", name, problem);
            });
            return value;
        });
    }

    private static Optional<Long> id(RoutingContext ctx, String name) {
        return QueryParams.integer(ctx, name, 1, Long.MAX_VALUE);
    }

    /** {@code <name>_min} and {@code <name>_max}, both inclusive and at least 0. */
    private static LongRange range(RoutingContext ctx, String name) {
        return new LongRange(
                QueryParams.integer(ctx, name + "_min", 0, Long.MAX_VALUE),
                QueryParams.integer(ctx, name + "_max", 0, Long.MAX_VALUE));
    }
}
