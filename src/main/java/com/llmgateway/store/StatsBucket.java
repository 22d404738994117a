package com.llmgateway.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * The width of one trend bucket. Buckets are aligned to the operator's clock, given as a fixed UTC offset: with
 * {@code +08:00}, day buckets start at 00:00 in UTC+8 (16:00 UTC) and hour buckets at whole hours there (which, for
 * offsets such as {@code +05:30}, are not whole hours in UTC).
 *
 * <p>The arithmetic is on epoch milliseconds, which SQLite and PostgreSQL compute alike: a row's bucket index is {@code
 * (request_time + offset) / width}. Integer division rounds towards zero in SQL, which equals the floor used here for
 * every time after 1970-01-01T14:00Z, the earliest instant a negative offset could push below zero.
 */
public enum StatsBucket {
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    /** The original's rule: hour buckets for a range of up to 48 hours, day buckets beyond. */
    public static final Duration HOURLY_UP_TO = Duration.ofHours(48);

    private final String wireName;
    private final long millis;

    StatsBucket(String wireName, Duration width) {
        this.wireName = wireName;
        this.millis = width.toMillis();
    }

    public String wireName() {
        return wireName;
    }

    public long millis() {
        return millis;
    }

    public static Optional<StatsBucket> fromWireName(String name) {
        return Arrays.stream(values()).filter(b -> b.wireName.equals(name)).findFirst();
    }

    /**
     * The default width for a range: hours when it spans at most 48 hours, days otherwise. An open start means all of
     * the log (days); an open end means until {@code now}.
     */
    public static StatsBucket defaultFor(Optional<Instant> start, Optional<Instant> end, Instant now) {
        if (start.isEmpty()) {
            return DAY;
        }
        Duration range = Duration.between(start.get(), end.orElse(now));
        return range.compareTo(HOURLY_UP_TO) <= 0 ? HOUR : DAY;
    }

    /** The index of the bucket holding {@code time}. */
    public long indexOf(Instant time, ZoneOffset offset) {
        return Math.floorDiv(time.toEpochMilli() + offsetMillis(offset), millis);
    }

    /** The instant the bucket with this index starts. */
    public Instant startOf(long index, ZoneOffset offset) {
        return Instant.ofEpochMilli(index * millis - offsetMillis(offset));
    }

    /** How many buckets a range touches, counting partial ones at either end; 0 when it is empty. */
    public long count(Instant start, Instant end, ZoneOffset offset) {
        return end.isBefore(start) ? 0 : indexOf(end, offset) - indexOf(start, offset) + 1;
    }

    static long offsetMillis(ZoneOffset offset) {
        return offset.getTotalSeconds() * 1000L;
    }
}
