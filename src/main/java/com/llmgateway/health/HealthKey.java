package com.llmgateway.health;

import com.llmgateway.routing.Candidate;

/**
 * Whose health an outcome speaks for: a provider as a whole, or one of its mappings (a model served by it).
 *
 * <p>The exchange always uses the mapping's key ({@link #of(Candidate)}); {@link ProviderHealth} then charges each
 * failure where it belongs. Transport errors and a refused key are the provider's, whichever model was asked for; rate
 * limits, 5xx, timeouts and stream errors are the mapping's, since providers limit and overload per model (OpenAI's
 * and Anthropic's rate limits are per model). A provider-wide key ({@link #provider}) is for the optional cheap probe,
 * which asks no model.
 */
public record HealthKey(long providerId, long mappingId) {
    private static final long PROVIDER_WIDE = 0;

    /** @throws IllegalArgumentException if {@code mappingId} is negative (0 means provider-wide) */
    public HealthKey {
        if (mappingId < 0) {
            throw new IllegalArgumentException("mappingId must not be negative, got " + mappingId);
        }
    }

    /** The provider as a whole. */
    public static HealthKey provider(long providerId) {
        return new HealthKey(providerId, PROVIDER_WIDE);
    }

    /** One mapping of a provider; mapping ids are positive. */
    public static HealthKey mapping(long providerId, long mappingId) {
        if (mappingId <= 0) {
            throw new IllegalArgumentException("mapping ids are positive, got " + mappingId);
        }
        return new HealthKey(providerId, mappingId);
    }

    /** The key of a routing candidate: its provider and mapping. */
    public static HealthKey of(Candidate candidate) {
        return mapping(candidate.providerId(), candidate.mappingId());
    }

    public boolean isProviderWide() {
        return mappingId == PROVIDER_WIDE;
    }

    /** The key of this key's provider as a whole. */
    public HealthKey providerWide() {
        return isProviderWide() ? this : provider(providerId);
    }

    @Override
    public String toString() {
        return isProviderWide() ? "provider " + providerId : "provider " + providerId + " mapping " + mappingId;
    }
}
