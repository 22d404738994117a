package com.llmgateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The state machine of one {@link HealthKey}: {@code CLOSED -> OPEN -> HALF_OPEN -> CLOSED | OPEN}, plus {@code
 * RATE_LIMITED} (back to {@code CLOSED} when the provider's wait is over) and {@code KEY_INVALID} (until the provider
 * is reset). Every method takes the current time and appends the transitions it causes to {@code events}, which the
 * caller publishes after the lock is released.
 *
 * <p>Thread-safe: each method holds the circuit's lock for a few field updates, never while calling out.
 */
final class Circuit {
    /** Enough of an error text to recognise it; upstream error bodies can be long. */
    static final int MAX_ERROR_LENGTH = 300;

    private static final long NO_PROBE = 0;

    private final HealthKey key;
    private HealthThresholds thresholds;
    private RollingWindow window;
    private HealthState state = HealthState.CLOSED;
    private long openUntil;
    private int consecutiveTrips;
    private long probeTicket = NO_PROBE;
    private long probeDeadline;
    private long lastTicket;
    private long lastAdmission = Long.MIN_VALUE;
    private String lastError;
    private long lastErrorAt;

    Circuit(HealthKey key, HealthThresholds thresholds) {
        this.key = key;
        this.thresholds = thresholds;
        this.window = new RollingWindow(thresholds.window());
    }

    synchronized HealthState state(long now, List<HealthTransition> events) {
        refresh(now, events);
        return state;
    }

    /** Whether an attempt would be admitted now, without reserving anything. */
    synchronized boolean admits(long now, List<HealthTransition> events) {
        refresh(now, events);
        return state == HealthState.CLOSED || isProbeFree();
    }

    /**
     * Admits an attempt: {@link Admission#NOT_A_PROBE} when closed, a fresh probe ticket when half open and no probe is
     * out, {@link Admission#REFUSED} otherwise.
     */
    synchronized long tryAdmit(long now, List<HealthTransition> events) {
        refresh(now, events);
        if (state == HealthState.CLOSED) {
            lastAdmission = now;
            return Admission.NOT_A_PROBE;
        }
        if (isProbeFree()) {
            lastAdmission = now;
            probeTicket = ++lastTicket;
            probeDeadline = now + thresholds.probeLease().toMillis();
            return probeTicket;
        }
        return Admission.REFUSED;
    }

    /** The attempt ended without a verdict on this circuit: its probe slot, if it holds one, is free again. */
    synchronized void release(long ticket) {
        if (isTheProbe(ticket)) {
            probeTicket = NO_PROBE;
        }
    }

    synchronized void success(long now, long ticket, List<HealthTransition> events) {
        refresh(now, events);
        if (isTheProbe(ticket)) {
            close(now, "probe succeeded", events);
            return;
        }
        window.success(now);
    }

    /**
     * A failure charged to this circuit. With a positive {@code hint} the provider said how long to wait, and that
     * decides alone; otherwise the failure counts in the window, and trips the circuit when it was the probe or when
     * the ratio is reached.
     */
    synchronized void failure(
            long now, long ticket, Optional<Duration> hint, String error, List<HealthTransition> events) {
        refresh(now, events);
        if (state == HealthState.KEY_INVALID) {
            return;
        }
        remember(now, error);
        boolean probe = isTheProbe(ticket);
        if (hint.isPresent() && hint.get().isPositive()) {
            waitAsAsked(now, hint.get(), events);
        } else if (probe) {
            window.failure(now);
            trip(now, "probe failed: " + lastError, events);
        } else {
            window.failure(now);
            if (state == HealthState.CLOSED && isRatioReached(now)) {
                trip(now, ratioReason(now), events);
            }
        }
    }

    /** The provider refused our credential: nothing goes through until {@link ProviderHealth#resetProvider}. */
    synchronized void keyInvalid(long now, String error, List<HealthTransition> events) {
        refresh(now, events);
        remember(now, error);
        probeTicket = NO_PROBE;
        moveTo(HealthState.KEY_INVALID, now, "credential refused: " + lastError, events);
    }

    /** Whether the cheap probe should run: half open, no probe out, and no attempt for {@code idleMillis}. */
    synchronized boolean needsProbe(long now, long idleMillis, List<HealthTransition> events) {
        refresh(now, events);
        return isProbeFree() && now - Math.max(lastAdmission, openUntil) >= idleMillis;
    }

