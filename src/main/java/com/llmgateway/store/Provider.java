package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A row of {@code service_providers} with its API key decrypted. When the key cannot be decrypted (the master key
 * changed) {@code apiKey} is empty and {@code apiKeyUnreadable} is true; the stored ciphertext is kept until an operator
 * sets a new key. {@code includeStreamUsage} asks an OpenAI-protocol provider for stream usage when the client did not;
 * {@code responsesApi} says whether an OpenAI-protocol provider offers the Responses API (when not, the gateway
 * translates {@code /v1/responses} requests to its Chat Completions).
 * {@code timeouts} and {@code health} are the provider's routing policy as the operator wrote it (validated by the
 * admin API, parsed into the routing snapshot); empty means the defaults.
 */
public record Provider(
        long id,
        String name,
        String baseUrl,
        String protocol,
        String apiType,
        Optional<String> apiKey,
        boolean apiKeyUnreadable,
        Optional<Map<String, String>> extraHeaders,
        boolean active,
        boolean includeStreamUsage,
        boolean responsesApi,
        Optional<JsonNode> timeouts,
        Optional<JsonNode> health,
        Instant createdAt,
        Instant updatedAt) {

    /** A new provider; the key is encrypted by the store. */
    public record Draft(
            String name,
            String baseUrl,
            String protocol,
            String apiType,
            Optional<String> apiKey,
            Optional<Map<String, String>> extraHeaders,
            boolean active,
            boolean includeStreamUsage,
            boolean responsesApi,
            Optional<JsonNode> timeouts,
            Optional<JsonNode> health) {

        /** A provider without a routing policy of its own. */
        public Draft(
                String name,
                String baseUrl,
                String protocol,
                String apiType,
                Optional<String> apiKey,
                Optional<Map<String, String>> extraHeaders,
                boolean active,
                boolean includeStreamUsage) {
            this(
                    name,
                    baseUrl,
                    protocol,
                    apiType,
                    apiKey,
                    extraHeaders,
                    active,
                    includeStreamUsage,
                    true,
                    Optional.empty(),
                    Optional.empty());
        }

        /** A provider with the stream-usage option off, its default. */
        public Draft(
                String name,
                String baseUrl,
                String protocol,
                String apiType,
                Optional<String> apiKey,
                Optional<Map<String, String>> extraHeaders,
                boolean active) {
            this(name, baseUrl, protocol, apiType, apiKey, extraHeaders, active, false);
        }
    }

    /** A partial update: empty fields and {@link Change#keep()} leave the column as it is. */
    public record Patch(
            Optional<String> name,
            Optional<String> baseUrl,
            Optional<String> protocol,
            Optional<String> apiType,
            Change<String> apiKey,
            Change<Map<String, String>> extraHeaders,
            Optional<Boolean> active,
            Optional<Boolean> includeStreamUsage,
            Optional<Boolean> responsesApi,
            Change<JsonNode> timeouts,
            Change<JsonNode> health) {

        /** A patch that leaves the routing policy alone. */
        public Patch(
                Optional<String> name,
                Optional<String> baseUrl,
                Optional<String> protocol,
                Optional<String> apiType,
                Change<String> apiKey,
                Change<Map<String, String>> extraHeaders,
                Optional<Boolean> active,
                Optional<Boolean> includeStreamUsage) {
            this(
                    name,
                    baseUrl,
                    protocol,
                    apiType,
                    apiKey,
                    extraHeaders,
                    active,
                    includeStreamUsage,
                    Optional.empty(),
                    Change.keep(),
                    Change.keep());
        }
    }
}
