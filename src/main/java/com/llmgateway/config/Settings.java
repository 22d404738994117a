package com.llmgateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the gateway, resolved and validated. Built once at start by {@link SettingsLoader}; immutable.
 *
 * <p>Names and defaults follow the original's configuration table (seed-spec section 2) plus the gateway's own
 * additions ({@code HOST}, {@code PORT}, {@code GATEWAY_SECRET_KEY}, {@code MAX_REQUEST_BYTES} and the upstream pool
 * sizes).
 */
public record Settings(
        String appName,
        boolean debug,
        DatabaseConfig database,
        int retryMaxAttempts,
        Duration retryDelay,
        Duration httpTimeout,
        String apiKeyPrefix,
        int apiKeyLength,
        Optional<AdminCredentials> admin,
        Duration adminTokenTtl,
        LogSettings logs,
        Optional<String> frontendDistDir,
        String host,
        int port,
        Optional<String> secretKey,
        long maxRequestBytes,
        int upstreamMaxConnections,
        int upstreamMaxWaitQueue,
        Optional<Path> upstreamCaFile,
        LogFormat logFormat) {

    /** Admin login is enforced only when both a user name and a password are configured. */
    public record AdminCredentials(String username, String password) {
        @Override
        public String toString() {
            return "AdminCredentials[username=" + username + ", password=***]";
        }
    }

    /** Like the generated one, but the secret key shows only whether it is set (credentials hide themselves). */
    @Override
    public String toString() {
        return "Settings[appName=" + appName + ", debug=" + debug + ", database=" + database
                + ", retryMaxAttempts=" + retryMaxAttempts + ", retryDelay=" + retryDelay
                + ", httpTimeout=" + httpTimeout + ", apiKeyPrefix=" + apiKeyPrefix + ", apiKeyLength=" + apiKeyLength
                + ", admin=" + admin + ", adminTokenTtl=" + adminTokenTtl + ", logs=" + logs
                + ", frontendDistDir=" + frontendDistDir + ", host=" + host
                + ", port=" + port + ", secretKey=" + secretKey.map(k -> "***").orElse("<unset>")
                + ", maxRequestBytes=" + maxRequestBytes + ", upstreamMaxConnections=" + upstreamMaxConnections
                + ", upstreamMaxWaitQueue=" + upstreamMaxWaitQueue + ", upstreamCaFile=" + upstreamCaFile
                + ", logFormat=" + logFormat + "]";
    }

    public boolean adminAuthEnabled() {
        return admin.isPresent();
    }
}
