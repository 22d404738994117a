package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.testing.LogSeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SQLite's plans for the queries that must stay fast at a million rows: each reads through an index of V3 rather than
 * the whole table (the timings are in {@code LogQueryBenchmark}). The plan does not depend on the number of rows while
 * the database has no statistics (nothing runs ANALYZE), so a nearly empty table shows the production plan.
 */
class LogIndexPlanTest {
    private static final Instant NOW = Instant.now();
    private static Database database;
    private static long provider;

    @BeforeAll
    static void open() {
        database = TestDatabases.sqlite();
        provider = LogSeed.provider(database, "p");
        LogSeed.at(NOW).provider(provider, "p").insert(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            list, newest first, page 1            | SCAN request_logs USING INDEX idx_request_logs_time
            list, time range                      | SEARCH request_logs USING INDEX idx_request_logs_time
            list, provider                        | SEARCH request_logs USING INDEX idx_request_logs_provider_time
            list, key                             | SEARCH request_logs USING INDEX idx_request_logs_api_key_time
            count, time range                     | SEARCH request_logs USING COVERING INDEX idx_request_logs_time
            stats combinations, time range        | SEARCH request_logs USING INDEX idx_request_logs_time
            stats trend, time range               | SEARCH request_logs USING INDEX idx_request_logs_time
            stats percentiles, time range         | SEARCH request_logs USING INDEX idx_request_logs_time
            stats combinations, provider and time | SEARCH request_logs USING INDEX idx_request_logs_provider_time
            retention chunk                       | SEARCH request_logs USING COVERING INDEX idx_request_logs_time
            """)
    void readsThroughAnIndex(String query, String expected) throws SQLException {
        List<String> plan = plan(query);

        assertThat(plan).as(String.join("\n", plan)).anyMatch(line -> line.startsWith(expected));
        assertThat(plan).noneMatch(line -> line.equals("SCAN request_logs"));
        if (query.startsWith("list")) {
            assertThat(plan).as("rows come in index order, unsorted").noneMatch(line -> line.contains("ORDER BY"));
        }
    }

    private static List<String> plan(String query) throws SQLException {
        LogFilter range = LogFilter.forStats(
                Optional.of(NOW.minus(Duration.ofDays(1))),
                Optional.of(NOW),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        LogFilter providerInRange = LogFilter.forStats(
                range.start(),
                range.end(),
                Optional.empty(),
                Optional.of(provider),
                Optional.empty(),
                Optional.empty());
        LogFilter providerOnly = LogFilter.forStats(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(provider),
                Optional.empty(),
                Optional.empty());
        LogFilter keyOnly = LogFilter.forStats(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(1L),
                Optional.empty());
        RequestLogStore store = new RequestLogStore(database);
        return switch (query) {
            case "list, newest first, page 1" ->
                explain(store.listSql(LogFilter.ALL.where(), LogSort.NEWEST_FIRST), LogFilter.ALL.where(), 20, 0);
            case "list, time range" ->
                explain(store.listSql(range.where(), LogSort.NEWEST_FIRST), range.where(), 20, 0);
            case "list, provider" ->
                explain(store.listSql(providerOnly.where(), LogSort.NEWEST_FIRST), providerOnly.where(), 20, 0);
            case "list, key" -> explain(store.listSql(keyOnly.where(), LogSort.NEWEST_FIRST), keyOnly.where(), 20, 0);
            case "count, time range" ->
                explain("SELECT COUNT(*) FROM request_logs" + range.where().sql(), range.where());
            case "stats combinations, time range" ->
                explain(RequestLogStats.combinationsSql(range.where()), range.where());
            case "stats trend, time range" -> explainTrend(range.where());
            case "stats percentiles, time range" -> {
                Where timed = range.where().condition("total_time_ms IS NOT NULL");
                yield explain(RequestLogStats.histogramSql(timed, "total_time_ms"), timed);
            }
            case "stats combinations, provider and time" ->
                explain(RequestLogStats.combinationsSql(providerInRange.where()), providerInRange.where());
            case "retention chunk" ->
                explain(
                        "SELECT id FROM request_logs WHERE request_time < ? LIMIT ?",
                        new Where(),
                        NOW.toEpochMilli(),
                        5000);
            default -> throw new IllegalArgumentException(query);
        };
    }

    private static List<String> explainTrend(Where where) throws SQLException {
        List<Object> values = new ArrayList<>(List.of(0L, 3_600_000L));
        values.addAll(where.values());
        return explain(RequestLogStats.trendSql(where), values);
    }

    private static List<String> explain(String sql, Where where, Object... more) throws SQLException {
        return explain(sql, where.values(more));
    }

    private static List<String> explain(String sql, List<Object> values) throws SQLException {
        try (Connection connection = database.connection()) {
            return Sql.query(connection, "EXPLAIN QUERY PLAN " + sql, values, row -> row.getString("detail"));
        }
    }
}
