package com.llmgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What one failover run measured, as written to {@code bench/results/failover-*.json}. Times are milliseconds; shares
 * are fractions (0 to 1); per-request figures are divided by the requests the gateway counted in the phase.
 */
record FailoverResults(
        String startedAt,
        Map<String, Object> environment,
        Map<String, Object> settings,
        List<PhaseRow> phases,
        List<String> notes) {

    /** One phase: the client's view, and for the gateway its own counters ({@code gateway} null for direct). */
    record PhaseRow(
            String phase,
            String path,
            String healthTracking,
            double failRatio,
            int rate,
            double seconds,
            long sent,
            long ok,
            long httpErrors,
            long transportErrors,
            double errorRate,
            String lastError,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            double addedP50Ms,
            double addedP90Ms,
            double addedP99Ms,
            Gateway gateway,
            Double gatewayCpuUsPerRequest,
            double otherCores,
            JsonNode flakyHealthAtEnd) {}

    /** The gateway's counters over one phase. */
    record Gateway(
            long requests,
            double firstAttemptShareFlaky,
            double callsPerRequest,
            double callsToFlakyPerRequest,
            double callsToHealthyPerRequest,
            long retries,
            long failovers,
            long circuitOpenings,
            long logRows,
            double logCallsPerRequest) {}
}
