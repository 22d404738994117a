package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.llmgateway.testing.LogSeed;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The log queries on each database the tests can reach (SQLite always, PostgreSQL when configured): every SQL text the
 * admin API can produce runs, and gives the same answers. The API's rules are tested through the gateway in {@code
 * admin.LogsApiTest} and {@code admin.LogStatsApiTest}.
 */
class RequestLogStoreTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void everySortColumnRunsAndPutsMissingValuesLast(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            long provider = LogSeed.provider(database, "p");
            long a = LogSeed.at(NOW.minusSeconds(30)).tokens(10, 1).insert(database);
            long b = LogSeed.at(NOW.minusSeconds(20)).insert(database);
            long c = LogSeed.at(NOW.minusSeconds(10))
                    .tokens(5, 1)
                    .provider(provider, "p")
                    .insert(database);
            RequestLogStore store = new RequestLogStore(database);

            for (String column : LogSort.COLUMNS) {
                for (boolean ascending : List.of(true, false)) {
                    assertThat(ids(store.list(LogFilter.ALL, new LogSort(column, ascending), new PageRequest(1, 10))))
                            .as(column + (ascending ? " asc" : " desc"))
                            .containsExactlyInAnyOrder(a, b, c);
                }
            }
            assertThat(ids(store.list(LogFilter.ALL, LogSort.by("input_tokens", true), new PageRequest(1, 10))))
                    .containsExactly(c, a, b);
            assertThat(ids(store.list(LogFilter.ALL, LogSort.by("input_tokens", false), new PageRequest(1, 10))))
                    .containsExactly(a, c, b);
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void everyFilterAtOnce(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            long provider = LogSeed.provider(database, "p");
            long key = LogSeed.apiKey(database, "Team_A");
            long match = LogSeed.at(NOW.minusSeconds(60))
                    .model("GPT-4o", "gpt-4o-2024")
                    .provider(provider, "p")
                    .key(key, "Team_A")
                    .status(502)
                    .retries(2)
                    .tokens(100, 0)
                    .times(40, 400)
                    .error("upstream")
                    .insert(database);
            LogSeed.at(NOW.minusSeconds(50)).model("gpt-4o", "x").insert(database);
            LogFilter filter = new LogFilter(
                    Optional.of(NOW.minusSeconds(61)),
                    Optional.of(NOW.minusSeconds(60)),
                    Optional.of("gpt-4O"),
                    Optional.of("2024"),
                    Optional.of("team_"),
                    Optional.of(provider),
                    Optional.of(key),
                    new LongRange(Optional.of(500L), Optional.of(502L)),
                    new LongRange(Optional.of(2L), Optional.of(2L)),
                    new LongRange(Optional.of(100L), Optional.of(100L)),
                    new LongRange(Optional.of(0L), Optional.of(400L)),
                    Optional.of(true));

            Page<LogEntry> page =
                    new RequestLogStore(database).list(filter, LogSort.NEWEST_FIRST, new PageRequest(1, 5));

            assertThat(ids(page)).containsExactly(match);
            assertThat(page.total()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void readsEveryColumnBack(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            long id = LogSeed.at(NOW)
                    .cost("0.0012", "0.0030", "0.0042")
                    .with("request_headers", "{\"a\":\"b\"}")
                    .with("request_body_truncated", true)
                    .with("is_stream", true)
                    .insert(database);
            RequestLogStore store = new RequestLogStore(database);

            LogDetail detail = store.get(id);

            assertThat(detail.entry().requestTime()).isEqualTo(NOW);
            assertThat(detail.entry().stream()).isTrue();
            assertThat(detail.entry().totalCost()).isEqualByComparingTo("0.0042");
            assertThat(detail.inputCost()).hasToString("0.0012");
            assertThat(detail.requestBodyTruncated()).isTrue();
            assertThat(detail.responseBodyTruncated()).isFalse();
            assertThat(detail.requestHeaders()).isEqualTo("{\"a\":\"b\"}");
            assertThat(detail.entry().tokens().input()).isNull();
            assertThatThrownBy(() -> store.get(id + 1))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("log_not_found"));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void statisticsRunOnEveryDatabase(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            long provider = LogSeed.provider(database, "p");
            Instant day = NOW.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
            LogSeed.at(day.plus(Duration.ofHours(1)))
                    .model("m", "t")
                    .provider(provider, "p")
                    .status(200)
                    .tokens(100, 10)
                    .times(10, 100)
                    .cost("0.0001", "0.0002", "0.0003")
                    .insert(database);
            LogSeed.at(day.plus(Duration.ofHours(20)))
                    .model("m", "t")
                    .status(500)
                    .times(30, 300)
                    .unpriced()
                    .insert(database);
            LogFilter filter = LogFilter.forStats(
                    Optional.of(day),
                    Optional.of(day.plus(Duration.ofDays(1)).minusMillis(1)),
                    Optional.of("M"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());

            LogStatistics stats = new RequestLogStats(database, Clock.systemUTC())
                    .compute(new StatsQuery(filter, StatsBucket.DAY, ZoneOffset.ofHours(8)));

            assertThat(stats.summary().requestCount()).isEqualTo(2);
            assertThat(stats.summary().errorCount()).isEqualTo(1);
            assertThat(stats.summary().costs().total()).isEqualByComparingTo("0.0003");
            assertThat(stats.summary().costs().unpricedCount()).isEqualTo(1);
            assertThat(stats.totalTimeMs()).contains(new LogStatistics.Percentiles(100, 300));
            // In UTC+8 the day's 01:00Z and 20:00Z fall on two local days.
            assertThat(stats.trend()).extracting(b -> b.totals().requestCount()).containsExactly(1L, 1L);
            assertThat(stats.byProvider())
                    .extracting(LogStatistics.Group::id, LogStatistics.Group::name)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(provider, "p"),
                            org.assertj.core.groups.Tuple.tuple(null, null));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void deletesOldRowsInChunks(Supplier<Database> databases) throws Exception {
        try (Database database = databases.get()) {
            for (int i = 0; i < 7; i++) {
                LogSeed.at(NOW.minus(Duration.ofDays(8)).plusSeconds(i)).insert(database);
            }
            long kept = LogSeed.at(NOW.minus(Duration.ofDays(6))).insert(database);
            RequestLogStore store = new RequestLogStore(database);

            assertThat(store.deleteOlderThan(NOW.minus(Duration.ofDays(7)), 3)).isEqualTo(3);

            Vertx vertx = Vertx.vertx();
            try {
                LogRetention retention = new LogRetention(vertx, store, Clock.fixed(NOW, ZoneOffset.UTC), 2, 1);
                long deleted = retention
                        .deleteOlderThan(7)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                assertThat(deleted).isEqualTo(4);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            assertThat(ids(store.list(LogFilter.ALL, LogSort.NEWEST_FIRST, new PageRequest(1, 10))))
                    .containsExactly(kept);
        }
    }

    private static List<Long> ids(Page<LogEntry> page) {
        return page.items().stream().map(LogEntry::id).toList();
    }
}
