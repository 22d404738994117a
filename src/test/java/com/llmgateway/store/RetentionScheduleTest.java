package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionScheduleTest {
    @ParameterizedTest(name = "at {0} in {1}, hour {2}: next run {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-16T03:59:59          | UTC              | 4  | 2026-01-16T04:00Z[UTC]
            2026-01-16T04:00:00          | UTC              | 4  | 2026-01-17T04:00Z[UTC]
            2026-01-16T04:00:00.001      | UTC              | 4  | 2026-01-17T04:00Z[UTC]
            2026-01-16T23:30:00          | UTC              | 0  | 2026-01-17T00:00Z[UTC]
            2026-01-16T00:00:00          | UTC              | 0  | 2026-01-17T00:00Z[UTC]
            2026-01-16T22:00:00          | UTC              | 23 | 2026-01-16T23:00Z[UTC]
            2026-12-31T05:00:00          | UTC              | 4  | 2027-01-01T04:00Z[UTC]
            2026-01-16T03:00:00          | Asia/Shanghai    | 4  | 2026-01-16T04:00+08:00[Asia/Shanghai]
            2026-03-08T01:00:00          | America/New_York | 2  | 2026-03-08T03:00-04:00[America/New_York]
            2026-11-01T00:30:00          | America/New_York | 1  | 2026-11-01T01:00-04:00[America/New_York]
            2026-11-01T01:30:00          | America/New_York | 1  | 2026-11-02T01:00-05:00[America/New_York]
            """)
    void runsAtTheNextCleanupHourLocalTime(String localNow, String zone, int hour, String expected) {
        ZonedDateTime now = ZonedDateTime.of(LocalDateTime.parse(localNow), ZoneId.of(zone));

        assertThat(RetentionSchedule.nextRun(now, hour)).isEqualTo(ZonedDateTime.parse(expected));
    }

    @ParameterizedTest(name = "{0} in {1}, hour {2}: in {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-16T03:00:00Z | UTC           | 4 | PT1H
            2026-01-16T04:00:00Z | UTC           | 4 | PT24H
            2026-01-16T19:30:00Z | Asia/Shanghai | 4 | PT30M
            2026-01-16T20:30:00Z | Asia/Shanghai | 4 | PT23H30M
            """)
    void waitsUntilThenFromAClock(String instant, String zone, int hour, String delay) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneId.of(zone));

        assertThat(RetentionSchedule.delayUntilNext(clock, hour)).isEqualTo(Duration.parse(delay));
    }
}
