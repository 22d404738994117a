package com.llmgateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * When a provider's circuits trip and for how long, configurable per provider. Stored as the provider's {@value
 * #FIELD}, every key optional (defaults shown):
 *
 * <pre>{@code
 * "health": {"window_ms": 30000, "min_requests": 10, "error_ratio": 0.5,
 *            "cooldown_ms": 30000, "max_cooldown_ms": 300000, "probe_lease_ms": 120000}
 * }</pre>
 *
 * @param window the rolling window of outcomes, counted in {@value #BUCKETS} buckets
 * @param minRequests outcomes the window must hold before the ratio can trip it, so that two failures out of three
 *     requests at night do not take a provider out
 * @param errorRatio the failure share (of the window's outcomes) that trips the circuit, in (0, 1]
 * @param cooldown how long a tripped circuit stays open the first time
 * @param maxCooldown the cap of the cooldown, which doubles with each consecutive trip
 * @param probeLease how long a half-open probe holds its slot without an outcome before another attempt may probe (a
 *     safety net: every admission should end in an outcome or {@link ProviderHealth#abandon})
 */
public record HealthThresholds(
        Duration window,
        int minRequests,
        double errorRatio,
        Duration cooldown,
        Duration maxCooldown,
        Duration probeLease) {

    public static final String FIELD = "health";
    public static final int BUCKETS = 10;

    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    private static final Duration MAX_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_COOLDOWN = Duration.ofDays(1);
    private static final int MAX_MIN_REQUESTS = 1_000_000;

    // After the limits above: the constructor checks against them while this is initialised.
    public static final HealthThresholds DEFAULTS = new HealthThresholds(
            Duration.ofSeconds(30), 10, 0.5, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2));

    static final String WINDOW_MS = "window_ms";
    static final String MIN_REQUESTS = "min_requests";
    static final String ERROR_RATIO = "error_ratio";
    static final String COOLDOWN_MS = "cooldown_ms";
    static final String MAX_COOLDOWN_MS = "max_cooldown_ms";
    static final String PROBE_LEASE_MS = "probe_lease_ms";
    private static final List<String> FIELDS =
            List.of(WINDOW_MS, MIN_REQUESTS, ERROR_RATIO, COOLDOWN_MS, MAX_COOLDOWN_MS, PROBE_LEASE_MS);
    private static final String EXAMPLE = "{\"min_requests\":20,\"error_ratio\":0.5}";

    /** @throws IllegalArgumentException if a value is out of the ranges {@link #parse} documents */
    public HealthThresholds {
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be from 1 s to 1 h, got " + window);
        }
        if (minRequests < 1 || minRequests > MAX_MIN_REQUESTS) {
            throw new IllegalArgumentException(
                    "minRequests must be from 1 to " + MAX_MIN_REQUESTS + ", got " + minRequests);
        }
        if (!(errorRatio > 0 && errorRatio <= 1)) {
            throw new IllegalArgumentException("errorRatio must be in (0, 1], got " + errorRatio);
        }
        if (cooldown.isNegative() || cooldown.isZero() || maxCooldown.compareTo(MAX_COOLDOWN) > 0) {
            throw new IllegalArgumentException("cooldowns must be positive and at most 1 day");
        }
        if (maxCooldown.compareTo(cooldown) < 0) {
            throw new IllegalArgumentException("maxCooldown must be at least cooldown");
        }
        if (probeLease.isNegative() || probeLease.isZero()) {
            throw new IllegalArgumentException("probeLease must be positive");
        }
    }

    /**
     * Parses a provider's {@value #FIELD}; absent or null is {@link #DEFAULTS}, and so is each key left out.
     *
     * @throws PolicyException naming the field, e.g. {@code error_ratio: must be a number above 0 and at most 1, got 2}
     */
    public static HealthThresholds parse(JsonNode json) throws PolicyException {
        if (PolicyJson.isAbsent(json)) {
            return DEFAULTS;
        }
        PolicyJson.requireObject(json, FIELDS, EXAMPLE);
        Duration window = PolicyJson.millis(json, WINDOW_MS, MAX_WINDOW).orElse(DEFAULTS.window);
        if (window.compareTo(MIN_WINDOW) < 0) {
            throw new PolicyException(
                    WINDOW_MS + ": must be at least 1000 (ten buckets of 100 ms), got " + window.toMillis());
        }
        Duration cooldown = PolicyJson.millis(json, COOLDOWN_MS, MAX_COOLDOWN).orElse(DEFAULTS.cooldown);
        Duration maxCooldown = PolicyJson.millis(json, MAX_COOLDOWN_MS, MAX_COOLDOWN)
                .orElse(DEFAULTS.maxCooldown.compareTo(cooldown) < 0 ? cooldown : DEFAULTS.maxCooldown);
        if (maxCooldown.compareTo(cooldown) < 0) {
            throw new PolicyException(MAX_COOLDOWN_MS + ": must be at least " + COOLDOWN_MS + " (" + cooldown.toMillis()
                    + "), got " + maxCooldown.toMillis());
        }
        return new HealthThresholds(
                window,
                minRequests(json.get(MIN_REQUESTS)),
                errorRatio(json.get(ERROR_RATIO)),
                cooldown,
                maxCooldown,
                PolicyJson.millis(json, PROBE_LEASE_MS, MAX_COOLDOWN).orElse(DEFAULTS.probeLease));
    }

    private static int minRequests(JsonNode node) throws PolicyException {
        if (PolicyJson.isAbsent(node)) {
            return DEFAULTS.minRequests;
        }
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.intValue() < 1
                || node.intValue() > MAX_MIN_REQUESTS) {
            throw new PolicyException(MIN_REQUESTS + ": must be a whole number from 1 to " + MAX_MIN_REQUESTS + ", got "
                    + PolicyJson.describe(node));
        }
        return node.intValue();
    }

    private static double errorRatio(JsonNode node) throws PolicyException {
        if (PolicyJson.isAbsent(node)) {
            return DEFAULTS.errorRatio;
        }
        if (!node.isNumber() || !(node.doubleValue() > 0 && node.doubleValue() <= 1)) {
            throw new PolicyException(
                    ERROR_RATIO + ": must be a number above 0 and at most 1, got " + PolicyJson.describe(node));
        }
        return node.doubleValue();
    }

    /** Every value, in the stored shape. */
    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(WINDOW_MS, window.toMillis());
        node.put(MIN_REQUESTS, minRequests);
        node.put(ERROR_RATIO, errorRatio);
        node.put(COOLDOWN_MS, cooldown.toMillis());
        node.put(MAX_COOLDOWN_MS, maxCooldown.toMillis());
        node.put(PROBE_LEASE_MS, probeLease.toMillis());
        return node;
    }

    /** The cooldown after the {@code trips}-th consecutive trip: doubled each time, at most {@code maxCooldown}. */
    Duration cooldownAfter(int trips) {
        int doublings = Math.min(Math.max(trips - 1, 0), 30);
        Duration doubled = cooldown.multipliedBy(1L << doublings);
        return doubled.compareTo(maxCooldown) > 0 ? maxCooldown : doubled;
    }
}
