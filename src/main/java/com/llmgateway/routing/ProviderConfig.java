package com.llmgateway.routing;

import com.llmgateway.protocol.Protocol;
import java.util.Map;
import java.util.Optional;

/**
 * A provider as routing sees it: where it is, which protocol it speaks, its decrypted credential and extra headers.
 *
 * <p>{@link #toString()} never prints the key.
 *
 * @param includeStreamUsage for an OpenAI-protocol provider, ask for stream usage when the client did not (and hide
 *     the extra chunk from the client); ignored for Anthropic, whose streams always report usage
 */
public record ProviderConfig(
        long id,
        String name,
        String baseUrl,
        Protocol protocol,
        String apiType,
        Optional<String> apiKey,
        Map<String, String> extraHeaders,
        boolean active,
        boolean includeStreamUsage) {

    public ProviderConfig {
        extraHeaders = Map.copyOf(extraHeaders);
    }

    @Override
    public String toString() {
        return "ProviderConfig[id=" + id + ", name=" + name + ", baseUrl=" + baseUrl + ", protocol=" + protocol + "]";
    }
}
