package com.llmgateway.proxy;

import com.llmgateway.health.Admission;
import com.llmgateway.health.ErrorDecision;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.health.RetryAfter;
import com.llmgateway.health.Timeouts;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.GatewayException;
import com.llmgateway.routing.Candidate;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.usage.ResponseSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one client request after routing: attempts on providers with retry and failover, then the relay of one
 * upstream response. Runs entirely on the request's event loop, so it needs no locks.
 *
 * <p>States: {@code SELECTING} (choosing the first candidate), {@code ATTEMPTING} (a call to a provider is in flight,
 * its stream's opening events are being held, or a retry is waiting), {@code COMMITTED} (a response is being relayed:
 * no more retries), {@code DONE} (relayed to the end) and {@code FAILED} (ended without a complete relay). Retry and
 * failover happen only before the client has received a byte.
 *
 * <p>Every attempt must first be admitted by {@link ProviderHealth} (a candidate whose circuit opened meanwhile is
 * skipped) and ends in exactly one report to it: success, failure or abandoned. After a failure the model's {@link
 * com.llmgateway.health.ErrorPolicy} decides: retry the same provider ({@code RETRY_DELAY_MS} apart, up to {@code
 * RETRY_MAX_ATTEMPTS} calls), fail over to the next untried candidate in priority order, or return the failure to the
 * client. When nothing is left to try, the last upstream response is relayed as it was.
 */
