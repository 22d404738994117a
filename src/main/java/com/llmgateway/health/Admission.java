package com.llmgateway.health;

/**
 * The answer to {@link ProviderHealth#tryAdmit}: whether an attempt may go, and whether it is a half-open circuit's
 * single probe. An allowed admission must end in exactly one of {@link ProviderHealth#recordSuccess}, {@link
 * ProviderHealth#recordFailure} or {@link ProviderHealth#abandon}, so that a probe it holds is released.
 *
 * <p>It remembers the circuits it was admitted by: an outcome that arrives after {@link ProviderHealth#resetProvider}
 * (say a 401 for the key the operator just replaced) lands on the discarded circuits, not on the fresh ones.
 */
public final class Admission {
    static final long REFUSED = -1;
    static final long NOT_A_PROBE = 0;

    private final HealthKey key;
    final Circuit provider;
    final long providerTicket;
    final Circuit mapping;
    final long mappingTicket;

    Admission(HealthKey key, Circuit provider, long providerTicket, Circuit mapping, long mappingTicket) {
        this.key = key;
        this.provider = provider;
        this.providerTicket = providerTicket;
        this.mapping = mapping;
        this.mappingTicket = mappingTicket;
    }

    static Admission refused(HealthKey key) {
        return new Admission(key, null, REFUSED, null, REFUSED);
    }

    public HealthKey key() {
        return key;
    }

    /** Whether the attempt may go to the provider; if not, the exchange moves on to the next candidate. */
    public boolean allowed() {
        return providerTicket != REFUSED;
    }

    /** Whether this attempt is the single probe of a half-open circuit (the provider's or the mapping's). */
    public boolean probe() {
        return providerTicket > NOT_A_PROBE || mappingTicket > NOT_A_PROBE;
    }

    @Override
    public String toString() {
        return "Admission[" + key + (allowed() ? (probe() ? ", probe]" : ", allowed]") : ", refused]");
    }
}
