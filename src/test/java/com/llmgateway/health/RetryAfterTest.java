package com.llmgateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterTest {
    /** Wednesday, 5 March 2025, noon UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-05T12:00:00Z"), ZoneOffset.UTC);

    private static Optional<Duration> seconds(double seconds) {
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                // Retry-After as delta-seconds.
                arguments(Map.of("retry-after", "2"), seconds(2)),
                arguments(Map.of("retry-after", " 120 "), seconds(120)),
                arguments(Map.of("retry-after", "0"), seconds(0)),
                arguments(Map.of("retry-after", "1.5"), seconds(1.5)),
                arguments(Map.of("retry-after", "-3"), seconds(0)),
                arguments(Map.of("retry-after", "99999999999999999999"), Optional.of(RetryAfter.MAX)),
                // Retry-After as an HTTP-date, in RFC 9110's three forms.
                arguments(Map.of("retry-after", "Wed, 05 Mar 2025 12:00:30 GMT"), seconds(30)),
                arguments(Map.of("retry-after", "Wed, 5 Mar 2025 12:00:30 GMT"), seconds(30)),
                arguments(Map.of("retry-after", "wed, 05 mar 2025 12:00:30 gmt"), seconds(30)),
                arguments(Map.of("retry-after", "Wednesday, 05-Mar-25 12:01:00 GMT"), seconds(60)),
                arguments(Map.of("retry-after", "Wed Mar  5 12:00:05 2025"), seconds(5)),
                arguments(Map.of("retry-after", "Wed Mar 05 12:00:05 2025"), seconds(5)),
                arguments(Map.of("retry-after", "Tue, 04 Mar 2025 12:00:00 GMT"), seconds(0)),
                arguments(Map.of("retry-after", "Thu, 06 Mar 2025 12:00:00 GMT"), Optional.of(RetryAfter.MAX)),
                // retry-after-ms, preferred to the rounded Retry-After beside it.
                arguments(Map.of("retry-after-ms", "1500"), seconds(1.5)),
                arguments(Map.of("retry-after-ms", "20.2"), Optional.of(Duration.ofMillis(21))),
                arguments(Map.of("retry-after-ms", "1500", "retry-after", "2"), seconds(1.5)),
                arguments(Map.of("retry-after-ms", "soon", "retry-after", "3"), seconds(3)),
                // OpenAI's reset hints: the longest.
                arguments(Map.of("x-ratelimit-reset-requests", "1s"), seconds(1)),
                arguments(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s"), seconds(360)),
                arguments(Map.of("x-ratelimit-reset-tokens", "20ms"), seconds(0.02)),
                arguments(Map.of("x-ratelimit-reset-tokens", "59m59.5s"), seconds(3599.5)),
                arguments(Map.of("x-ratelimit-reset-tokens", "1h2m3.5s"), Optional.of(RetryAfter.MAX)),
                // Anthropic's reset hints: timestamps, the longest.
                arguments(Map.of("anthropic-ratelimit-tokens-reset", "2025-03-05T12:00:45Z"), seconds(45)),
                arguments(
                        Map.of(
                                "anthropic-ratelimit-requests-reset", "2025-03-05T12:00:10Z",
                                "anthropic-ratelimit-input-tokens-reset", "2025-03-05T12:00:20Z",
                                "anthropic-ratelimit-output-tokens-reset", "2025-03-05T13:01:00+01:00"),
                        seconds(60)),
                arguments(Map.of("anthropic-ratelimit-tokens-reset", "2025-03-05T12:00:01.250Z"), seconds(1.25)),
                arguments(Map.of("anthropic-ratelimit-requests-reset", "2025-03-05T11:59:00Z"), seconds(0)),
                // Both vendors' hints together, and an explicit wait over any hint.
                arguments(
                        Map.of(
                                "x-ratelimit-reset-requests",
                                "1s",
                                "anthropic-ratelimit-tokens-reset",
                                "2025-03-05T12:00:45Z"),
                        seconds(45)),
                arguments(Map.of("retry-after", "2", "x-ratelimit-reset-tokens", "6m0s"), seconds(2)),
                arguments(
                        Map.of("retry-after", "2", "anthropic-ratelimit-tokens-reset", "2025-03-05T12:00:45Z"),
                        seconds(2)),
                // Garbage is ignored, and the next source is used.
                arguments(Map.of("retry-after", "soon"), Optional.empty()),
                arguments(Map.of("retry-after", "Wed, 31 Feb 2025 12:00:00 GMT"), Optional.empty()),
                arguments(Map.of("retry-after", "Wed, 05 Mar 2025 12:00:30 CET"), Optional.empty()),
                arguments(Map.of("retry-after", "1e3"), Optional.empty()),
                arguments(Map.of("retry-after", ""), Optional.empty()),
                arguments(Map.of("retry-after", "soon", "x-ratelimit-reset-tokens", "3s"), seconds(3)),
                arguments(
                        Map.of("x-ratelimit-reset-tokens", "forever", "x-ratelimit-reset-requests", "4s"), seconds(4)),
                arguments(Map.of("anthropic-ratelimit-tokens-reset", "tomorrow"), Optional.empty()),
                arguments(Map.of("content-type", "application/json"), Optional.empty()),
                // Header names in any case.
                arguments(Map.of("Retry-After", "7"), seconds(7)),
                arguments(Map.of("X-RateLimit-Reset-Tokens", "8s"), seconds(8)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("headers")
    void readsTheWaitTheProviderAsksFor(Map<String, String> headers, Optional<Duration> expected) {
        assertThat(RetryAfter.from(headers, CLOCK)).isEqualTo(expected);
    }

    static Stream<Arguments> goDurations() {
        return Stream.of(
                arguments("1s", Duration.ofSeconds(1)),
                arguments("6m0s", Duration.ofMinutes(6)),
                arguments("20ms", Duration.ofMillis(20)),
                arguments("1m30.5s", Duration.ofMillis(90_500)),
                arguments("2.5s", Duration.ofMillis(2_500)),
                arguments("250us", Duration.ofMillis(1)),
                arguments("250µs", Duration.ofMillis(1)),
                arguments("900ns", Duration.ofMillis(1)),
                arguments("0s", Duration.ZERO),
                arguments("0", Duration.ZERO),
                arguments("-5s", Duration.ZERO));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("goDurations")
    void readsGoDurations(String text, Duration expected) {
        assertThat(RetryAfter.goDuration(text)).hasValue(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notGoDurations")
    void refusesWhatIsNotAGoDuration(String text) {
        assertThat(RetryAfter.goDuration(text)).isEmpty();
    }

    static Stream<String> notGoDurations() {
        return Stream.of("", "s", "1", "1 s", "1d", "1.s", "one second", "1s ", "1s-2s");
    }

    @Test
    void rfc850YearsMoreThanFiftyYearsAheadAreInThePast() {
        Instant now = CLOCK.instant();

        assertThat(RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT", now))
                .hasValue(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(RetryAfter.httpDate("Friday, 01-Jan-70 00:00:00 GMT", now))
                .hasValue(Instant.parse("2070-01-01T00:00:00Z"));
    }

    @Test
    void acceptsAHeaderLookupFunction() {
        Map<String, String> lowerCase = Map.of("retry-after", "9");

        assertThat(RetryAfter.from(lowerCase::get, CLOCK)).isEqualTo(seconds(9));
    }
}
