package com.llmgateway.routing;

import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.Timeouts;
import com.llmgateway.protocol.Protocol;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider as routing sees it: where it is, which protocol it speaks, its decrypted credential and extra headers,
 * and its routing policy.
 *
 * <p>{@link #toString()} never prints the key.
 *
 * @param includeStreamUsage for an OpenAI-protocol provider, ask for stream usage when the client did not (and hide
 *     the extra chunk from the client); ignored for Anthropic, whose streams always report usage
 * @param responsesApi for an OpenAI-protocol provider, whether it offers OpenAI's Responses API; when it does not, a
 *     {@code /v1/responses} request is translated to its Chat Completions (ignored for Anthropic, always translated)
 * @param timeouts the provider's attempt bounds; a model's own override them ({@link Timeouts#effective})
 * @param health when the provider's circuits trip and for how long
 * @param revision changes with every edit of the provider (its {@code updated_at}); an edited provider gets a fresh
 *     health record, so that a key marked invalid is tried again once an operator has touched the provider
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
        boolean includeStreamUsage,
        boolean responsesApi,
        Timeouts timeouts,
        HealthThresholds health,
        long revision) {

    public ProviderConfig {
        extraHeaders = Map.copyOf(extraHeaders);
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(health, "health");
    }

    /** A provider with the default routing policy that offers the Responses API if it speaks OpenAI. */
    public ProviderConfig(
            long id,
            String name,
            String baseUrl,
            Protocol protocol,
            String apiType,
            Optional<String> apiKey,
            Map<String, String> extraHeaders,
            boolean active,
            boolean includeStreamUsage) {
        this(
                id,
                name,
                baseUrl,
                protocol,
                apiType,
                apiKey,
                extraHeaders,
                active,
                includeStreamUsage,
                true,
                Timeouts.NONE,
                HealthThresholds.DEFAULTS,
                0);
    }

    @Override
    public String toString() {
        return "ProviderConfig[id=" + id + ", name=" + name + ", baseUrl=" + baseUrl + ", protocol=" + protocol + "]";
    }
}
