package com.llmgateway.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code bench/results/*.json}. Times are milliseconds, CPU is
 * microseconds per request, memory is MiB; "added" figures are the path's percentile minus the direct path's
 * percentile in the same phase. {@code otherCores} is the CPU (in cores) that other processes on the shared machine
 * used meanwhile: where it is high, the figures are noisy.
 */
record Results(
        String startedAt,
        Map<String, Object> environment,
        BenchConfig config,
        List<RateRow> fixedRate,
        List<SaturationRow> saturation,
        List<StreamRow> streams,
        List<TranslationRow> translation,
        List<HoldRow> hold,
        LogRow log,
        JfrSummary.Profile profile,
        List<Goal> goals) {

    /** One path at one fixed request rate (open loop). */
    record RateRow(
            int rate,
            String path,
            long sent,
            long ok,
            long errors,
            String lastError,
            double achievedRate,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            double addedP50Ms,
            double addedP90Ms,
            double addedP99Ms,
            double proxyCpuUsPerRequest,
            double mockCpuUsPerRequest,
            double otherCores) {}

    /** One path at saturation (closed loop). */
    record SaturationRow(
            String path,
            int connections,
            long ok,
            long errors,
            String lastError,
            double requestsPerSecond,
            double fractionOfDirect,
            double proxyCpuUsPerRequest,
            double proxyWritesPerRequest,
            double proxyCores,
            double p50Ms,
            double p99Ms,
            double otherCores) {}

    /** One path and protocol in the stream time-to-first-byte phase (open loop). */
    record StreamRow(
            String path,
            String protocol,
            long ok,
            long errors,
            String lastError,
            double ttfbP50Ms,
            double ttfbP90Ms,
            double ttfbP99Ms,
            double addedTtfbP50Ms,
            double addedTtfbP99Ms,
            double totalP50Ms,
            double proxyCpuUsPerStream,
            double otherCores) {}

    /**
     * The gateway alone, one kind of call served by a provider of the client's own protocol ({@code own}) or of the
     * other one ({@code translated}); {@code latencyP50Ms} is the whole answer's, {@code ttfbP50Ms} a stream's first
     * byte; the {@code added} figures are translated minus own in the same phase.
     */
    record TranslationRow(
            String call,
            String client,
            String provider,
            long ok,
            long errors,
            String lastError,
            double latencyP50Ms,
            double latencyP99Ms,
            double ttfbP50Ms,
            double addedP50Ms,
            double proxyCpuUsPerRequest,
            double addedCpuUsPerRequest,
            double otherCores) {}

    /** One proxy holding many streams open at once. */
    record HoldRow(
            String path,
            int streams,
            int maxOpen,
            long errors,
            String lastError,
            double rssBeforeMiB,
            double rssMaxWhileHeldMiB,
            double peakRssMiB) {}

    /** Rows in the gateway's {@code request_logs} against requests it answered. */
    record LogRow(long answered, long transportFailures, long rows, long missing, String verdict) {
        static final String NOT_CHECKED = "not checked";
        static final String ABSENT = "log writer not present (request_logs stayed empty)";

        static LogRow notChecked(long answered, long transportFailures) {
            return new LogRow(answered, transportFailures, 0, 0, NOT_CHECKED);
        }

        boolean checked() {
            return !verdict.equals(NOT_CHECKED);
        }

        boolean writerAbsent() {
            return verdict.equals(ABSENT);
        }
    }

    /** One goal of the issue, judged on this run. */
    record Goal(String goal, String measured, String verdict) {}
}
