package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.health.ErrorDecision;
import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.FailureKind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision after a failed attempt: the model's policy, with a retry turned into a failover when calls run out. */
class RetryPolicyTest {
    private static final RetryPolicy THREE_CALLS = new RetryPolicy(3, Duration.ofMillis(50));

    @ParameterizedTest(name = "{0} after {1} call(s): default {2}, original {3}")
    @CsvSource(delimiter = '|', textBlock = """
            TRANSPORT    | 1 | RETRY_SAME_PROVIDER | RETRY_SAME_PROVIDER
            TRANSPORT    | 3 | FAIL_OVER           | FAIL_OVER
            TIMEOUT      | 2 | RETRY_SAME_PROVIDER | RETRY_SAME_PROVIDER
            STATUS_5XX   | 1 | RETRY_SAME_PROVIDER | RETRY_SAME_PROVIDER
            STATUS_5XX   | 3 | FAIL_OVER           | FAIL_OVER
            STATUS_429   | 1 | FAIL_OVER           | FAIL_OVER
            AUTH         | 1 | FAIL_OVER           | FAIL_OVER
            STATUS_4XX   | 1 | FAIL_OVER           | FAIL_OVER
            CLIENT_ERROR | 1 | RETURN_TO_CLIENT    | FAIL_OVER
            POOL_FULL    | 1 | FAIL_OVER           | FAIL_OVER
            STREAM_ERROR | 1 | FAIL_OVER           | FAIL_OVER
            """)
    void decides(FailureKind kind, int calls, ErrorDecision byDefault, ErrorDecision original) {
        assertThat(THREE_CALLS.decide(ErrorPolicy.DEFAULT, kind, calls)).isEqualTo(byDefault);
        assertThat(THREE_CALLS.decide(ErrorPolicy.ORIGINAL, kind, calls)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0} -> kind {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | CLIENT_ERROR
            404 | CLIENT_ERROR
            413 | CLIENT_ERROR
            422 | CLIENT_ERROR
            401 | AUTH
            403 | AUTH
            402 | STATUS_4XX
            429 | STATUS_429
            500 | STATUS_5XX
            529 | STATUS_5XX
            """)
    void everyUpstreamStatusHasItsKind(int status, FailureKind kind) {
        assertThat(Failure.status(status).kind()).isEqualTo(kind);
        assertThat(Failure.status(status).isTransport()).isFalse();
    }
}
