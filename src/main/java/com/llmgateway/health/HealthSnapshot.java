package com.llmgateway.health;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One circuit as the admin API shows it ({@code GET /api/admin/providers/health}).
 *
 * @param key the provider, or one of its mappings
 * @param state where the circuit stands now
 * @param errorRatio failures over requests in the rolling window, 0 when there were none
 * @param requestsInWindow outcomes counted in the rolling window (client errors and a full pool are not counted)
 * @param latencyEwmaMillis moving average of time to first byte (the provider's over all its mappings, or the
 *     mapping's), empty before the first success
 * @param openUntil when an {@code OPEN} or {@code RATE_LIMITED} circuit admits again
 * @param lastError the last failure charged to this circuit, as the exchange described it
 * @param lastErrorAt when that failure was recorded
 * @param consecutiveTrips trips since the circuit was last closed by a successful probe; each doubles the cooldown
 */
public record HealthSnapshot(
        HealthKey key,
        HealthState state,
        double errorRatio,
        int requestsInWindow,
        OptionalDouble latencyEwmaMillis,
        Optional<Instant> openUntil,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        int consecutiveTrips) {}
