package com.llmgateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * When the daily log cleanup runs: at {@code hour}:00 local time (the clock's zone; {@code LOG_CLEANUP_HOUR} is server
 * local time in the original), the first such moment strictly after now. On a day whose clock skips that hour (the
 * spring daylight-saving change) it runs at the first instant after the gap; on a day that repeats it, at the first of
 * the two.
 */
final class RetentionSchedule {
    private RetentionSchedule() {}

    static ZonedDateTime nextRun(ZonedDateTime now, int hour) {
        LocalTime at = LocalTime.of(hour, 0);
        ZonedDateTime today = ZonedDateTime.of(now.toLocalDate(), at, now.getZone());
        return today.isAfter(now) ? today : ZonedDateTime.of(now.toLocalDate().plusDays(1), at, now.getZone());
    }

    static Duration delayUntilNext(Clock clock, int hour) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        return Duration.between(now, nextRun(now, hour));
    }
}
