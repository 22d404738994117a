package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed-spec section 6, case by case: call counts, delays, order, retry_count and what the client receives. */
class RetryFailoverTest {
    static final long RETRY_DELAY_MS = 50;
    static final String OK_A = Payloads.chatCompletion("target-a", "from A");
    static final String OK_B = Payloads.chatCompletion("target-b", "from B");

    static FakeUpstream a;
    static FakeUpstream b;
    static FakeUpstream c;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        a = FakeUpstream.start(FakeUpstream.json(200, OK_A));
        b = FakeUpstream.start(FakeUpstream.json(200, OK_B));
        c = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("target-c", "from C")));
        gw = TestGateway.start(Map.of(
                "RETRY_MAX_ATTEMPTS", "3", "RETRY_DELAY_MS", String.valueOf(RETRY_DELAY_MS), "HTTP_TIMEOUT", "1"));
    }

    /** Three providers and a single-provider model; tests add fresh model names so rotations start anew. */
    private static Routing base() {
        return Routing.builder()
                .provider(1, a.baseUrl(), Protocol.OPENAI)
                .provider(2, b.baseUrl(), Protocol.OPENAI)
                .provider(3, c.baseUrl(), Protocol.OPENAI)
                .map("single", 1, "target-a", 0);
    }

    @BeforeEach
    void reset() {
        gw.routing(base().build());
        for (FakeUpstream upstream : List.of(a, b, c)) {
            upstream.reset();
        }
    }

    @AfterAll
    static void stop() {
        gw.close();
        a.close();
        b.close();
        c.close();
    }

    private static HttpResponse<String> chat(String model) {
        return Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer(Routing.KEY));
    }

    @Test
    void successOnTheFirstCallHasNoRetries() {
        HttpResponse<String> response = chat("single");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(OK_A);
        assertThat(a.count()).isEqualTo(1);
        assertThat(gw.record(response).retryCount()).isZero();
    }

    @Test
    void serverErrorsAreRetriedOnTheSameProviderWithTheDelayBetweenCalls() {
        a.enqueue(FakeUpstream.json(500, Payloads.openAiError("boom")), FakeUpstream.json(502, "bad gateway"));

        HttpResponse<String> response = chat("single");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(a.count()).isEqualTo(3);
        List<FakeUpstream.Recorded> calls = a.requests();
        for (int i = 1; i < calls.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(
                    calls.get(i).receivedNanos() - calls.get(i - 1).receivedNanos());
            assertThat(gapMs).isGreaterThanOrEqualTo(RETRY_DELAY_MS);
        }
        assertThat(gw.record(response).retryCount()).isEqualTo(2);
    }

    @Test
    void aProviderThatFailsEveryAttemptIsLeftForTheNextInPriorityOrder() {
        a.setFallback(FakeUpstream.json(500, Payloads.openAiError("down")));
        try {
            // The first request of a model starts at A (round robin), exhausts its 3 attempts, then B answers.
            HttpResponse<String> response = chat(freshPair());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(OK_B);
            assertThat(a.count()).isEqualTo(3);
            assertThat(b.count()).isEqualTo(1);
            ExchangeRecord record = gw.record(response);
            assertThat(record.retryCount()).isEqualTo(3);
            assertThat(record.finalAttempt().orElseThrow().providerId()).isEqualTo(2);
            assertThat(record.attempts()).extracting(AttemptRecord::status).containsExactly(500, 500, 500, 200);
        } finally {
            a.setFallback(FakeUpstream.json(200, OK_A));
        }
    }

    @Test
    void aClientErrorIsReturnedAsItWasWithoutTryingOtherProviders() {
        // Issue 4: 400, 404, 413 and 422 are the request's fault; another provider would refuse it too.
        String model = freshPair();
        a.enqueue(FakeUpstream.json(400, Payloads.openAiError("client side")));

        HttpResponse<String> response = chat(model);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(Payloads.openAiError("client side"));
        assertThat(a.count()).isEqualTo(1);
        assertThat(b.count()).isZero();
        assertThat(gw.record(response).retryCount()).isEqualTo(1);
    }

    @Test
    void withTheOriginalPolicyAClientErrorMovesToTheNextProviderAtOnce() {
        String model = "original-" + System.nanoTime();
        gw.routing(base().map(model, 1, "target-a", 0)
                .map(model, 2, "target-b", 1)
                .errorPolicy(model, ErrorPolicy.ORIGINAL)
                .build());
        a.enqueue(FakeUpstream.json(400, Payloads.openAiError("client side")));

        HttpResponse<String> response = chat(model);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(OK_B);
        assertThat(a.count()).as(() -> a.requests().toString()).isEqualTo(1);
        assertThat(b.count()).isEqualTo(1);
        assertThat(gw.record(response).retryCount()).isEqualTo(1);
    }

    @Test
    void whenEveryProviderFailsTheClientGetsTheLastResponseAsItWas() {
        a.setFallback(FakeUpstream.json(500, Payloads.openAiError("a is down")));
        b.setFallback(FakeUpstream.json(503, Payloads.openAiError("b is down")));
        try {
            String model = freshPair();
            HttpResponse<String> response = chat(model);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo(Payloads.openAiError("b is down"));
            assertThat(response.headers().firstValue("x-upstream")).hasValue("fake");
            assertThat(a.count()).isEqualTo(3);
            assertThat(b.count()).isEqualTo(3);
            assertThat(gw.record(response).retryCount()).isEqualTo(6);
            assertThat(gw.record(response).finalAttempt().orElseThrow().providerId())
                    .isEqualTo(2);
        } finally {
            a.setFallback(FakeUpstream.json(200, OK_A));
            b.setFallback(FakeUpstream.json(200, OK_B));
        }
    }

    @Test
    void roundRobinRotatesTheStartAndFailoverFollowsPriorityWithoutRevisiting() {
        String model = "trio-" + System.nanoTime();
        gw.routing(base().map(model, 3, "target-c", 2)
                .map(model, 1, "target-a", 0)
                .map(model, 2, "target-b", 1)
                .build());

        assertThat(chat(model).body()).contains("from A"); // 1st request starts at A
        assertThat(chat(model).body()).contains("from B"); // 2nd at B

        // 3rd starts at C; C fails with 402, so failover goes to A (first untried by priority), not back to C.
        c.enqueue(FakeUpstream.json(402, Payloads.openAiError("bad")));
        a.reset();
        HttpResponse<String> third = chat(model);
        assertThat(third.body()).contains("from A");
        assertThat(a.count()).isEqualTo(1);

        // 4th starts at A; A and B fail with 401, C answers: order A, B, C.
        a.enqueue(FakeUpstream.json(401, Payloads.openAiError("no")));
        b.enqueue(FakeUpstream.json(401, Payloads.openAiError("no")));
        HttpResponse<String> fourth = chat(model);
        assertThat(fourth.body()).contains("from C");
        assertThat(gw.record(fourth).attempts())
                .extracting(AttemptRecord::providerId)
                .containsExactly(1L, 2L, 3L);
        assertThat(gw.record(fourth).retryCount()).isEqualTo(2);
    }

    @Test
    void transportErrorsAreRetriedLikeServerErrorsAndEndInA502WhenNothingAnswers() {
        a.setFallback(FakeUpstream.dropConnection());
        try {
            HttpResponse<String> response = chat("single");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("\"type\":\"api_error\"").contains("\"code\":\"upstream_error\"");
            assertThat(a.count()).isEqualTo(3);
            assertThat(gw.record(response).retryCount()).isEqualTo(3);
            assertThat(gw.record(response).attempts()).allMatch(AttemptRecord::transportFailure);
        } finally {
            a.setFallback(FakeUpstream.json(200, OK_A));
        }
    }

    @Test
    void aProviderThatNeverAnswersTimesOutEachAttemptAndEndsIn504() {
        a.setFallback(FakeUpstream.hang());
        try {
            HttpResponse<String> response = chat("single");

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).contains("\"code\":\"upstream_timeout\"");
            assertThat(a.count()).isEqualTo(3);
            assertThat(gw.record(response).attempts())
                    .extracting(AttemptRecord::status)
                    .containsOnly(504);
        } finally {
            a.setFallback(FakeUpstream.json(200, OK_A));
        }
    }

    private static String freshPair() {
        String model = "pair-" + System.nanoTime();
        gw.routing(
                base().map(model, 1, "target-a", 0).map(model, 2, "target-b", 1).build());
        return model;
    }
}
