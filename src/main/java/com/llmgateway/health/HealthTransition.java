package com.llmgateway.health;

import java.time.Instant;

/**
 * A circuit changed state, e.g. {@code provider 3 mapping 12: CLOSED -> OPEN at ..., error ratio 0.60 over 10
 * requests}. Time-based changes (cooldown over, retry hint elapsed) are noticed at the next use of the circuit and
 * carry the time they became due.
 */
public record HealthTransition(HealthKey key, HealthState from, HealthState to, Instant at, String reason) {}
