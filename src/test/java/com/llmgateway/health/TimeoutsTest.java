package com.llmgateway.health;

import static com.llmgateway.health.PolicyJsonText.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimeoutsTest {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

    /** Timeouts from seconds; null leaves a bound unset. */
    private static Timeouts secs(Integer connect, Integer firstByte, Integer idle, Integer total) {
        return new Timeouts(of(connect), of(firstByte), of(idle), of(total));
    }

    private static Optional<Duration> of(Integer seconds) {
        return Optional.ofNullable(seconds).map(Duration::ofSeconds);
    }

    static Stream<Arguments> merges() {
        return Stream.of(
                // Nothing configured: HTTP_TIMEOUT for connect and first byte, as the original.
                arguments(Timeouts.NONE, Timeouts.NONE, secs(60, 60, null, null)),
                arguments(Timeouts.NONE, secs(5, 120, 30, 600), secs(5, 120, 30, 600)),
                arguments(secs(null, 300, null, null), secs(5, 120, 30, 600), secs(5, 300, 30, 600)),
                arguments(secs(2, 300, 90, 900), secs(5, 120, 30, 600), secs(2, 300, 90, 900)),
                arguments(secs(null, null, 10, null), Timeouts.NONE, secs(60, 60, 10, null)));
    }

    @ParameterizedTest(name = "model {0} over provider {1} -> {2}")
    @MethodSource("merges")
    void modelOverridesProviderOverridesDefault(Timeouts model, Timeouts provider, Timeouts expected) {
        assertThat(Timeouts.effective(model, provider, HTTP_TIMEOUT)).isEqualTo(expected);
    }

    @Test
    void totalNeverAppliesToAStream() {
        Timeouts timeouts = secs(5, 30, null, 600);

        assertThat(timeouts.totalFor(false)).hasValue(Duration.ofSeconds(600));
        assertThat(timeouts.totalFor(true)).isEmpty();
    }

    @Test
    void aNonStreamBodyThatStallsIsCutAfterTheFirstByteBoundUnlessIdleIsSet() {
        Timeouts unset = Timeouts.effective(Timeouts.NONE, Timeouts.NONE, HTTP_TIMEOUT);
        Timeouts idle = Timeouts.effective(secs(null, null, 15, null), Timeouts.NONE, HTTP_TIMEOUT);

        assertThat(unset.idleFor(false)).hasValue(HTTP_TIMEOUT);
        assertThat(unset.idleFor(true)).isEmpty();
        assertThat(idle.idleFor(false)).hasValue(Duration.ofSeconds(15));
        assertThat(idle.idleFor(true)).hasValue(Duration.ofSeconds(15));
    }

    static Stream<Arguments> parsed() {
        return Stream.of(
                arguments("null", Timeouts.NONE),
                arguments("{}", Timeouts.NONE),
                arguments("{'first_byte_ms': null}", Timeouts.NONE),
                arguments(
                        "{'connect_ms': 5000, 'first_byte_ms': 300000, 'idle_ms': 60000, 'total_ms': 600000}",
                        secs(5, 300, 60, 600)),
                arguments(
                        "{'idle_ms': 1}",
                        new Timeouts(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(Duration.ofMillis(1)),
                                Optional.empty())),
                arguments("{'total_ms': 86400000}", secs(null, null, null, 86_400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsed")
    void parsesMilliseconds(String text, Timeouts expected) throws PolicyException {
        Timeouts parsed = Timeouts.parse(json(text));

        assertThat(parsed).isEqualTo(expected);
        assertThat(Timeouts.parse(parsed.json())).isEqualTo(parsed);
    }

    static Stream<Arguments> refused() {
        String range = "must be a whole number of milliseconds from 1 to 86400000, got ";
        return Stream.of(
                arguments("30", "must be an object like"),
                arguments("{'connect_ms': 0}", "connect_ms: " + range + "0"),
                arguments("{'first_byte_ms': -1}", "first_byte_ms: " + range + "-1"),
                arguments("{'idle_ms': '60s'}", "idle_ms: " + range + "\"60s\""),
                arguments("{'total_ms': 1.5}", "total_ms: " + range + "1.5"),
                arguments("{'total_ms': 86400001}", "total_ms: " + range + "86400001"),
                arguments("{'total_ms': 99999999999999999999999}", "total_ms: " + range),
                arguments(
                        "{'first_byte': 1000}",
                        "first_byte: unknown field; accepted: connect_ms, first_byte_ms, idle_ms, total_ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void validationNamesTheField(String text, String message) {
        assertThatThrownBy(() -> Timeouts.parse(json(text)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theRecordRefusesNonPositiveBounds() {
        assertThatThrownBy(() -> secs(0, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timeouts(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofDays(2))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
