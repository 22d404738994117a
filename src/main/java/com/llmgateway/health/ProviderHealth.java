package com.llmgateway.health;

import com.llmgateway.routing.LatencyTracker;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.RoutingSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of every provider and mapping, learnt from real traffic only (issue 4, item 2). One circuit per {@link
 * HealthKey}; an attempt on a mapping must pass both its provider's circuit and the mapping's own.
 *
 * <p>How the exchange uses it, for each candidate of a request:
 *
 * <ol>
 *   <li>{@link #admits} to leave out candidates that are open, rate limited or whose key is invalid, before the
 *       selection strategy chooses among the rest;
 *   <li>{@link #tryAdmit} before every attempt, including a retry on the same provider (a half-open circuit lets
 *       exactly one probe through; the others are refused and move on to the next candidate);
 *   <li>one of {@link #recordSuccess} (at the first byte), {@link #recordFailure} or {@link #abandon} (the client left,
 *       or the attempt ended without a verdict) per allowed admission.
 * </ol>
 *
 * <p>Where a failure is charged: transport errors to the provider, 401/403 to the provider's key ({@code
 * KEY_INVALID} until {@link #resetProvider}); rate limits, 5xx, timeouts, other 4xx and stream errors to the mapping.
 * A client error (400/404/413/422) and a full gateway pool are nobody's fault: they count against nothing. A 429, or
 * a 503, with a retry hint makes the circuit wait exactly that long (see {@link Circuit}).
 *
 * <p>Thread-safe and non-blocking: circuits lock for a few field updates; the listener is called after.
 */
public final class ProviderHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderHealth.class);

    /** Real traffic gets this long after a cooldown to probe a provider before the cheap probe is suggested. */
    public static final Duration PROBE_IDLE = Duration.ofSeconds(10);

    private static final Comparator<HealthKey> BY_KEY =
            Comparator.comparingLong(HealthKey::providerId).thenComparingLong(HealthKey::mappingId);

    private final HealthThresholds defaults;
    private final LatencyTracker latency;
    private final Clock clock;
    private final HealthListener listener;
    private final ConcurrentHashMap<HealthKey, Circuit> circuits = new ConcurrentHashMap<>();
    private volatile Map<Long, HealthThresholds> thresholdsByProvider = Map.of();

    /**
     * @param defaults the thresholds of providers without their own ({@link #setThresholds})
     * @param latency fed with the time to first byte of every success on a mapping, read by {@code least_latency}
     * @param clock the time of every decision; tests pass one they move by hand
     * @param listener told about every state change
     */
    public ProviderHealth(HealthThresholds defaults, LatencyTracker latency, Clock clock, HealthListener listener) {
        this.defaults = Objects.requireNonNull(defaults);
        this.latency = Objects.requireNonNull(latency);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
    }

    /** Whether an attempt on this key would be admitted now; reserves nothing, so use it to filter candidates. */
    public boolean admits(HealthKey key) {
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        boolean admitted = admits(circuits.get(key.providerWide()), now, events)
                && (key.isProviderWide() || admits(circuits.get(key), now, events));
        publish(events);
        return admitted;
    }

    private static boolean admits(Circuit circuit, long now, List<HealthTransition> events) {
        // No circuit yet: nothing has gone wrong.
        return circuit == null || circuit.admits(now, events);
    }

    /**
     * Admits one attempt, reserving a half-open circuit's single probe atomically. A refused admission needs no
     * outcome.
     */
    public Admission tryAdmit(HealthKey key) {
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        try {
            Circuit provider = circuit(key.providerWide());
            long providerTicket = provider.tryAdmit(now, events);
            if (providerTicket == Admission.REFUSED) {
                return Admission.refused(key);
            }
            if (key.isProviderWide()) {
                return new Admission(key, provider, providerTicket, null, Admission.NOT_A_PROBE);
            }
            Circuit mapping = circuit(key);
            long mappingTicket = mapping.tryAdmit(now, events);
            if (mappingTicket == Admission.REFUSED) {
                // Both must admit: give back the provider's probe slot if this attempt took it.
                provider.release(providerTicket);
                return Admission.refused(key);
            }
            return new Admission(key, provider, providerTicket, mapping, mappingTicket);
        } finally {
            publish(events);
        }
    }

    /** The attempt ended without a verdict (the client left, say): frees the probe slot it may hold. */
    public void abandon(Admission admission) {
        requireAllowed(admission);
        admission.provider.release(admission.providerTicket);
        if (admission.mapping != null) {
            admission.mapping.release(admission.mappingTicket);
        }
    }

    /**
     * The attempt got its first byte: the provider answered and the mapping served. The time to first byte feeds the
     * moving averages (not for a provider-wide probe, which asks no model).
     */
    public void recordSuccess(Admission admission, long ttfbMillis) {
        requireAllowed(admission);
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        admission.provider.success(now, admission.providerTicket, events);
        if (admission.mapping != null) {
            admission.mapping.success(now, admission.mappingTicket, events);
            latency.record(admission.key().providerId(), admission.key().mappingId(), ttfbMillis);
        }
        publish(events);
    }

    /**
     * The attempt failed.
     *
     * @param kind how, as the exchange classified it ({@link FailureKind#ofStatus} for statuses)
     * @param status the upstream status, or the synthetic one of a transport failure; only a 503 of {@link
     *     FailureKind#STATUS_5XX} makes {@code retryAfter} count
     * @param retryAfter the wait the provider asked for ({@link RetryAfter}), honoured for a 429 or a 503
     * @param error what went wrong, for the snapshot and the transition's reason
     */
    public void recordFailure(
            Admission admission, FailureKind kind, int status, Optional<Duration> retryAfter, String error) {
        requireAllowed(admission);
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        Optional<Duration> hint = isWaitHonoured(kind, status) ? retryAfter : Optional.empty();
        Blame blame = blame(kind, admission.key());
        switch (blame) {
            case PROVIDER -> {
                if (kind == FailureKind.AUTH) {
                    admission.provider.keyInvalid(now, error, events);
                } else {
                    admission.provider.failure(now, admission.providerTicket, hint, error, events);
                }
            }
            // The provider answered, so it is reachable and our key works.
            case MAPPING, NOBODY_BUT_ANSWERED -> admission.provider.success(now, admission.providerTicket, events);
            case NOBODY -> admission.provider.release(admission.providerTicket);
        }
        if (admission.mapping != null) {
            if (blame == Blame.MAPPING) {
                admission.mapping.failure(now, admission.mappingTicket, hint, error, events);
            } else {
                admission.mapping.release(admission.mappingTicket);
            }
        }
        publish(events);
    }

    private enum Blame {
        PROVIDER,
        MAPPING,
        /** A client error: the provider answered, but the request was at fault. */
        NOBODY_BUT_ANSWERED,
        /** A full gateway pool: nothing was sent. */
        NOBODY
    }

    private static Blame blame(FailureKind kind, HealthKey key) {
        return switch (kind) {
            case TRANSPORT, AUTH -> Blame.PROVIDER;
            case CLIENT_ERROR -> Blame.NOBODY_BUT_ANSWERED;
            case POOL_FULL -> Blame.NOBODY;
            // The cheap probe asks no model, so what would be the mapping's is the provider's.
            case TIMEOUT, STATUS_4XX, STATUS_429, STATUS_5XX, STREAM_ERROR ->
                key.isProviderWide() ? Blame.PROVIDER : Blame.MAPPING;
        };
    }

    /** A retry hint counts on a 429, and on a 503 (RFC 9110 section 15.6.4); elsewhere it is noise. */
    private static boolean isWaitHonoured(FailureKind kind, int status) {
        return kind == FailureKind.STATUS_429 || (kind == FailureKind.STATUS_5XX && status == 503);
    }

    /**
     * Forgets everything about the provider and its mappings, e.g. after an operator edited it: a new key or URL
     * deserves a fresh start. Outcomes of attempts admitted before land on the forgotten circuits.
     */
    public void resetProvider(long providerId) {
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        for (HealthKey key : List.copyOf(circuits.keySet())) {
            if (key.providerId() == providerId) {
                Circuit removed = circuits.remove(key);
                HealthState was = removed == null ? HealthState.CLOSED : removed.state(now, new ArrayList<>(0));
                if (was != HealthState.CLOSED) {
                    events.add(new HealthTransition(
                            key, was, HealthState.CLOSED, clock.instant(), "provider reset after an edit"));
                }
            }
        }
        publish(events);
    }

    /**
     * Providers for which the optional cheap probe ({@code GET} on the models endpoint) should run now: their cooldown
     * is over, no probe is out, and no real attempt came for {@link #PROBE_IDLE}. The prober takes the probe with
     * {@code tryAdmit(HealthKey.provider(id))} and reports like any attempt.
     */
    public List<Long> needsProbe() {
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        List<Long> providers = new ArrayList<>();
        circuits.forEach((key, circuit) -> {
            if (key.isProviderWide() && circuit.needsProbe(now, PROBE_IDLE.toMillis(), events)) {
                providers.add(key.providerId());
            }
        });
        publish(events);
        providers.sort(Comparator.naturalOrder());
        return providers;
    }

    /** The state of one circuit now ({@code CLOSED} if it has seen nothing). */
    public HealthState state(HealthKey key) {
        Circuit circuit = circuits.get(key);
        if (circuit == null) {
            return HealthState.CLOSED;
        }
        List<HealthTransition> events = new ArrayList<>(0);
        HealthState state = circuit.state(clock.millis(), events);
        publish(events);
        return state;
    }

    /** Every circuit that has seen traffic, providers first, each followed by its mappings. */
    public List<HealthSnapshot> snapshot() {
        long now = clock.millis();
        List<HealthTransition> events = new ArrayList<>(0);
        List<HealthKey> keys = new ArrayList<>(circuits.keySet());
        keys.sort(BY_KEY);
        List<HealthSnapshot> snapshots = new ArrayList<>(keys.size());
        for (HealthKey key : keys) {
            Circuit circuit = circuits.get(key);
            if (circuit != null) {
                snapshots.add(circuit.snapshot(now, averageOf(key), events));
            }
        }
        publish(events);
        return snapshots;
    }

    /** One circuit now; a key that has seen no traffic is {@code CLOSED} with empty counts (and its latency, if any). */
    public HealthSnapshot snapshot(HealthKey key) {
        Circuit circuit = circuits.get(key);
        if (circuit == null) {
            return new HealthSnapshot(
                    key,
                    HealthState.CLOSED,
                    0,
                    0,
                    averageOf(key),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    0);
        }
        List<HealthTransition> events = new ArrayList<>(0);
        HealthSnapshot snapshot = circuit.snapshot(clock.millis(), averageOf(key), events);
        publish(events);
        return snapshot;
    }

    private OptionalDouble averageOf(HealthKey key) {
        return key.isProviderWide() ? latency.ofProvider(key.providerId()) : latency.ofMapping(key.mappingId());
    }

    /** Per-provider thresholds; providers left out use the defaults. Applies to existing circuits at once. */
    public void setThresholds(Map<Long, HealthThresholds> byProvider) {
        thresholdsByProvider = Map.copyOf(byProvider);
        circuits.forEach((key, circuit) -> circuit.reconfigure(thresholdsOf(key.providerId())));
    }

    /** Forgets circuits and averages of providers and mappings the snapshot no longer has. */
    public void retainOnly(RoutingSnapshot snapshot) {
        Set<Long> mappings = new HashSet<>();
        for (ModelConfig model : snapshot.models().values()) {
            for (MappingConfig mapping : model.mappings()) {
                mappings.add(mapping.id());
            }
        }
        Set<Long> providers = snapshot.providers().keySet();
        circuits.keySet()
                .removeIf(key -> !providers.contains(key.providerId())
                        || (!key.isProviderWide() && !mappings.contains(key.mappingId())));
        latency.retainOnly(providers, mappings);
    }

    private Circuit circuit(HealthKey key) {
        return circuits.computeIfAbsent(key, k -> new Circuit(k, thresholdsOf(k.providerId())));
    }

    private HealthThresholds thresholdsOf(long providerId) {
        return thresholdsByProvider.getOrDefault(providerId, defaults);
    }

    private static void requireAllowed(Admission admission) {
        if (!admission.allowed()) {
            throw new IllegalArgumentException("a refused admission has no outcome: " + admission);
        }
    }

    private void publish(List<HealthTransition> events) {
        for (HealthTransition event : events) {
            try {
                listener.onTransition(event);
            } catch (RuntimeException e) {
                LOG.warn("Health listener failed on {}", event, e);
            }
        }
    }
}
