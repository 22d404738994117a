package com.llmgateway.bench;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failover scenario's settings, from {@code BENCH_FAILOVER_*} environment variables (defaults keep the run near two
 * minutes): the fixed request rate, how long each phase lasts, the share of the flaky provider's requests
 * that fail, and the flaky provider's {@code health} thresholds with tracking on and off.
 */
record FailoverConfig(
        int rate,
        Duration phase,
        Duration baseline,
        Duration warmup,
        double failRatio,
        ObjectNode healthOn,
        ObjectNode healthOff) {
    static final int DEFAULT_RATE = 200;
    static final int DEFAULT_PHASE_SECONDS = 25;
    static final int DEFAULT_BASELINE_SECONDS = 15;
    static final int DEFAULT_WARMUP_SECONDS = 15;
    static final String DEFAULT_FAIL_RATIO = "0.5";
    /**
     * Tracking on: trips once 30% of at least 10 calls in the last 10 s failed, and stays open 5 s. The cooldown is not
     * allowed to double (max = cooldown), so the flaky provider gets a probe every 5 s throughout the phase: the
     * pessimistic steady state, not the quieter one the doubling would reach.
     */
    static final String DEFAULT_HEALTH_ON =
            "{\"window_ms\":10000,\"min_requests\":10,\"error_ratio\":0.3,\"cooldown_ms\":5000,\"max_cooldown_ms\":5000}";
    /** Tracking off: the circuit can never trip (the window never holds a million calls); the rest are defaults. */
    static final String DEFAULT_HEALTH_OFF = "{\"min_requests\":1000000}";

    static FailoverConfig from(Map<String, String> env) {
        return new FailoverConfig(
                number(env, "BENCH_FAILOVER_RATE", DEFAULT_RATE),
                Duration.ofSeconds(number(env, "BENCH_FAILOVER_SECONDS", DEFAULT_PHASE_SECONDS)),
                Duration.ofSeconds(number(env, "BENCH_FAILOVER_BASELINE_SECONDS", DEFAULT_BASELINE_SECONDS)),
                Duration.ofSeconds(number(env, "BENCH_FAILOVER_WARMUP_SECONDS", DEFAULT_WARMUP_SECONDS)),
                ratio(env.getOrDefault("BENCH_FAILOVER_FAIL_RATIO", DEFAULT_FAIL_RATIO)),
                object(env, "BENCH_FAILOVER_HEALTH", DEFAULT_HEALTH_ON),
                object(env, "BENCH_FAILOVER_HEALTH_OFF", DEFAULT_HEALTH_OFF));
    }

    @JsonValue
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rate", rate);
        out.put("phaseSeconds", phase.toSeconds());
        out.put("baselineSeconds", baseline.toSeconds());
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("failRatio", failRatio);
        out.put("healthOn", healthOn);
        out.put("healthOff", healthOff);
        return out;
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            int number = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
            if (number < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static double ratio(String text) {
        double value = Double.parseDouble(text.trim());
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("BENCH_FAILOVER_FAIL_RATIO must be from 0 to 1, got " + text);
        }
        return value;
    }

    private static ObjectNode object(Map<String, String> env, String name, String fallback) {
        String text = env.getOrDefault(name, fallback);
        try {
            JsonNode node = GatewayAdmin.JSON.readTree(text.isBlank() ? fallback : text);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException(name + " must be a JSON object, got " + text);
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(name + " is not JSON: " + text, e);
        }
    }
}
