package com.llmgateway.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asks us to wait, read from its response headers. Pure: headers come in as a lookup, time from a
 * {@link Clock}.
 *
 * <p>Order: an explicit wait wins, {@code retry-after-ms} first (OpenAI sends it beside a {@code Retry-After} rounded
 * to whole seconds, and its SDKs prefer it), then {@code Retry-After} (RFC 9110 section 10.2.3: delta-seconds or an
 * HTTP-date). Without one, the <b>longest</b> of the rate-limit reset hints, since every exhausted limit must reset
 * before any request can pass:
 *
 * <ul>
 *   <li>OpenAI: {@code x-ratelimit-reset-requests}, {@code x-ratelimit-reset-tokens}, as Go durations ({@code 1s},
 *       {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}).
 *   <li>Anthropic: {@code anthropic-ratelimit-requests-reset}, {@code -tokens-reset}, {@code -input-tokens-reset},
 *       {@code -output-tokens-reset}, as RFC 3339 timestamps.
 * </ul>
 *
 * <p>Values that do not parse are ignored (the next source is tried); a negative wait or a time in the past is zero;
 * a wait over {@link #MAX} (one hour) is cut to it: a daily quota reset must not take a provider out for a day on one
 * response, and its next answer brings a fresh hint anyway. Fractions are rounded up to the millisecond.
 */
public final class RetryAfter {
    public static final Duration MAX = Duration.ofHours(1);

    static final String RETRY_AFTER_MS = "retry-after-ms";
    static final String RETRY_AFTER = "retry-after";
    static final List<String> OPENAI_RESETS = List.of("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens");
    static final List<String> ANTHROPIC_RESETS = List.of(
            "anthropic-ratelimit-requests-reset",
            "anthropic-ratelimit-tokens-reset",
            "anthropic-ratelimit-input-tokens-reset",
            "anthropic-ratelimit-output-tokens-reset");

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern GO_DURATION =
            Pattern.compile("-?(?:\\d{1,30}(?:\\.\\d{1,30})?(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|μs|ms|s|m|h)");
    // RFC 9110 section 5.6.7; the weekday is not checked against the date.
    private static final Pattern IMF_FIXDATE =
            Pattern.compile("[a-z]{3}, (\\d{1,2}) ([a-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) gmt");
    private static final Pattern RFC_850 =
            Pattern.compile("[a-z]{6,9}, (\\d{2})-([a-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) gmt");
    private static final Pattern ASCTIME =
            Pattern.compile("[a-z]{3} ([a-z]{3}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private RetryAfter() {}

    /** The wait asked for, from headers looked up by lower-case name (a case-insensitive lookup is fine too). */
    public static Optional<Duration> from(Function<String, String> header, Clock clock) {
        Instant now = clock.instant();
        Optional<Duration> explicit = parse(header.apply(RETRY_AFTER_MS), RetryAfter::millis)
                .or(() -> parse(header.apply(RETRY_AFTER), value -> retryAfter(value, now)));
        return explicit.or(() -> longestReset(header, now)).map(RetryAfter::bounded);
    }

    /** The same from a map whose keys may be in any case. */
    public static Optional<Duration> from(Map<String, String> headers, Clock clock) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return from(byName::get, clock);
    }

    private static Optional<Duration> longestReset(Function<String, String> header, Instant now) {
        Optional<Duration> longest = Optional.empty();
        for (String name : OPENAI_RESETS) {
            longest = longer(longest, parse(header.apply(name), RetryAfter::goDuration));
        }
        for (String name : ANTHROPIC_RESETS) {
            longest = longer(longest, parse(header.apply(name), value -> timestamp(value, now)));
        }
        return longest;
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    private static Optional<Duration> parse(String value, Function<String, Optional<Duration>> parser) {
        return value == null ? Optional.empty() : parser.apply(value.strip());
    }

    private static Duration bounded(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }

    /** {@code Retry-After}: delta-seconds or an HTTP-date. Decimal seconds are accepted, as some servers send them. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        return NUMBER.matcher(value).matches()
                ? Optional.of(ofUnits(new BigDecimal(value), 1_000))
                : httpDate(value, now).map(date -> Duration.between(now, date));
    }

    /** {@code retry-after-ms}: a number of milliseconds. */
    static Optional<Duration> millis(String value) {
        return NUMBER.matcher(value).matches() ? Optional.of(ofUnits(new BigDecimal(value), 1)) : Optional.empty();
    }

    /** A Go {@code time.Duration} as OpenAI prints it: {@code 1h2m3.5s}, {@code 20ms}, {@code 0s}, or a bare 0. */
    static Optional<Duration> goDuration(String value) {
        if (value.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (!GO_DURATION.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal millis = BigDecimal.ZERO;
        Matcher part = GO_PART.matcher(value);
        while (part.find()) {
            millis = millis.add(new BigDecimal(part.group(1)).multiply(unitMillis(part.group(2))));
        }
        return Optional.of(ofUnits(value.startsWith("-") ? millis.negate() : millis, 1));
    }

    private static BigDecimal unitMillis(String unit) {
        return switch (unit) {
            case "h" -> BigDecimal.valueOf(3_600_000);
            case "m" -> BigDecimal.valueOf(60_000);
            case "s" -> BigDecimal.valueOf(1_000);
            case "ms" -> BigDecimal.ONE;
            case "ns" -> new BigDecimal("0.000001");
            default -> new BigDecimal("0.001"); // us, µs (micro sign) and μs (Greek mu)
        };
    }

    /** An RFC 3339 timestamp, as Anthropic sends its resets, turned into the wait from {@code now}. */
    static Optional<Duration> timestamp(String value, Instant now) {
        try {
            String iso = value.toUpperCase(Locale.ROOT).replace(' ', 'T');
            return Optional.of(
                    Duration.between(now, OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An HTTP-date in any of RFC 9110's three forms: IMF-fixdate, the obsolete RFC 850 form and asctime. */
    static Optional<Instant> httpDate(String value, Instant now) {
        String text = value.toLowerCase(Locale.ROOT);
        Matcher m = IMF_FIXDATE.matcher(text);
        if (m.matches()) {
            return instant(m.group(3), m.group(2), m.group(1), m, 4);
        }
        m = RFC_850.matcher(text);
        if (m.matches()) {
            return instant(fullYear(m.group(3), now), m.group(2), m.group(1), m, 4);
        }
        m = ASCTIME.matcher(text);
        if (m.matches()) {
            return instant(m.group(6), m.group(1), m.group(2), m, 3);
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(String year, String month, String day, Matcher time, int hourGroup) {
        int monthNumber = MONTHS.indexOf(month) + 1;
        if (monthNumber == 0) {
            return Optional.empty();
        }
        try {
            LocalDateTime dateTime = LocalDateTime.of(
                    Integer.parseInt(year),
                    monthNumber,
                    Integer.parseInt(day),
                    Integer.parseInt(time.group(hourGroup)),
                    Integer.parseInt(time.group(hourGroup + 1)),
                    Integer.parseInt(time.group(hourGroup + 2)));
            return Optional.of(dateTime.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * RFC 850's two-digit year: RFC 9110 section 5.6.7 says a year more than 50 years in the future is the most recent
     * past year with those digits. Against the current year, since a retry hint is about now.
     */
    private static String fullYear(String twoDigits, Instant now) {
        int thisYear = now.atOffset(ZoneOffset.UTC).getYear();
        int candidate = thisYear / 100 * 100 + Integer.parseInt(twoDigits);
        return String.valueOf(candidate > thisYear + 50 ? candidate - 100 : candidate);
    }

    /** {@code amount} units of {@code unitMillis} milliseconds, rounded up to the millisecond, at most {@link #MAX}. */
    private static Duration ofUnits(BigDecimal amount, long unitMillis) {
        BigDecimal millis = amount.multiply(BigDecimal.valueOf(unitMillis)).setScale(0, RoundingMode.CEILING);
        if (millis.signum() < 0) {
            return Duration.ZERO;
        }
        return millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0 ? MAX : Duration.ofMillis(millis.longValue());
    }
}
