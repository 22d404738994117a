package com.llmgateway.proxy;

import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.GatewayException;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.security.GatewayKeys;
import io.vertx.core.MultiMap;
import java.util.Optional;

/**
 * Gateway key authentication (seed-spec section 5.2): the key comes from {@code x-api-key}, else from {@code
 * Authorization} with any-case {@code Bearer } removed, and is checked by its SHA-256 hash against the snapshot.
 */
final class KeyAuthenticator {
    private KeyAuthenticator() {}

    static ApiKeyEntry authenticate(MultiMap headers, RoutingSnapshot snapshot) {
        String key = presentedKey(headers).orElseThrow(() -> unauthorized("API Key is required", "invalid_api_key"));
        ApiKeyEntry entry = snapshot.keyByHash(GatewayKeys.sha256Hex(key))
                .orElseThrow(() -> unauthorized("Invalid API Key", "invalid_api_key"));
        if (!entry.active()) {
            throw unauthorized("API Key is disabled", "api_key_disabled");
        }
        return entry;
    }

    static Optional<String> presentedKey(MultiMap headers) {
        String apiKey = headers.get("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.strip());
        }
        String authorization = headers.get("authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static GatewayException unauthorized(String message, String code) {
        return new GatewayException(GatewayError.of(401, "authentication_error", code, message));
    }
}
