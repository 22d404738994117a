package com.llmgateway.store;

import com.llmgateway.usage.PriceSource;
import com.llmgateway.usage.UsageSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The statistics over {@code request_logs} (seed-spec section 14) in one pass over the filtered rows: SQL selects them
 * (through the time, provider or key index) and reduces each to a few numbers (success, cost in 1/10,000 USD, and so
 * on) with expressions both databases evaluate alike; the grouping happens here, into the summary, the trend buckets,
 * the breakdowns by model, provider and key, and per-value counts of the two latencies for nearest-rank percentiles.
 *
 * <p>Why not GROUP BY in SQL: SQLite groups by sorting every row, and the four grouped queries this replaced cost about
 * 5.5 s of CPU over a million rows where this pass costs about 2.5 s (see {@code LogQueryBenchmark}); nor has SQLite a
 * percentile function. Memory is bounded by the number of groups and of distinct latency values, not by the number of
 * rows: rows stream (the fetch size makes the PostgreSQL driver read through a cursor).
 *
 * <p>Blocking: callers run it on worker threads.
 */
public final class RequestLogStats {
    /** With a start time the trend lists every bucket of the range; more than this many is refused. */
    public static final int MAX_TREND_BUCKETS = 10_000;

    private static final int FETCH_ROWS = 5_000;

    private static final String SUCCEEDED = "response_status BETWEEN 200 AND 399 AND COALESCE(error_info, '') = ''";
    private static final String UNPRICED = "price_source = '" + PriceSource.UNPRICED.column() + "'";
    /** A cost counts only when the row was priced, even if a writer stored an amount for an unpriced row. */
    private static final String PRICED =
            "COALESCE(price_source, '') <> '" + PriceSource.UNPRICED.column() + "' AND total_cost IS NOT NULL";

