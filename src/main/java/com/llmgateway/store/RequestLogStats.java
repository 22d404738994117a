package com.llmgateway.store;

import com.llmgateway.usage.PriceSource;
import com.llmgateway.usage.UsageSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The statistics over {@code request_logs} (seed-spec section 14), in SQL that SQLite and PostgreSQL both run, with
 * as few passes over the rows as possible (a pass over a million rows costs SQLite about half a second of CPU):
 *
 * <ol>
 *   <li>one query grouped by (model, provider, key), from which the summary and the three breakdowns are summed in
 *       memory: there are far fewer such combinations than rows;
 *   <li>one query grouped by time bucket, the bucket index computed from epoch milliseconds;
 *   <li>one query per latency column counting rows per distinct value, from which both percentiles are read by
 *       nearest rank (no percentile function exists in SQLite).
 * </ol>
 *
 * All run in one read transaction, so every part describes the same rows. Blocking: callers run it on worker threads.
 */
public final class RequestLogStats {
    /** With a start time the trend lists every bucket of the range; more than this many is refused. */
    public static final int MAX_TREND_BUCKETS = 10_000;

    private static final String SUCCEEDED = "response_status BETWEEN 200 AND 399 AND COALESCE(error_info, '') = ''";
    private static final String UNPRICED = "price_source = '" + PriceSource.UNPRICED.column() + "'";
    /** A cost counts only when the row was priced, even if a writer stored an amount for an unpriced row. */
    private static final String KNOWN_COST = "COALESCE(price_source, '') <> '" + PriceSource.UNPRICED.column() + "'";

    static final String AGGREGATES = "COUNT(*) AS request_count,"
            + " SUM(CASE WHEN " + SUCCEEDED + " THEN 0 ELSE 1 END) AS error_count,"
            + " SUM(retry_count) AS retries,"
            + " SUM(CASE WHEN usage_source = '" + UsageSource.ESTIMATE.column() + "' THEN 1 ELSE 0 END)"
            + " AS estimated_count,"
            + " SUM(input_tokens) AS sum_input_tokens, SUM(output_tokens) AS sum_output_tokens,"
            + " SUM(cache_read_tokens) AS sum_cache_read, SUM(cache_write_tokens) AS sum_cache_write,"
            + " SUM(reasoning_tokens) AS sum_reasoning,"
            + " SUM(CASE WHEN " + KNOWN_COST + " THEN input_cost END) AS sum_input_cost,"
            + " SUM(CASE WHEN " + KNOWN_COST + " THEN output_cost END) AS sum_output_cost,"
            + " SUM(CASE WHEN " + KNOWN_COST + " THEN total_cost END) AS sum_total_cost,"
            + " SUM(CASE WHEN " + KNOWN_COST + " AND total_cost IS NOT NULL THEN 1 ELSE 0 END) AS priced_count,"
            + " SUM(CASE WHEN " + UNPRICED + " THEN 1 ELSE 0 END) AS unpriced_count,"
            + " COUNT(total_time_ms) AS timed_count, SUM(total_time_ms) AS sum_total_time,"
            + " COUNT(first_byte_delay_ms) AS first_byte_count, SUM(first_byte_delay_ms) AS sum_first_byte";

    private static final String COMBINATION = "requested_model, provider_id, provider_name, api_key_id, api_key_name";

