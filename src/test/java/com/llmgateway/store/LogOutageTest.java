package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.LogTable;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's fault test: the database unavailable for 30 s under steady traffic (another connection holds SQLite's
 * write lock). Requests keep succeeding, rows go to the spill file, memory stays bounded (the queue never holds more
 * than its capacity), and after the outage every row is in the table exactly once.
 */
class LogOutageTest {
    /**
     * Far fewer rows than the outage produces (about 600): they can only survive it in the spill file. Large enough
     * that the writer, starved of CPU on a busy 2-core machine while it waits for the lock, does not fill it.
     */
    static final int QUEUE_CAPACITY = 50;

    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final long REQUEST_EVERY_MS = 50;

    @Test
    void aThirtySecondOutageUnderSteadyTrafficLosesNoRow() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (FakeUpstream upstream =
                        FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-target", "ok")));
                TestGateway gw = TestGateway.start(
                        Map.of("LOG_QUEUE_CAPACITY", String.valueOf(QUEUE_CAPACITY), "LOG_BATCH_SIZE", "8"))) {
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(gw.baseUrl() + "/v1")
                    .apiKey(Routing.KEY)
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(10))
                    .build();
            gw.routing(Routing.builder()
                    .provider(1, upstream.baseUrl(), Protocol.OPENAI)
                    .map("gpt-test", 1, "gpt-target", 0)
                    .build());
            LogWriter writer = gw.gateway().logWriter();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger deepestQueue = new AtomicInteger();
            scheduler.scheduleAtFixedRate(
                    () -> deepestQueue.accumulateAndGet(writer.queueDepth(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
            scheduler.scheduleAtFixedRate(
                    () -> send(client, answered, failures), 0, REQUEST_EVERY_MS, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() >= 20);

            Connection lock = LogWriterTest.lock(gw.gateway().database());
            int answeredBefore = answered.size();
            int outageRows;
            try {
                long writtenBefore = writer.written();
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.spilled() > 0);
                // For the whole outage: every request succeeds, nothing reaches the table, the queue stays bounded.
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).untilAsserted(() -> {
                    assertThat(failures).as("failed requests").hasValue(0);
                    assertThat(writer.dropped()).as("dropped rows").isZero();
                    assertThat(writer.written()).as("rows written while locked").isEqualTo(writtenBefore);
                });
                assertThat(writer.spillFile()).exists();
                outageRows = answered.size() - answeredBefore;
            } finally {
                LogWriterTest.release(lock);
            }

            int answeredAtRelease = answered.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() >= answeredAtRelease);
            scheduler.shutdownNow();
            assertThat(scheduler.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(writer.written())
                            .as("rows written (dropped: %d)", writer.dropped())
                            .isEqualTo(answered.size()));

            List<String> stored = LogTable.all(gw.gateway().database()).stream()
                    .map(row -> row.text("trace_id"))
                    .toList();
            assertThat(failures).hasValue(0);
            assertThat(writer.dropped()).isZero();
            assertThat(outageRows).isGreaterThan((int) (OUTAGE.toMillis() / REQUEST_EVERY_MS / 2));
            assertThat(writer.spilled()).isGreaterThanOrEqualTo(outageRows - QUEUE_CAPACITY);
            assertThat(deepestQueue.get()).isLessThanOrEqualTo(QUEUE_CAPACITY);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(new HashSet<>(stored)).isEqualTo(answered);
            assertThat(writer.spillFile()).doesNotExist();
            client.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static void send(OpenAIClient client, Set<String> answered, AtomicInteger failures) {
        try {
            HttpResponseFor<ChatCompletion> response = client.chat()
                    .completions()
                    .withRawResponse()
                    .create(ChatCompletionCreateParams.builder()
                            .model("gpt-test")
                            .addUserMessage("hi")
                            .build());
            if (response.statusCode() == 200 && response.parse().choices().size() == 1) {
                answered.add(response.headers().values("x-gateway-trace-id").get(0));
            } else {
                failures.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
        }
    }
}
