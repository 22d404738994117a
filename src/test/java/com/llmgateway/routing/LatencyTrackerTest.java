package com.llmgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyTrackerTest {
    private final LatencyTracker tracker = new LatencyTracker();

    @Test
    void theFirstSampleIsTheAverageAndLaterOnesMoveItByAFifth() {
        tracker.record(1, 10, 100);
        assertThat(tracker.ofMapping(10)).hasValue(100.0);

        tracker.record(1, 10, 200);
        assertThat(tracker.ofMapping(10).getAsDouble()).isCloseTo(120.0, within(1e-9));
    }

    @Test
    void providersAverageOverTheirMappings() {
        tracker.record(1, 10, 100);
        tracker.record(1, 11, 1_100);

        assertThat(tracker.ofMapping(10)).hasValue(100.0);
        assertThat(tracker.ofMapping(11)).hasValue(1_100.0);
        assertThat(tracker.ofProvider(1).getAsDouble()).isCloseTo(300.0, within(1e-9));
        assertThat(tracker.ofProvider(2)).isEmpty();
    }

    @Test
    void negativeSamplesCountAsZero() {
        tracker.record(1, 10, -5);

        assertThat(tracker.ofMapping(10)).hasValue(0.0);
    }

    @Test
    void retainOnlyForgetsWhatIsNoLongerConfigured() {
        tracker.record(1, 10, 100);
        tracker.record(2, 20, 100);

        tracker.retainOnly(Set.of(1L), Set.of(10L));

        assertThat(tracker.ofProvider(1)).isPresent();
        assertThat(tracker.ofMapping(10)).isPresent();
        assertThat(tracker.ofProvider(2)).isEmpty();
        assertThat(tracker.ofMapping(20)).isEmpty();
    }

    @Test
    void sampleWeightIsValidated() {
        assertThatThrownBy(() -> new LatencyTracker(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTracker(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTracker(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
