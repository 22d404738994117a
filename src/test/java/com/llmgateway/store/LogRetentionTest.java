package com.llmgateway.store;

import com.llmgateway.testing.LogSeed;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogRetentionTest {
    private Vertx vertx;
    private Database database;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        database = TestDatabases.sqlite();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        database.close();
    }

    @Test
    void theDailyRunDeletesWhatIsOlderThanTheRetentionAtTheCleanupHour() {
        // A clock stopped 50 ms before 04:00 in Shanghai: the run is due in 50 ms (and, the clock being stopped, every
        // 50 ms after that, which does no harm).
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Instant due = ZonedDateTime.of(2026, 1, 16, 4, 0, 0, 0, zone).toInstant();
        Clock clock = Clock.fixed(due.minusMillis(50), zone);
        for (int i = 0; i < 5; i++) {
            LogSeed.at(due.minus(Duration.ofDays(8)).plusSeconds(i)).insert(database);
        }
        long kept = LogSeed.at(due.minus(Duration.ofDays(6))).insert(database);
        RequestLogStore store = new RequestLogStore(database);

        try (LogRetention retention = new LogRetention(vertx, store, clock, 2, 1)) {
            retention.scheduleDaily(4, 7);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids(store), ids -> ids.equals(List.of(kept)));
        }
    }

    private static List<Long> ids(RequestLogStore store) {
        return store.list(LogFilter.ALL, LogSort.NEWEST_FIRST, new PageRequest(1, 100)).items().stream()
                .map(LogEntry::id)
                .toList();
    }
}
