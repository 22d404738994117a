package com.llmgateway.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A row of {@code service_providers} with its API key decrypted. When the key cannot be decrypted (the master key
 * changed) {@code apiKey} is empty and {@code apiKeyUnreadable} is true; the stored ciphertext is kept until an operator
 * sets a new key. {@code includeStreamUsage} asks an OpenAI-protocol provider for stream usage when the client did not.
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
            boolean includeStreamUsage) {

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
            Optional<Boolean> includeStreamUsage) {}
}