    synchronized HealthSnapshot snapshot(long now, OptionalDouble latency, List<HealthTransition> events) {
        refresh(now, events);
        int requests = window.requests(now);
        double ratio = requests == 0 ? 0 : (double) window.failures(now) / requests;
        boolean waiting = state == HealthState.OPEN || state == HealthState.RATE_LIMITED;
        return new HealthSnapshot(
                key,
                state,
                ratio,
                requests,
                latency,
                waiting ? Optional.of(Instant.ofEpochMilli(openUntil)) : Optional.empty(),
                Optional.ofNullable(lastError),
                lastError == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastErrorAt)),
                consecutiveTrips);
    }

    /** New thresholds apply from now on; a different window length starts an empty window. */
    synchronized void reconfigure(HealthThresholds next) {
        if (!next.window().equals(thresholds.window())) {
            window = new RollingWindow(next.window());
        }
        thresholds = next;
    }

    /** Applies the changes that are due by time alone. */
    private void refresh(long now, List<HealthTransition> events) {
        if (state == HealthState.OPEN && now >= openUntil) {
            probeTicket = NO_PROBE;
            moveTo(HealthState.HALF_OPEN, openUntil, "cooldown over", events);
        } else if (state == HealthState.RATE_LIMITED && now >= openUntil) {
            moveTo(HealthState.CLOSED, openUntil, "the wait the provider asked for is over", events);
        } else if (state == HealthState.HALF_OPEN && probeTicket != NO_PROBE && now >= probeDeadline) {
            // The probe's outcome never came (a lost admission): let another attempt probe.
            probeTicket = NO_PROBE;
        }
    }

    /**
     * A healthy circuit waits exactly as long as asked. One that tripped on errors still needs a successful probe to
     * close: it stays open at least until the wait is over, then half-opens as usual.
     */
    private void waitAsAsked(long now, Duration hint, List<HealthTransition> events) {
        long until = now + hint.toMillis();
        String reason = "provider asked to wait " + hint.toMillis() + " ms: " + lastError;
        switch (state) {
            case CLOSED -> {
                openUntil = until;
                moveTo(HealthState.RATE_LIMITED, now, reason, events);
            }
            case RATE_LIMITED, OPEN -> openUntil = Math.max(openUntil, until);
            case HALF_OPEN -> {
                probeTicket = NO_PROBE;
                openUntil = until;
                moveTo(HealthState.OPEN, now, reason, events);
            }
            case KEY_INVALID -> {}
        }
    }

    private void trip(long now, String reason, List<HealthTransition> events) {
        consecutiveTrips++;
        openUntil = now + thresholds.cooldownAfter(consecutiveTrips).toMillis();
        probeTicket = NO_PROBE;
        moveTo(HealthState.OPEN, now, reason, events);
    }

    private void close(long now, String reason, List<HealthTransition> events) {
        consecutiveTrips = 0;
        probeTicket = NO_PROBE;
        window.clear();
        moveTo(HealthState.CLOSED, now, reason, events);
    }

    private void moveTo(HealthState next, long at, String reason, List<HealthTransition> events) {
        if (state != next) {
            events.add(new HealthTransition(key, state, next, Instant.ofEpochMilli(at), reason));
            state = next;
        }
    }

    /** Enough outcomes to judge, and failing at least as often as the threshold allows. */
    private boolean isRatioReached(long now) {
        int requests = window.requests(now);
        return requests >= thresholds.minRequests() && window.failures(now) >= thresholds.errorRatio() * requests;
    }

    private String ratioReason(long now) {
        int requests = window.requests(now);
        double ratio = (double) window.failures(now) / requests;
        return String.format(Locale.ROOT, "error ratio %.2f over %d requests; last: %s", ratio, requests, lastError);
    }

    private boolean isProbeFree() {
        return state == HealthState.HALF_OPEN && probeTicket == NO_PROBE;
    }

    private boolean isTheProbe(long ticket) {
        return ticket > NO_PROBE && ticket == probeTicket && state == HealthState.HALF_OPEN;
    }

    private void remember(long now, String error) {
        String text = error == null ? "" : error;
        lastError = text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
        lastErrorAt = now;
    }
}
