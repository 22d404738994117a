package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureClassTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Failure.status(400), FailureClass.HTTP_4XX),
                Arguments.of(Failure.status(429), FailureClass.HTTP_4XX),
                Arguments.of(Failure.status(500), FailureClass.HTTP_5XX),
                // An upstream that itself answers 502/503/504 is a status, not a transport failure.
                Arguments.of(Failure.status(502), FailureClass.HTTP_5XX),
                Arguments.of(Failure.status(503), FailureClass.HTTP_5XX),
                Arguments.of(Failure.status(504), FailureClass.HTTP_5XX),
                Arguments.of(Failure.status(101), FailureClass.HTTP_OTHER),
                Arguments.of(Failure.connection("refused"), FailureClass.CONNECTION),
                Arguments.of(Failure.timeout("slow"), FailureClass.TIMEOUT),
                Arguments.of(Failure.poolFull(), FailureClass.POOL_FULL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void everyFailureOfTheExchangeHasItsClass(Failure failure, FailureClass expected) {
        AttemptRecord attempt = new AttemptRecord(
                1, "p", "m", failure.status(), failure.isTransport(), 5, Optional.of(failure.message()));

        assertThat(attempt.failureClass()).hasValue(expected);
        assertThat(expected.label()).isEqualTo(expected.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aSuccessfulAttemptHasNone() {
        assertThat(new AttemptRecord(1, "p", "m", 200, false, 5, Optional.empty()).failureClass())
                .isEmpty();
    }
}
