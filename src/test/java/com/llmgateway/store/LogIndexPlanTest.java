package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.testing.LogSeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SQLite's plans for the queries that must stay fast at a million rows: each reads through an index of V3 rather than
 * the whole table, and the list reads in index order without sorting (the timings are in {@code LogQueryBenchmark}).
 * Nothing runs ANALYZE, so the planner has no statistics and a nearly empty table shows the production plan.
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
            list, newest first, page 1   | SCAN request_logs USING INDEX idx_request_logs_time
            list, time range             | SEARCH request_logs USING INDEX idx_request_logs_time
            list, provider               | SEARCH request_logs USING INDEX idx_request_logs_provider_time
            list, key                    | SEARCH request_logs USING INDEX idx_request_logs_api_key_time
            count, time range            | SEARCH request_logs USING COVERING INDEX idx_request_logs_time
            stats, time range            | SEARCH request_logs USING INDEX idx_request_logs_time
            stats, provider and range    | SEARCH request_logs USING INDEX idx_request_logs_provider_time
            stats, key                   | SEARCH request_logs USING INDEX idx_request_logs_api_key_time
            retention chunk              | SEARCH request_logs USING COVERING INDEX idx_request_logs_time
            """)
    void readsThroughAnIndex(String query, String expected) throws SQLException {
        List<String> plan = plan(query);

        assertThat(plan).as(String.join("\n", plan)).anyMatch(line -> line.startsWith(expected));
        assertThat(plan).noneMatch(line -> line.equals("SCAN request_logs"));
        assertThat(plan).as("rows come in index order, unsorted").noneMatch(line -> line.contains("TEMP B-TREE"));
    }

    private static List<String> plan(String query) throws SQLException {
        Optional<Instant> from = Optional.of(NOW.minus(Duration.ofDays(1)));
        Optional<Instant> to = Optional.of(NOW);
        Optional<Instant> open = Optional.empty();
        Optional<String> none = Optional.empty();
        LogFilter range = LogFilter.forStats(from, to, none, Optional.empty(), Optional.empty(), none);
        LogFilter byProvider = LogFilter.forStats(open, open, none, Optional.of(provider), Optional.empty(), none);
        LogFilter byProviderInRange = LogFilter.forStats(from, to, none, Optional.of(provider), Optional.empty(), none);
        LogFilter byKey = LogFilter.forStats(open, open, none, Optional.empty(), Optional.of(1L), none);
        RequestLogStore store = new RequestLogStore(database);
        return switch (query) {
            case "list, newest first, page 1" -> list(store, LogFilter.ALL);
            case "list, time range" -> list(store, range);
            case "list, provider" -> list(store, byProvider);
            case "list, key" -> list(store, byKey);
            case "count, time range" ->
                explain(
                        "SELECT COUNT(*) FROM request_logs" + range.where().sql(),
                        range.where().values());
            case "stats, time range" -> stats(range);
            case "stats, provider and range" -> stats(byProviderInRange);
            case "stats, key" -> stats(byKey);
            case "retention chunk" ->
                explain(
                        "SELECT id FROM request_logs WHERE request_time < ? LIMIT ?",
                        List.of(NOW.toEpochMilli(), 5000));
            default -> throw new IllegalArgumentException(query);
        };
    }

    private static List<String> list(RequestLogStore store, LogFilter filter) throws SQLException {
        Where where = filter.where();
        return explain(store.listSql(where, LogSort.NEWEST_FIRST), where.values(20, 0));
    }

    private static List<String> stats(LogFilter filter) throws SQLException {
        Where where = filter.where();
        return explain(RequestLogStats.rowsSql(where), where.values());
    }

    private static List<String> explain(String sql, List<Object> values) throws SQLException {
        try (Connection connection = database.connection()) {
            return Sql.query(connection, "EXPLAIN QUERY PLAN " + sql, values, row -> row.getString("detail"));
        }
    }
}