    /** One row reduced to what the statistics need; {@link Pass#add} reads the columns by their position here. */
    private static final String ROWS = "SELECT request_time, requested_model, provider_id, provider_name, api_key_id,"
            + " api_key_name, CASE WHEN " + SUCCEEDED + " THEN 0 ELSE 1 END AS failed, retry_count,"
            + " CASE WHEN usage_source = '" + UsageSource.ESTIMATE.column() + "' THEN 1 ELSE 0 END AS estimated,"
            + " input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
            + " CASE WHEN " + PRICED + " THEN 1 ELSE 0 END AS priced,"
            + " CASE WHEN " + UNPRICED + " THEN 1 ELSE 0 END AS unpriced,"
            + units("input_cost") + ", " + units("output_cost") + ", " + units("total_cost") + ","
            + " total_time_ms, first_byte_delay_ms FROM request_logs";

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
        Pass pass = new Pass(query);
        Where where = query.filter().where();
        Transactions.read(database, "compute request log statistics", connection -> {
            scan(connection, where, pass);
            return null;
        });
        return pass.result(fillRange(query));
    }

    /** The SQL of the one pass; package-private for the plan test. */
    static String rowsSql(Where where) {
        return ROWS + where.sql();
    }

    /** Exact sums: a cost of four decimals as an integer count of 1/10,000 USD; 0 when the row has no known cost. */
    private static String units(String column) {
        return "CASE WHEN " + PRICED + " THEN CAST(ROUND(" + column + " * 10000) AS BIGINT) ELSE 0 END AS " + column
                + "_units";
    }

    private static void scan(Connection connection, Where where, Pass pass) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(rowsSql(where), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_ROWS);
            Sql.bind(statement, where.values());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pass.add(rows);
                }
            }
        }
    }

    private Optional<Range> fillRange(StatsQuery query) {
        return query.filter()
                .start()
                .map(start -> new Range(start, query.filter().end().orElse(clock.instant())));
    }

    private record Range(Instant start, Instant end) {}

    /** Rows that share a requested model, a provider (id and name) and a key (id and name). */
    private record Combination(String model, Long providerId, String providerName, Long apiKeyId, String apiKeyName) {}

    /** One distinct value of a latency column and how many rows have it. */
    record ValueCount(long value, long count) {}

    /** The running sums of one call; confined to the worker thread that runs it. */
    private static final class Pass {
        private final StatsQuery query;
        private final Map<Combination, LogTotals> byCombination = new HashMap<>();
        private final Map<Long, LogTotals> byBucket = new TreeMap<>();
        private final Map<Long, long[]> totalTimes = new HashMap<>();
        private final Map<Long, long[]> firstBytes = new HashMap<>();

        Pass(StatsQuery query) {
            this.query = query;
        }

        /** Reads by position (see {@link #ROWS}): by name, the lookups alone cost a tenth of the pass. */
        void add(ResultSet row) throws SQLException {
            Combination combination = new Combination(
                    row.getString(2), nullableLong(row, 3), row.getString(4), nullableLong(row, 5), row.getString(6));
            Long totalTime = nullableLong(row, 20);
            Long firstByte = nullableLong(row, 21);
            LogTotals one = new LogTotals(
                    1,
                    row.getInt(7),
                    row.getLong(8),
                    row.getInt(9),
                    new LogTokens(row.getLong(10), row.getLong(11), row.getLong(12), row.getLong(13), row.getLong(14)),
                    new LogCosts(row.getLong(17), row.getLong(18), row.getLong(19), row.getInt(15), row.getInt(16)),
                    totalTime == null ? 0 : 1,
                    totalTime == null ? 0 : totalTime,
                    firstByte == null ? 0 : 1,
                    firstByte == null ? 0 : firstByte);
            byCombination.merge(combination, one, LogTotals::plus);
            long bucket = query.bucket().indexOf(Instant.ofEpochMilli(row.getLong(1)), query.offset());
            byBucket.merge(bucket, one, LogTotals::plus);
            count(totalTimes, totalTime);
            count(firstBytes, firstByte);
        }

        private static Long nullableLong(ResultSet row, int column) throws SQLException {
            long value = row.getLong(column);
            return row.wasNull() ? null : value;
        }

        private static void count(Map<Long, long[]> histogram, Long value) {
            if (value != null) {
                histogram.computeIfAbsent(value, v -> new long[1])[0]++;
            }
        }

        LogStatistics result(Optional<Range> range) {
            range.ifPresent(this::fillEmptyBuckets);
            return new LogStatistics(
                    byCombination.values().stream().reduce(LogTotals.EMPTY, LogTotals::plus),
                    percentiles(totalTimes),
                    percentiles(firstBytes),
                    byBucket.entrySet().stream()
                            .map(e -> new LogStatistics.Bucket(
                                    query.bucket().startOf(e.getKey(), query.offset()), e.getValue()))
                            .toList(),
                    rollUp(c -> new LogStatistics.Group(null, c.model(), null)),
                    rollUp(c -> new LogStatistics.Group(c.providerId(), c.providerName(), null)),
                    rollUp(c -> new LogStatistics.Group(c.apiKeyId(), c.apiKeyName(), null)));
        }

        /** A chart needs the quiet hours too; without a start time the range is unknown, so only buckets with rows. */
        private void fillEmptyBuckets(Range range) {
            if (query.bucket().count(range.start(), range.end(), query.offset()) > MAX_TREND_BUCKETS) {
                return;
            }
            long last = query.bucket().indexOf(range.end(), query.offset());
            for (long index = query.bucket().indexOf(range.start(), query.offset()); index <= last; index++) {
                byBucket.putIfAbsent(index, LogTotals.EMPTY);
            }
        }

        /**
         * Sums the combinations by the key {@code group} names (its totals are ignored). Providers and keys are grouped
         * by id and name: a renamed provider shows under each name it had, and deleted ones (id null) stay apart by
         * name.
         */
        private List<LogStatistics.Group> rollUp(Function<Combination, LogStatistics.Group> group) {
            Map<LogStatistics.Group, LogTotals> sums = new HashMap<>();
            byCombination.forEach(
                    (combination, totals) -> sums.merge(group.apply(combination), totals, LogTotals::plus));
            List<LogStatistics.Group> groups = new ArrayList<>();
            sums.forEach((key, totals) -> groups.add(new LogStatistics.Group(key.id(), key.name(), totals)));
            groups.sort(LARGEST_FIRST);
            return groups;
        }

        private static Optional<LogStatistics.Percentiles> percentiles(Map<Long, long[]> histogram) {
            if (histogram.isEmpty()) {
                return Optional.empty();
            }
            List<ValueCount> ascending = histogram.entrySet().stream()
                    .map(e -> new ValueCount(e.getKey(), e.getValue()[0]))
                    .sorted(Comparator.comparingLong(ValueCount::value))
                    .toList();
            return Optional.of(new LogStatistics.Percentiles(nearestRank(ascending, 50), nearestRank(ascending, 95)));
        }
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
}
