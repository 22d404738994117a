package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsBucketTest {
    @ParameterizedTest(name = "{0} bucket of {1} at {2} starts {3}")
    @CsvSource(delimiter = '|', textBlock = """
            hour | 2026-01-16T13:49:12.345Z | +00:00 | 2026-01-16T13:00:00Z
            hour | 2026-01-16T13:00:00Z     | +00:00 | 2026-01-16T13:00:00Z
            hour | 2026-01-16T12:59:59.999Z | +00:00 | 2026-01-16T12:00:00Z
            hour | 2026-01-16T13:49:00Z     | +08:00 | 2026-01-16T13:00:00Z
            hour | 2026-01-16T13:49:00Z     | +05:30 | 2026-01-16T13:30:00Z
            hour | 2026-01-16T13:29:00Z     | +05:30 | 2026-01-16T12:30:00Z
            hour | 2026-01-16T13:49:00Z     | +05:45 | 2026-01-16T13:15:00Z
            hour | 2026-01-16T13:49:00Z     | -03:30 | 2026-01-16T13:30:00Z
            day  | 2026-01-16T13:49:00Z     | +00:00 | 2026-01-16T00:00:00Z
            day  | 2026-01-16T13:49:00Z     | +08:00 | 2026-01-15T16:00:00Z
            day  | 2026-01-16T16:00:00Z     | +08:00 | 2026-01-16T16:00:00Z
            day  | 2026-01-16T15:59:59.999Z | +08:00 | 2026-01-15T16:00:00Z
            day  | 2026-01-16T13:49:00Z     | -05:00 | 2026-01-16T05:00:00Z
            day  | 2026-01-16T04:59:00Z     | -05:00 | 2026-01-15T05:00:00Z
            day  | 2026-01-16T13:49:00Z     | +14:00 | 2026-01-16T10:00:00Z
            day  | 2026-01-16T09:59:00Z     | +14:00 | 2026-01-15T10:00:00Z
            day  | 2026-01-16T13:49:00Z     | -14:00 | 2026-01-15T14:00:00Z
            """)
    void alignsBucketsToTheOperatorsClock(String bucket, String time, String offset, String start) {
        StatsBucket width = StatsBucket.fromWireName(bucket).orElseThrow();
        ZoneOffset zone = ZoneOffset.of(offset);
        long index = width.indexOf(Instant.parse(time), zone);

        assertThat(width.startOf(index, zone)).isEqualTo(Instant.parse(start));
        // What SQL computes, (request_time + offset) / width, is the same index for every time after 1970.
        long sqlIndex = (Instant.parse(time).toEpochMilli() + zone.getTotalSeconds() * 1000L) / width.millis();
        assertThat(sqlIndex).isEqualTo(index);
    }

    @ParameterizedTest(name = "{0} to {1} (now {2}): {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            2026-01-16T00:00:00Z | 2026-01-18T00:00:00Z     | 2026-02-01T00:00:00Z | hour
            2026-01-16T00:00:00Z | 2026-01-18T00:00:00.001Z | 2026-02-01T00:00:00Z | day
            2026-01-16T00:00:00Z | -                        | 2026-01-17T00:00:00Z | hour
            2026-01-16T00:00:00Z | -                        | 2026-01-19T00:00:00Z | day
            -                    | 2026-01-16T00:00:00Z     | 2026-01-17T00:00:00Z | day
            -                    | -                        | 2026-01-17T00:00:00Z | day
            2026-01-18T00:00:00Z | 2026-01-16T00:00:00Z     | 2026-01-17T00:00:00Z | hour
            """)
    void hourBucketsForUpTo48HoursByDefault(String start, String end, String now, String expected) {
        assertThat(StatsBucket.defaultFor(
                                Optional.ofNullable(start).map(Instant::parse),
                                Optional.ofNullable(end).map(Instant::parse),
                                Instant.parse(now))
                        .wireName())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} buckets from {1} to {2} at {3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            hour | 2026-01-16T00:00:00Z | 2026-01-16T00:00:00Z | +00:00 | 1
            hour | 2026-01-16T00:00:00Z | 2026-01-16T23:59:59Z | +00:00 | 24
            hour | 2026-01-16T00:00:00Z | 2026-01-17T00:00:00Z | +00:00 | 25
            hour | 2026-01-16T00:10:00Z | 2026-01-16T01:10:00Z | +05:30 | 2
            day  | 2026-01-16T00:00:00Z | 2026-01-17T23:59:59Z | +00:00 | 2
            day  | 2026-01-16T00:00:00Z | 2026-01-17T23:59:59Z | +08:00 | 3
            day  | 2026-01-17T00:00:00Z | 2026-01-16T00:00:00Z | +00:00 | 0
            """)
    void countsTheBucketsARangeTouches(String bucket, String start, String end, String offset, long count) {
        assertThat(StatsBucket.fromWireName(bucket)
                        .orElseThrow()
                        .count(Instant.parse(start), Instant.parse(end), ZoneOffset.of(offset)))
                .isEqualTo(count);
    }
}