    private static final Comparator<LogStatistics.Group> LARGEST_FIRST = Comparator.comparingLong(
                    (LogStatistics.Group g) -> g.totals().requestCount())
            .reversed()
            .thenComparing(LogStatistics.Group::name, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LogStatistics.Group::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Database database;
    private final Clock clock;

    public RequestLogStats(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public LogStatistics compute(StatsQuery query) {
        return Transactions.read(database, "compute request log statistics", connection -> {
            List<Combination> combinations = combinations(connection, query.filter());
            return new LogStatistics(
                    combinations.stream().map(Combination::totals).reduce(LogTotals.EMPTY, LogTotals::plus),
                    percentiles(connection, query.filter(), "total_time_ms"),
                    percentiles(connection, query.filter(), "first_byte_delay_ms"),
                    trend(connection, query),
                    rollUp(combinations, c -> new LogStatistics.Group(null, c.model(), c.totals())),
                    rollUp(combinations, c -> new LogStatistics.Group(c.providerId(), c.providerName(), c.totals())),
                    rollUp(combinations, c -> new LogStatistics.Group(c.apiKeyId(), c.apiKeyName(), c.totals())));
        });
    }

    /** The totals of the rows sharing one requested model, provider (id and name) and key (id and name). */
    private record Combination(
            String model, Long providerId, String providerName, Long apiKeyId, String apiKeyName, LogTotals totals) {}

    private static List<Combination> combinations(Connection connection, LogFilter filter) throws SQLException {
        Where where = filter.where();
        return Sql.query(
                connection,
                combinationsSql(where),
                where.values(),
                row -> new Combination(
                        row.getString("requested_model"),
                        RequestLogStore.nullableLong(row, "provider_id"),
                        row.getString("provider_name"),
                        RequestLogStore.nullableLong(row, "api_key_id"),
                        row.getString("api_key_name"),
                        totals(row)));
    }

    /**
     * Sums the combinations by one key. Providers and keys are grouped by id and name: a renamed provider shows under
     * each name it had, and deleted ones (id null) stay apart by name.
     */
    private static List<LogStatistics.Group> rollUp(
            List<Combination> combinations, Function<Combination, LogStatistics.Group> group) {
        Map<List<Object>, LogStatistics.Group> byKey = new LinkedHashMap<>();
        for (Combination combination : combinations) {
            LogStatistics.Group one = group.apply(combination);
            byKey.merge(
                    Arrays.asList(one.id(), one.name()),
                    one,
                    (a, b) ->
                            new LogStatistics.Group(a.id(), a.name(), a.totals().plus(b.totals())));
        }
        List<LogStatistics.Group> groups = new ArrayList<>(byKey.values());
        groups.sort(LARGEST_FIRST);
        return groups;
    }

    /** One distinct value of a latency column and how many rows have it. */
    record ValueCount(long value, long count) {}

    private static Optional<LogStatistics.Percentiles> percentiles(
            Connection connection, LogFilter filter, String column) throws SQLException {
        Where where = filter.where().condition(column + " IS NOT NULL");
        List<ValueCount> histogram = Sql.query(
                connection,
                histogramSql(where, column),
                where.values(),
                row -> new ValueCount(row.getLong(1), row.getLong(2)));
        if (histogram.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LogStatistics.Percentiles(nearestRank(histogram, 50), nearestRank(histogram, 95)));
    }

    /** The value at rank ceil(p/100 × n) of the ascending values; {@code histogram} is ascending and not empty. */
    static long nearestRank(List<ValueCount> histogram, int percent) {
        long n = histogram.stream().mapToLong(ValueCount::count).sum();
        long rank = Math.max(1, (n * percent + 99) / 100);
        long seen = 0;
        for (ValueCount entry : histogram) {
            seen += entry.count();
            if (seen >= rank) {
                return entry.value();
            }
        }
        return histogram.get(histogram.size() - 1).value();
    }

    private List<LogStatistics.Bucket> trend(Connection connection, StatsQuery query) throws SQLException {
        Where where = query.filter().where();
        List<Object> values = new ArrayList<>();
        values.add(StatsBucket.offsetMillis(query.offset()));
        values.add(query.bucket().millis());
        values.addAll(where.values());
        Map<Long, LogTotals> byIndex = new TreeMap<>();
        for (Map.Entry<Long, LogTotals> bucket :
                Sql.query(connection, trendSql(where), values, row -> Map.entry(row.getLong("bucket"), totals(row)))) {
            byIndex.put(bucket.getKey(), bucket.getValue());
        }
        fillEmptyBuckets(byIndex, query);
        return byIndex.entrySet().stream()
                .map(e -> new LogStatistics.Bucket(query.bucket().startOf(e.getKey(), query.offset()), e.getValue()))
                .toList();
    }

    /** A chart needs the quiet hours too; without a start time the range is unknown, so only buckets with rows. */
    private void fillEmptyBuckets(Map<Long, LogTotals> byIndex, StatsQuery query) {
        Optional<Instant> start = query.filter().start();
        if (start.isEmpty()) {
            return;
        }
        Instant end = query.filter().end().orElse(clock.instant());
        if (query.bucket().count(start.get(), end, query.offset()) > MAX_TREND_BUCKETS) {
            return;
        }
        long last = query.bucket().indexOf(end, query.offset());
        for (long index = query.bucket().indexOf(start.get(), query.offset()); index <= last; index++) {
            byIndex.putIfAbsent(index, LogTotals.EMPTY);
        }
    }

    static String combinationsSql(Where where) {
        return "SELECT " + COMBINATION + ", " + AGGREGATES + " FROM request_logs" + where.sql() + " GROUP BY "
                + COMBINATION;
    }

    /** Binds the offset and the bucket width first, then the filter's values. */
    static String trendSql(Where where) {
        // GROUP BY 1: the selected expression itself, so PostgreSQL does not see two different parameters.
        return "SELECT (request_time + ?) / ? AS bucket, " + AGGREGATES + " FROM request_logs" + where.sql()
                + " GROUP BY 1";
    }

    static String histogramSql(Where where, String column) {
        return "SELECT " + column + ", COUNT(*) FROM request_logs" + where.sql() + " GROUP BY " + column + " ORDER BY "
                + column;
    }

    private static LogTotals totals(ResultSet row) throws SQLException {
        return new LogTotals(
                row.getLong("request_count"),
                row.getLong("error_count"),
                row.getLong("retries"),
                row.getLong("estimated_count"),
                new LogTokens(
                        row.getLong("sum_input_tokens"),
                        row.getLong("sum_output_tokens"),
                        row.getLong("sum_cache_read"),
                        row.getLong("sum_cache_write"),
                        row.getLong("sum_reasoning")),
                new LogCosts(
                        RequestLogStore.cost(row, "sum_input_cost"),
                        RequestLogStore.cost(row, "sum_output_cost"),
                        RequestLogStore.cost(row, "sum_total_cost"),
                        row.getLong("priced_count"),
                        row.getLong("unpriced_count")),
                row.getLong("timed_count"),
                row.getLong("sum_total_time"),
                row.getLong("first_byte_count"),
                row.getLong("sum_first_byte"));
    }
}
