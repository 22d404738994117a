package com.llmgateway.health;

import static com.llmgateway.health.PolicyJsonText.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthThresholdsTest {

    static Stream<Arguments> parsed() {
        return Stream.of(
                arguments("null", HealthThresholds.DEFAULTS),
                arguments("{}", HealthThresholds.DEFAULTS),
                arguments(
                        "{'min_requests': 20, 'error_ratio': 0.25}",
                        new HealthThresholds(
                                Duration.ofSeconds(30),
                                20,
                                0.25,
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(5),
                                Duration.ofMinutes(2))),
                arguments(
                        "{'window_ms': 60000, 'min_requests': 5, 'error_ratio': 1, 'cooldown_ms': 10000, 'max_cooldown_ms': 20000, 'probe_lease_ms': 30000}",
                        new HealthThresholds(
                                Duration.ofMinutes(1),
                                5,
                                1.0,
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(20),
                                Duration.ofSeconds(30))),
                // A cooldown above the default maximum raises the maximum with it.
                arguments(
                        "{'cooldown_ms': 600000}",
                        new HealthThresholds(
                                Duration.ofSeconds(30),
                                10,
                                0.5,
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsed")
    void parsesWithDefaultsForWhatIsLeftOut(String text, HealthThresholds expected) throws PolicyException {
        HealthThresholds parsed = HealthThresholds.parse(json(text));

        assertThat(parsed).isEqualTo(expected);
        assertThat(HealthThresholds.parse(parsed.json())).isEqualTo(parsed);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("'strict'", "must be an object like"),
                arguments("{'window_ms': 999}", "window_ms: must be at least 1000"),
                arguments(
                        "{'window_ms': 3600001}",
                        "window_ms: must be a whole number of milliseconds from 1 to 3600000"),
                arguments("{'min_requests': 0}", "min_requests: must be a whole number from 1 to 1000000, got 0"),
                arguments("{'min_requests': 2.5}", "min_requests: must be a whole number"),
                arguments("{'error_ratio': 0}", "error_ratio: must be a number above 0 and at most 1, got 0"),
                arguments("{'error_ratio': 1.5}", "error_ratio: must be a number above 0 and at most 1, got 1.5"),
                arguments("{'error_ratio': '50%'}", "error_ratio: must be a number"),
                arguments(
                        "{'cooldown_ms': 60000, 'max_cooldown_ms': 30000}",
                        "max_cooldown_ms: must be at least cooldown_ms (60000), got 30000"),
                arguments("{'probe_lease_ms': -1}", "probe_lease_ms: must be a whole number of milliseconds"),
                arguments("{'min_request': 3}", "min_request: unknown field; accepted: window_ms, min_requests"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void validationNamesTheField(String text, String message) {
        assertThatThrownBy(() -> HealthThresholds.parse(json(text)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> cooldowns() {
        return Stream.of(
                arguments(1, 30),
                arguments(2, 60),
                arguments(3, 120),
                arguments(4, 240),
                arguments(5, 300),
                arguments(1_000, 300));
    }

    @ParameterizedTest(name = "trip {0} -> {1} s")
    @MethodSource("cooldowns")
    void theCooldownDoublesPerConsecutiveTripUpToTheMaximum(int trips, int seconds) {
        assertThat(HealthThresholds.DEFAULTS.cooldownAfter(trips)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void theRecordRefusesNonsense() {
        assertThatThrownBy(() -> new HealthThresholds(
                        Duration.ofSeconds(30),
                        10,
                        0.5,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthThresholds(
                        Duration.ofSeconds(30),
                        10,
                        Double.NaN,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNameAProviderOrOneOfItsMappings() {
        HealthKey mapping = HealthKey.mapping(3, 12);

        assertThat(mapping.isProviderWide()).isFalse();
        assertThat(mapping.providerWide()).isEqualTo(HealthKey.provider(3));
        assertThat(HealthKey.provider(3).isProviderWide()).isTrue();
        assertThat(mapping).hasToString("provider 3 mapping 12");
        assertThatThrownBy(() -> HealthKey.mapping(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
