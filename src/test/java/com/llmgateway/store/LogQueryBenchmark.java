package com.llmgateway.store;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.DatabaseType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Not a test: times the log list, statistics and chunked delete on a SQLite file with a million rows spread over seven
 * days (the default retention), and prints SQLite's plan for the main queries. Run by hand:
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) com.llmgateway.store.LogQueryBenchmark [rows [file]]
 * </pre>
 *
 * An existing {@code file} is reused as it is (seeding a million rows takes a while).
 */
public final class LogQueryBenchmark {
    private static final int PROVIDERS = 5;
    private static final int KEYS = 20;
    private static final String[] MODELS = {
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "o3-mini",
        "claude-sonnet-4",
        "claude-haiku-4",
        "text-embedding-3",
        "gpt-5",
        "claude-opus-4",
        "llama-3"
    };

    private LogQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = args.length > 1
                ? Path.of(args[1])
                : Files.createTempDirectory("lgw-bench").resolve("gateway.db");
        boolean fresh = !Files.exists(file);
        try (Database database = Database.open(new DatabaseConfig(
                DatabaseType.SQLITE, "jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), Optional.of(file)))) {
            if (fresh) {
                Instant seededAt = Instant.now();
                time("insert " + rows + " rows", () -> seed(database, rows, seededAt));
            }
            Instant now = newest(database);
            System.out.printf("file size: %d MiB%n", Files.size(file) >> 20);
            run(database, now);
        }
    }

    private static void run(Database database, Instant now) throws Exception {
        RequestLogStore store = new RequestLogStore(database);
        RequestLogStats stats = new RequestLogStats(database, Clock.systemUTC());
        PageRequest first = new PageRequest(1, 20);
        LogFilter lastDay = LogFilter.forStats(
                Optional.of(now.minus(Duration.ofDays(1))),
                Optional.of(now),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        LogFilter provider = LogFilter.forStats(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(2L),
                Optional.empty(),
                Optional.empty());
        LogFilter model = LogFilter.forStats(
                Optional.empty(),
                Optional.empty(),
                Optional.of("CLAUDE-opus"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        LogFilter errors = new LogFilter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                LongRange.ANY,
                LongRange.ANY,
                LongRange.ANY,
                LongRange.ANY,
                Optional.of(true));

        plan(database, store.listSql(LogFilter.ALL.where(), LogSort.NEWEST_FIRST), LogFilter.ALL.where(), 20, 0);
        plan(database, store.listSql(lastDay.where(), LogSort.NEWEST_FIRST), lastDay.where(), 20, 0);
        plan(database, store.listSql(provider.where(), LogSort.NEWEST_FIRST), provider.where(), 20, 0);
        plan(database, "SELECT COUNT(*) FROM request_logs" + lastDay.where().sql(), lastDay.where());
        plan(
                database,
                "SELECT id FROM request_logs WHERE request_time < ? LIMIT ?",
                new Where(),
                now.toEpochMilli(),
                5000);

        for (int i = 0; i < 2; i++) {
            time("list, default, page 1", () -> store.list(LogFilter.ALL, LogSort.NEWEST_FIRST, first));
            time(
                    "list, default, page 500",
                    () -> store.list(LogFilter.ALL, LogSort.NEWEST_FIRST, new PageRequest(500, 20)));
            time("list, last 24 h", () -> store.list(lastDay, LogSort.NEWEST_FIRST, first));
            time("list, provider_id", () -> store.list(provider, LogSort.NEWEST_FIRST, first));
            time("list, requested_model substring", () -> store.list(model, LogSort.NEWEST_FIRST, first));
            time("list, has_error=true", () -> store.list(errors, LogSort.NEWEST_FIRST, first));
            time(
                    "list, sort by total_cost desc",
                    () -> store.list(LogFilter.ALL, LogSort.by("total_cost", false), first));
            time(
                    "stats, last 24 h, hour",
                    () -> stats.compute(new StatsQuery(lastDay, StatsBucket.HOUR, ZoneOffset.UTC)));
            time(
                    "stats, all 7 days, day",
                    () -> stats.compute(new StatsQuery(LogFilter.ALL, StatsBucket.DAY, ZoneOffset.ofHours(8))));
            time(
                    "stats, provider_id, day",
                    () -> stats.compute(new StatsQuery(provider, StatsBucket.DAY, ZoneOffset.UTC)));
        }
        time(
                "delete one chunk of 5,000 (oldest day)",
                () -> store.deleteOlderThan(now.minus(Duration.ofDays(6)), 5_000));
        long deleted = time("delete the oldest day in chunks", () -> {
            long total = 0;
            int chunk;
            do {
                chunk = store.deleteOlderThan(now.minus(Duration.ofDays(6)), 5_000);
                total += chunk;
            } while (chunk == 5_000);
            return total;
        });
        System.out.printf("(%d rows)%n", deleted);
    }

    private static long seed(Database database, int rows, Instant now) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int p = 1; p <= PROVIDERS; p++) {
                    statement.execute("INSERT INTO service_providers (name, base_url, protocol, api_type, created_at,"
                            + " updated_at) VALUES ('p" + p + "', 'http://x/v1', 'openai', 'chat', 0, 0)");
                }
                for (int k = 1; k <= KEYS; k++) {
                    statement.execute("INSERT INTO api_keys (key_name, key_hash, key_mask, created_at) VALUES ('k" + k
                            + "', '" + k + "', 'm', 0)");
                }
            }
            SplittableRandom random = new SplittableRandom(42);
            long span = Duration.ofDays(7).toMillis();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO request_logs (request_time,"
                    + " api_key_id, api_key_name, requested_model, target_model, provider_id, provider_name,"
                    + " retry_count, matched_provider_count, first_byte_delay_ms, total_time_ms, input_tokens,"
                    + " output_tokens, request_headers, request_body, response_status, response_body, error_info,"
                    + " trace_id, is_stream, endpoint, usage_source, input_cost, output_cost, total_cost, price_source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?, ?, '{\"user-agent\":\"bench\"}', ?, ?, ?, ?, ?, ?,"
                    + " '/v1/chat/completions', 'provider', ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    bindRow(insert, random, now.toEpochMilli() - span + (span * i / rows));
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        return rows;
    }

    private static void bindRow(PreparedStatement insert, SplittableRandom random, long time) throws SQLException {
        int key = 1 + random.nextInt(KEYS);
        int provider = 1 + random.nextInt(PROVIDERS);
        String model = MODELS[random.nextInt(MODELS.length)];
        int roll = random.nextInt(100);
        int status = roll < 95 ? 200 : roll < 97 ? 429 : roll < 99 ? 500 : 0;
        boolean priced = random.nextInt(10) != 0;
        long in = 50 + random.nextInt(4000);
        long out = 10 + random.nextInt(1000);
        int total = 100 + random.nextInt(5000);
        insert.setLong(1, time);
        insert.setLong(2, key);
        insert.setString(3, "k" + key);
        insert.setString(4, model);
        insert.setString(5, model + "-2025");
        insert.setLong(6, provider);
        insert.setString(7, "p" + provider);
        insert.setInt(8, status == 200 ? 0 : 1);
        insert.setInt(9, total / 3);
        insert.setInt(10, total);
        insert.setLong(11, in);
        insert.setLong(12, out);
        insert.setString(
                13,
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there,"
                        + " this is a benchmark request of a realistic small size\"}]}");
        insert.setInt(14, status);
        insert.setString(
                15,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi! How can I help you today?\"}}],"
                        + "\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + "}}");
        insert.setString(16, status == 200 ? null : status == 0 ? "client_disconnected" : "upstream error");
        insert.setString(17, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
        insert.setBoolean(18, random.nextBoolean());
        BigDecimal inCost = priced ? BigDecimal.valueOf(in * 25, 4) : null;
        BigDecimal outCost = priced ? BigDecimal.valueOf(out * 100, 4) : null;
        insert.setBigDecimal(19, inCost);
        insert.setBigDecimal(20, outCost);
        insert.setBigDecimal(21, priced ? inCost.add(outCost) : null);
        insert.setString(22, priced ? "ModelFallback" : "unpriced");
    }

    private static long sql(Database database, String sql) throws SQLException {
        try (Connection connection = database.connection()) {
            return Sql.query(connection, sql, java.util.List.of(), row -> row.getLong(1))
                    .size();
        }
    }

    private static long raw(Database database, String sql) throws SQLException {
        try (Connection connection = database.connection()) {
            return Sql.query(connection, sql, java.util.List.of(), row -> row.getLong(1))
                    .size();
        }
    }

    private static Instant newest(Database database) throws SQLException {
        try (Connection connection = database.connection()) {
            return Instant.ofEpochMilli(
                    Sql.count(connection, "SELECT MAX(request_time) FROM request_logs", java.util.List.of()));
        }
    }

    private static void plan(Database database, String sql, Where where, Object... more) throws SQLException {
        try (Connection connection = database.connection()) {
            System.out.println("EXPLAIN QUERY PLAN " + sql);
            Sql.query(connection, "EXPLAIN QUERY PLAN " + sql, where.values(more), row -> row.getString("detail"))
                    .forEach(detail -> System.out.println("    " + detail));
        }
    }

    /** Wall time and this thread's CPU time (SQLite runs in the calling thread), which a busy machine inflates less. */
    private static <T> T time(String what, Callable<T> work) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        T result = work.call();
        System.out.printf(
                "%-45s %8.1f ms wall %8.1f ms cpu%n",
                what, (System.nanoTime() - start) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
        return result;
    }
}
