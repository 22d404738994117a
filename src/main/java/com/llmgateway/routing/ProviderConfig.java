package com.llmgateway.routing;

import com.llmgateway.protocol.Protocol;
import java.util.Map;
import java.util.Optional;

/**
 * A provider as routing sees it: where it is, which protocol it speaks, its decrypted credential and extra headers.
 *
 * <p>{@link #toString()} never prints the key.
 */
public record ProviderConfig(
        long id,
        String name,
        String baseUrl,
        Protocol protocol,
        String apiType,
        Optional<String> apiKey,
        Map<String, String> extraHeaders,
        boolean active) {

    public ProviderConfig {
        extraHeaders = Map.copyOf(extraHeaders);
    }

    @Override
    public String toString() {
        return "ProviderConfig[id=" + id + ", name=" + name + ", baseUrl=" + baseUrl + ", protocol=" + protocol + "]";
    }
}
