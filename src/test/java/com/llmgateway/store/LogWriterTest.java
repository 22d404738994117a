package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.llmgateway.config.LogSettings;
import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.testing.LogTable;
import com.llmgateway.usage.Accountant;
import com.llmgateway.usage.Accounting;
import com.llmgateway.usage.Cost;
import com.llmgateway.usage.PriceSource;
import com.llmgateway.usage.TokenUsage;
import com.llmgateway.usage.UsageSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The writer against a real database: batches, outages and the spill file, full queues, refused rows, shutdown. */
class LogWriterTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Accountant ACCOUNTANT = record -> new Accounting(
            new TokenUsage(11L, 22L, null, null, null),
            UsageSource.PROVIDER,
            new Cost(
                    new BigDecimal("0.0011"),
                    new BigDecimal("0.0022"),
                    new BigDecimal("0.0033"),
                    PriceSource.MODEL_FALLBACK));

    @TempDir
    Path dir;

    static LogSettings settings(int queueCapacity, int batchSize, long spillMaxBytes) {
        return new LogSettings(
                7, 4, 64 * 1024, queueCapacity, 1L << 30, batchSize, spillMaxBytes, Duration.ofSeconds(5));
    }

    private LogWriter writer(Database database, LogSettings settings) {
        return writer(() -> database.openUnpooled(Duration.ofMillis(200), "test"), settings, ACCOUNTANT);
    }

    private LogWriter writer(RowSink.Connector connector, LogSettings settings, Accountant accountant) {
        return LogWriter.start(connector, spillPath(), accountant, settings);
    }

    private Path spillPath() {
        return dir.resolve("spill.jsonl");
    }

    /** A key and two providers for the rows to reference. */
    private static void seed(Database database) throws SQLException {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO api_keys (id, key_name, key_hash, key_mask, created_at)"
                    + " VALUES (1, 'test-key', 'h', 'm', 0)");
            for (int id = 1; id <= 2; id++) {
                statement.execute("INSERT INTO service_providers (id, name, base_url, protocol, api_type, created_at,"
                        + " updated_at) VALUES (" + id + ", 'provider-" + id
                        + "', 'http://x', 'openai', 'chat', 0, 0)");
            }
        }
    }

    private static List<ExchangeRecord> records(int count) {
        return IntStream.range(0, count)
                .mapToObj(i ->
                        TestRecords.chat().with(r -> r.traceId = "trace-" + i).build())
                .toList();
    }

    private static List<String> storedTraceIds(Database database) {
        return LogTable.all(database).stream().map(row -> row.text("trace_id")).toList();
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void writesEveryColumnOfEveryRowInBatches(Supplier<Database> databases) throws SQLException {
        try (Database database = databases.get()) {
            seed(database);
            try (LogWriter writer = writer(database, settings(100, 7, 1 << 20))) {
                records(24).forEach(writer::exchangeFinished);
                ExchangeRecord full = TestRecords.chat()
                        .with(r -> {
                            r.traceId = "full";
                            r.stream = true;
                            r.attempts = List.of(
                                    new AttemptRecord(1, "provider-1", "a", 503, true, 5, Optional.of("down")),
                                    new AttemptRecord(2, "provider-2", "target-b", 200, false, 9, Optional.empty()));
                            r.retryCount = 1;
                            r.matched = 2;
                        })
                        .build();
                writer.exchangeFinished(full);

                await().atMost(WAIT).until(() -> writer.written() == 25);
                assertThat(writer.queued()).isEqualTo(25);
                assertThat(writer.spilled()).isZero();
                assertThat(writer.dropped()).isZero();
            }
            LogRow expected = LogRows.from(
                    TestRecords.chat()
                            .with(r -> {
                                r.traceId = "full";
                                r.stream = true;
                                r.attempts = List.of(
                                        new AttemptRecord(1, "provider-1", "a", 503, true, 5, Optional.of("down")),
                                        new AttemptRecord(
                                                2, "provider-2", "target-b", 200, false, 9, Optional.empty()));
                                r.retryCount = 1;
                                r.matched = 2;
                            })
                            .build(),
                    ACCOUNTANT.account(null),
                    settings(100, 7, 1 << 20));
            LogTable.Row row = LogTable.byTrace(database, "full").orElseThrow();
            assertThat(row.number("request_time")).isEqualTo(expected.requestTime());
            assertThat(row.number("api_key_id")).isEqualTo(1L);
            assertThat(row.text("api_key_name")).isEqualTo("test-key");
            assertThat(row.text("requested_model")).isEqualTo("gpt-test");
            assertThat(row.text("target_model")).isEqualTo("target-b");
            assertThat(row.number("provider_id")).isEqualTo(2L);
            assertThat(row.text("provider_name")).isEqualTo("provider-2");
            assertThat(row.number("retry_count")).isEqualTo(1L);
            assertThat(row.number("matched_provider_count")).isEqualTo(2L);
            assertThat(row.number("first_byte_delay_ms")).isEqualTo(12L);
            assertThat(row.number("total_time_ms")).isEqualTo(15L);
            assertThat(row.number("input_tokens")).isEqualTo(11L);
            assertThat(row.number("output_tokens")).isEqualTo(22L);
            assertThat(row.text("request_headers")).isEqualTo(expected.requestHeaders());
            assertThat(row.text("request_body")).isEqualTo(TestRecords.REQUEST_BODY);
            assertThat(row.number("response_status")).isEqualTo(200L);
            assertThat(row.text("response_body")).isEqualTo(TestRecords.RESPONSE_BODY);
            assertThat(row.text("error_info")).isNull();
            assertThat(row.flag("is_stream")).isTrue();
            assertThat(row.text("endpoint")).isEqualTo("/v1/chat/completions");
            assertThat(row.text("attempts")).isEqualTo(expected.attempts());
            assertThat(row.text("usage_source")).isEqualTo("provider");
            assertThat(row.number("cache_read_tokens")).isNull();
            assertThat(row.decimal("input_cost")).isEqualByComparingTo("0.0011");
            assertThat(row.decimal("output_cost")).isEqualByComparingTo("0.0022");
            assertThat(row.decimal("total_cost")).isEqualByComparingTo("0.0033");
            assertThat(row.text("price_source")).isEqualTo("ModelFallback");
            assertThat(row.flag("request_body_truncated")).isFalse();
            assertThat(row.flag("response_body_truncated")).isFalse();
            assertThat(storedTraceIds(database))
                    .hasSize(25)
                    .startsWith("trace-0", "trace-1")
                    .endsWith("full");
        }
    }

    @Test
    void holdsNoLockBetweenBatches() throws Exception {
        try (Database database = TestDatabases.sqlite();
                LogWriter writer = writer(database, settings(10, 10, 1 << 20))) {
            records(3).forEach(writer::exchangeFinished);
            await().atMost(WAIT).until(() -> writer.written() == 3);

            Properties noWait = new Properties();
            noWait.setProperty("busy_timeout", "0");
            try (Connection other = DriverManager.getConnection(
                            "jdbc:sqlite:" + database.config().sqliteFile().orElseThrow(), noWait);
                    Statement statement = other.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                statement.execute("COMMIT");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void storesRowsOfADeletedKeyOrProviderWithoutTheReferenceButWithTheNames(Supplier<Database> databases) {
        try (Database database = databases.get();
                LogWriter writer = writer(database, settings(10, 10, 1 << 20))) {
            writer.exchangeFinished(TestRecords.chat()
                    .with(r -> {
                        r.traceId = "orphan";
                        r.apiKey = new ApiKeyEntry(404, "gone-key", true);
                    })
                    .build());

            LogTable.Row row = LogTable.awaitRow(database, "orphan");

            assertThat(row.number("api_key_id")).isNull();
            assertThat(row.text("api_key_name")).isEqualTo("gone-key");
            assertThat(row.number("provider_id")).isNull();
            assertThat(row.text("provider_name")).isEqualTo("provider-1");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void reconnectsAfterConnectionFailuresAndLosesNothing(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            AtomicInteger failuresLeft = new AtomicInteger(3);
            RowSink.Connector flaky = () -> {
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new SQLException("connection refused", "08001");
                }
                return database.openUnpooled(Duration.ofMillis(200), "test");
            };
            try (LogWriter writer = writer(flaky, settings(100, 5, 1 << 20), ACCOUNTANT)) {
                records(30).forEach(writer::exchangeFinished);

                await().atMost(WAIT).until(() -> writer.written() == 30);
                assertThat(writer.spilled()).isPositive();
                assertThat(writer.dropped()).isZero();
            }
            assertThat(storedTraceIds(database))
                    .containsExactlyElementsOf(
                            IntStream.range(0, 30).mapToObj(i -> "trace-" + i).toList());
            assertThat(spillPath()).doesNotExist();
        }
    }

    @Test
    void whileTheDatabaseIsLockedRowsGoToTheSpillFileAndComeBackInOrder() throws Exception {
        try (Database database = TestDatabases.sqlite();
                LogWriter writer = writer(database, settings(50, 3, 1 << 20))) {
            Connection lock = lock(database);
            try {
                records(40).forEach(writer::exchangeFinished);
                await().atMost(WAIT).until(() -> writer.spilled() == 40);
                assertThat(writer.written()).isZero();
                assertThat(spillPath()).exists();
            } finally {
                release(lock);
            }

            await().atMost(WAIT).until(() -> writer.written() == 40);
            assertThat(writer.dropped()).isZero();
            assertThat(spillPath()).doesNotExist();
            assertThat(storedTraceIds(database))
                    .containsExactlyElementsOf(
                            IntStream.range(0, 40).mapToObj(i -> "trace-" + i).toList());
        }
    }

    @Test
    void aSpillFileLeftByAnEarlierRunIsWrittenAtStartWithoutDuplicates() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            List<LogRow> earlier = IntStream.range(0, 3)
                    .mapToObj(i -> SpillFileTest.row("earlier-" + i))
                    .toList();
            new SpillFile(spillPath(), 1 << 20).append(earlier);
            // The previous run crashed after committing the first row and before marking it consumed.
            try (Connection connection = database.connection()) {
                RequestLogInserts.insert(connection, earlier.subList(0, 1));
            }

            try (LogWriter writer = writer(database, settings(10, 10, 1 << 20))) {
                writer.exchangeFinished(records(1).get(0));
                await().atMost(WAIT).until(() -> writer.written() == 3);
            }

            assertThat(storedTraceIds(database)).containsExactly("earlier-0", "earlier-1", "earlier-2", "trace-0");
            assertThat(spillPath()).doesNotExist();
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsDroppedAndCountedWithoutHoldingUpTheOthers() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            try (Connection connection = database.connection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON request_logs"
                        + " WHEN NEW.requested_model = 'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END");
            }
            try (LogWriter writer = writer(database, settings(100, 10, 1 << 20))) {
                List<ExchangeRecord> records = IntStream.range(0, 10)
                        .mapToObj(i -> TestRecords.chat()
                                .with(r -> {
                                    r.traceId = "trace-" + i;
                                    r.requestedModel = i == 4 ? "poison" : "gpt-test";
                                })
                                .build())
                        .toList();
                // All ten in the queue before the writer takes them, so that they share one batch.
                records.forEach(writer::exchangeFinished);

                await().atMost(WAIT).until(() -> writer.written() + writer.dropped() == 10);
                assertThat(writer.dropped()).isEqualTo(1);
                assertThat(writer.spilled()).isZero();
            }
            assertThat(storedTraceIds(database)).hasSize(9).doesNotContain("trace-4");
        }
    }

    @Test
    void whenTheSpillFileIsFullRowsAreDroppedAndCounted() throws Exception {
        long lineBytes =
                Sql.JSON.writeValueAsBytes(LogRows.from(records(1).get(0), ACCOUNTANT.account(null), settings(1, 1, 1)))
                                .length
                        + 1;
        try (Database database = TestDatabases.sqlite();
                LogWriter writer = writer(database, settings(100, 1, 3 * lineBytes + lineBytes / 2))) {
            Connection lock = lock(database);
            try {
                records(10).forEach(writer::exchangeFinished);
                await().atMost(WAIT).until(() -> writer.spilled() + writer.dropped() == 10);
            } finally {
                release(lock);
            }

            await().atMost(WAIT).until(() -> writer.written() == 3);
            assertThat(writer.spilled()).isEqualTo(3);
            assertThat(writer.dropped()).isEqualTo(7);
            assertThat(storedTraceIds(database)).containsExactly("trace-0", "trace-1", "trace-2");
        }
    }

    @Test
    void aBurstFasterThanTheDatabaseIsParkedInTheSpillFileNotDropped() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            // A database that takes 60 ms per batch (each prepares its insert): at most 800 rows/s in batches of 50.
            RowSink.Connector slow = () -> {
                Connection real = database.openUnpooled(Duration.ofMillis(200), "test");
                return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(60));
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            };
            int count = 3000;
            try (LogWriter writer = writer(slow, settings(1000, 50, 1 << 30), ACCOUNTANT)) {
                // About 5,000 requests/s, six times what the database takes.
                List<ExchangeRecord> records = records(count);
                long next = System.nanoTime();
                for (ExchangeRecord record : records) {
                    writer.exchangeFinished(record);
                    next += 200_000;
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                }

                assertThat(writer.dropped()).isZero();
                assertThat(writer.spilled()).isPositive();
                await().atMost(Duration.ofSeconds(60)).until(() -> writer.written() == count);
            }
            assertThat(storedTraceIds(database)).hasSize(count).doesNotHaveDuplicates();
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            CountDownLatch opened = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RowSink.Connector stuck = () -> {
                opened.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return database.openUnpooled(Duration.ofMillis(200), "test");
            };
            try (LogWriter writer = writer(stuck, settings(2, 1, 1 << 20), ACCOUNTANT)) {
                List<ExchangeRecord> records = records(10);
                writer.exchangeFinished(records.get(0));
                assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds record 0

                long start = System.nanoTime();
                records.subList(1, 10).forEach(writer::exchangeFinished);
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertThat(elapsedMs).as("offering never waits").isLessThan(500);
                assertThat(writer.queueDepth()).isEqualTo(2);
                assertThat(writer.dropped()).isEqualTo(7);
                release.countDown();
                await().atMost(WAIT).until(() -> writer.written() == 3);
                assertThat(writer.queued()).isEqualTo(3);
            }
            assertThat(storedTraceIds(database)).containsExactly("trace-0", "trace-1", "trace-2");
        }
    }

    /** A connector that blocks the writer on its first connection until {@code release} opens. */
    private static RowSink.Connector stuckUntil(Database database, CountDownLatch opened, CountDownLatch release) {
        return () -> {
            opened.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return database.openUnpooled(Duration.ofMillis(200), "test");
        };
    }

    private static ExchangeRecord withBody(String traceId, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        java.util.Arrays.fill(body, (byte) 'a');
        return TestRecords.chat()
                .with(r -> {
                    r.traceId = traceId;
                    r.requestBody = body;
                })
                .build();
    }

    /** The queue is bounded by the memory its records hold too: big request bodies cannot pile up unbounded. */
    @Test
    void recordsPastTheQueuesByteBudgetAreDroppedAndCounted() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            CountDownLatch opened = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            LogSettings settings = new LogSettings(7, 4, 64 * 1024, 100, 1 << 20, 1, 1 << 30, Duration.ofSeconds(5));
            try (LogWriter writer = writer(stuckUntil(database, opened, release), settings, ACCOUNTANT)) {
                writer.exchangeFinished(withBody("trace-0", 10));
                assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds record 0

                for (int i = 1; i < 10; i++) {
                    writer.exchangeFinished(withBody("trace-" + i, 300 * 1024));
                }

                assertThat(writer.queueDepth())
                        .as("three 300 KiB bodies fit in 1 MiB, a fourth does not")
                        .isEqualTo(3);
                assertThat(writer.queuedBytes()).isBetween(900L * 1024, 1L << 20);
                assertThat(writer.dropped()).isEqualTo(6);
                release.countDown();
                await().atMost(WAIT).until(() -> writer.written() == 4);
                assertThat(writer.queuedBytes()).isZero();
            }
            assertThat(storedTraceIds(database)).containsExactly("trace-0", "trace-1", "trace-2", "trace-3");
        }
    }

    @Test
    void oneRecordAloneIsTakenWhateverItsSize() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            CountDownLatch opened = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            LogSettings settings = new LogSettings(7, 4, 64 * 1024, 100, 1 << 20, 1, 1 << 30, Duration.ofSeconds(5));
            try (LogWriter writer = writer(stuckUntil(database, opened, release), settings, ACCOUNTANT)) {
                writer.exchangeFinished(withBody("trace-0", 10));
                assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();

                writer.exchangeFinished(withBody("big", 2 << 20));
                writer.exchangeFinished(withBody("small", 10));

                assertThat(writer.queueDepth()).isEqualTo(1);
                assertThat(writer.dropped()).isEqualTo(1);
                release.countDown();
                await().atMost(WAIT).until(() -> writer.written() == 2);
            }
            assertThat(storedTraceIds(database)).containsExactly("trace-0", "big");
        }
    }

    @Test
    void aFailingAccountantCostsTheTokensOfARowNotTheRow() {
        try (Database database = TestDatabases.sqlite();
                LogWriter writer = writer(
                        () -> database.openUnpooled(Duration.ofMillis(200), "test"),
                        settings(10, 10, 1 << 20),
                        record -> {
                            throw new IllegalStateException("no prices");
                        })) {
            writer.exchangeFinished(records(1).get(0));

            LogTable.Row row = LogTable.awaitRow(database, "trace-0");

            assertThat(row.number("input_tokens")).isNull();
            assertThat(row.text("usage_source")).isEqualTo("none");
            assertThat(row.text("price_source")).isEqualTo("unpriced");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void closeWritesEveryQueuedRow(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            LogWriter writer = writer(database, settings(1000, 50, 1 << 20));
            records(500).forEach(writer::exchangeFinished);

            writer.close();

            assertThat(writer.written()).isEqualTo(500);
            assertThat(LogTable.count(database)).isEqualTo(500);
            writer.exchangeFinished(records(1).get(0));
            assertThat(writer.dropped()).as("offered after close").isEqualTo(1);
        }
    }

    @Test
    void closeDuringAnOutageSpillsEveryQueuedRowForTheNextStart() throws Exception {
        try (Database database = TestDatabases.sqlite()) {
            LogWriter writer = writer(database, settings(1000, 10, 1 << 20));
            Connection lock = lock(database);
            try {
                records(100).forEach(writer::exchangeFinished);
                writer.close();
            } finally {
                release(lock);
            }
            assertThat(writer.spilled() + writer.written()).isEqualTo(100);
            assertThat(writer.dropped()).isZero();
            assertThat(Files.exists(spillPath())).isTrue();

            try (LogWriter next = writer(database, settings(10, 10, 1 << 20))) {
                await().atMost(WAIT).until(() -> LogTable.count(database) == 100);
            }
            assertThat(spillPath()).doesNotExist();
        }
    }

    /** Another connection takes SQLite's write lock and keeps it until {@link #release}. */
    static Connection lock(Database database) throws SQLException {
        Path file = database.config().sqliteFile().orElseThrow();
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
        }
        return connection;
    }

    static void release(Connection lock) throws SQLException {
        try (Statement statement = lock.createStatement()) {
            statement.execute("COMMIT");
        } finally {
            lock.close();
        }
    }
}