final class Exchange implements Attempt.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    enum State {
        SELECTING,
        ATTEMPTING,
        COMMITTED,
        DONE,
        FAILED
    }

    private final ProxyServices services;
    private final ProxyRequest request;
    private final Route route;
    private final List<Candidate> candidates;
    private final ModelConfig model;
    private final Set<Long> triedProviders = new HashSet<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();

    private State state = State.SELECTING;
    private Candidate current;
    private Admission admission;
    private Attempt attempt;
    private int attemptsOnProvider;
    private int retryCount;
    private long attemptStartNanos;
    private Long firstByteDelayMs;
    private long retryTimer = -1;
    private long totalTimer = -1;
    private Relay relay;
    private String errorInfo;
    private int clientStatus;
    // Metrics: whether this exchange holds an attempt or an open stream in ProxyActivity's gauges.
    private String activeAttemptProvider;
    private boolean streamOpen;

    Exchange(ProxyServices services, ProxyRequest request, Route route) {
        this.services = services;
        this.request = request;
        this.route = route;
        this.candidates = route.candidates();
        this.model = route.model();
    }

    State state() {
        return state;
    }

    /** Starts with the candidate the strategy chose; failover then walks the others in priority order. */
    void start(int firstIndex) {
        request.response().closeHandler(ignored -> onClientGone());
        current = candidates.get(firstIndex);
        triedProviders.add(current.providerId());
        Admission first = health().tryAdmit(HealthKey.of(current));
        if (first.allowed()) {
            attempt(first);
        } else {
            LOG.info(
                    "Provider {} is no longer admitted by health; skipping it",
                    current.provider().name());
            failOver(null, Optional.empty());
        }
    }

    private void attempt(Admission admitted) {
        Optional<CrossProtocol> translation;
        try {
            translation = CrossProtocol.forAttempt(request, current);
        } catch (GatewayException e) {
            // The request cannot be said in this provider's protocol: the client hears why, in its own.
            health().abandon(admitted);
            failWith(e.error());
            return;
        }
        state = State.ATTEMPTING;
        admission = admitted;
        attemptsOnProvider++;
        attemptStartNanos = System.nanoTime();
        beginAttemptActivity();
        Timeouts timeouts =
                Timeouts.effective(model.timeouts(), current.provider().timeouts(), services.httpTimeout());
        attempt = new Attempt(services, request, current, timeouts, translation, this);
        // Before the start: an attempt that fails at once has its timer cancelled with it.
        timeouts.totalFor(request.body().isStream()).ifPresent(this::startTotalTimer);
        attempt.start();
    }

    @Override
    public void answered(Relay.Source answer, long firstByteMs) {
        health().recordSuccess(admission, firstByteMs);
        admission = null;
        recordAttempt(answer.response().statusCode(), false, Optional.empty());
        firstByteDelayMs = firstByteMs;
        commit(answer);
    }

    /** A failed attempt: tell health, then do what the model's error policy decides for its kind. */
    @Override
    public void failed(Failure failure, Optional<Relay.Source> answer) {
        cancelTotalTimer();
        health().recordFailure(admission, failure.kind(), failure.status(), retryAfter(answer), failure.message());
        admission = null;
        recordAttempt(failure.status(), failure.isTransport(), Optional.of(failure.message()));
        endAttemptActivity();
        retryCount++;
        ErrorDecision decision = services.retryPolicy().decide(model.errorPolicy(), failure.kind(), attemptsOnProvider);
        LOG.warn(
                "Attempt {}/{} on provider {} ({}) failed: {}; {}",
                attemptsOnProvider,
                services.retryPolicy().maxAttemptsPerProvider(),
                current.providerId(),
                current.provider().name(),
                failure.message(),
                decision.wireName());
        switch (decision) {
            case RETRY_SAME_PROVIDER -> {
                if (isStillAdmitted(current)) {
                    discard(answer);
                    retryLater(failure);
                } else {
                    // This failure opened the circuit: waiting out the retry delay would only be refused.
                    failOver(failure, answer);
                }
            }
            case FAIL_OVER -> failOver(failure, answer);
            case RETURN_TO_CLIENT -> giveUp(failure, answer);
        }
    }

    private void retryLater(Failure failure) {
        retryTimer = services.vertx()
                .setTimer(Math.max(1, services.retryPolicy().delay().toMillis()), id -> {
                    retryTimer = -1;
                    Admission again = health().tryAdmit(HealthKey.of(current));
                    if (again.allowed()) {
                        attempt(again);
                    } else {
                        failOver(failure, Optional.empty());
                    }
                });
    }

    /**
     * Moves to the next untried candidate in priority order that health admits now; candidates it refuses are skipped
     * (not attempts, so not counted). With none left, the client gets {@code failure}.
     *
     * @param failure the last failure, or null when no attempt was made yet
     */
    private void failOver(Failure failure, Optional<Relay.Source> answer) {
        for (Candidate next : candidates) {
            if (!triedProviders.add(next.providerId())) {
                continue;
            }
            Admission admitted = health().tryAdmit(HealthKey.of(next));
            if (admitted.allowed()) {
                discard(answer);
                LOG.warn(
                        "Switching from provider {} to provider {}",
                        current.provider().name(),
                        next.provider().name());
                current = next;
                attemptsOnProvider = 0;
                attempt(admitted);
                return;
            }
            LOG.info(
                    "Provider {} is not admitted by health now; skipping it",
                    next.provider().name());
        }
        giveUp(failure, answer);
    }

    /** The last upstream response as it was, else the gateway's error for the last failure. */
    private void giveUp(Failure failure, Optional<Relay.Source> answer) {
        if (answer.isPresent()) {
            commit(answer.get());
        } else if (failure != null) {
            failWith(failure.toGatewayError());
        } else {
            failWith(GatewayError.of(
                    503,
                    "service_error",
                    "no_available_provider",
                    "No provider of model '" + model.name() + "' is available: health stopped admitting them"));
        }
    }

    /** From here on the client receives this response; nothing is retried any more. */
    private void commit(Relay.Source answer) {
        state = State.COMMITTED;
        clientStatus = answer.response().statusCode();
        relay = new Relay(services, request, answer, this::onRelayFinished);
        relay.start();
        if (relay.isEventStream() && !isFinished()) {
            streamOpen = true;
            services.activity().streamOpened();
        }
    }

    private void onRelayFinished(Optional<String> error) {
        if (isFinished()) {
            return;
        }
        error.ifPresent(text -> errorInfo = text);
        // What the client was answered: a translated error may carry another status than the provider's.
        clientStatus = request.response().getStatusCode();
        finish(error.isPresent() ? State.FAILED : State.DONE);
    }

    private void failWith(GatewayError error) {
        clientStatus = error.status();
        errorInfo = error.message();
        ProxyResponses.sendError(request.response(), request.endpoint().protocol(), error, request.traceId());
        finish(State.FAILED);
    }

    /** The total bound of a non-stream call: from sending the request to the last byte of its answer. */
    private void startTotalTimer(Duration total) {
        totalTimer = services.vertx().setTimer(total.toMillis(), id -> {
            totalTimer = -1;
            String reason = "no complete response within " + total.toMillis() + " ms (total timeout)";
            if (state == State.COMMITTED) {
                relay.abort(reason);
            } else if (state == State.ATTEMPTING) {
                attempt.abort(Failure.timeout(reason));
            }
        });
    }

    private void cancelTotalTimer() {
        if (totalTimer >= 0) {
            services.vertx().cancelTimer(totalTimer);
            totalTimer = -1;
        }
    }

    private void onClientGone() {
        if (isFinished()) {
            return;
        }
        errorInfo = "client_disconnected";
        if (retryTimer >= 0) {
            services.vertx().cancelTimer(retryTimer);
        }
        if (relay != null) {
            relay.cancel();
        } else if (attempt != null) {
            attempt.cancel();
        }
        if (admission != null) {
            // No verdict on the provider: the client left before the attempt ended.
            health().abandon(admission);
            admission = null;
        }
        finish(State.FAILED);
    }

    /** A retry must still be admitted: the failure just recorded may have opened the circuit. */
    private boolean isStillAdmitted(Candidate candidate) {
        return health().admits(HealthKey.of(candidate));
    }

    /** The wait the provider asked for in its response headers; health honours it for a 429 or a 503. */
    private static Optional<Duration> retryAfter(Optional<Relay.Source> answer) {
        return answer.flatMap(a -> RetryAfter.from(name -> a.response().getHeader(name), Clock.systemUTC()));
    }

    private static void discard(Optional<Relay.Source> answer) {
        answer.ifPresent(a -> {
            a.response().handler(ignored -> {});
            a.response().exceptionHandler(ignored -> {});
            a.response().endHandler(ignored -> {});
            a.response().resume();
        });
    }

    private ProviderHealth health() {
        return services.health();
    }

    private void recordAttempt(int status, boolean transport, Optional<String> error) {
        attempts.add(new AttemptRecord(
                current.providerId(),
                current.provider().name(),
                current.targetModel(),
                status,
                transport,
                elapsedMs(attemptStartNanos),
                error));
    }

    private void beginAttemptActivity() {
        activeAttemptProvider = current.provider().name();
        services.activity().attemptStarted(activeAttemptProvider);
    }

    /** Once per attempt: when it fails, or when the exchange ends while it is in flight or being relayed. */
    private void endAttemptActivity() {
        if (activeAttemptProvider != null) {
            services.activity().attemptEnded(activeAttemptProvider);
            activeAttemptProvider = null;
        }
    }

    private boolean isFinished() {
        return state == State.DONE || state == State.FAILED;
    }

    private void finish(State end) {
        state = end;
        cancelTotalTimer();
        endAttemptActivity();
        if (streamOpen) {
            streamOpen = false;
            services.activity().streamClosed();
        }
        long total = elapsedMs(attemptStartNanos);
        ExchangeRecord record = new ExchangeRecord(
                request.traceId(),
                request.requestTime(),
                request.endpoint(),
                request.apiKey(),
                request.body().model(),
                request.body().isStream(),
                request.body().bytes(),
                request.headers().entries(),
                route.matchedCount(),
                attempts,
                retryCount,
                clientStatus,
                Optional.ofNullable(firstByteDelayMs),
                attempts.isEmpty() ? Optional.empty() : Optional.of(total),
                relay == null ? 0 : relay.bytesRelayed(),
                relay == null ? ResponseSummary.EMPTY : relay.summary(),
                Optional.ofNullable(errorInfo));
        try {
            services.listener().exchangeFinished(record);
        } catch (RuntimeException e) {
            LOG.error("Exchange listener failed for trace {}", request.traceId(), e);
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
