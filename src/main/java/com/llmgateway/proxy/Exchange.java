package com.llmgateway.proxy;

import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.HeaderRules;
import com.llmgateway.protocol.UpstreamUrl;
import com.llmgateway.routing.Candidate;
import com.llmgateway.usage.ResponseSummary;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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
 * <p>States: {@code SELECTING} (choosing the first candidate), {@code ATTEMPTING} (a call to a provider is in flight
 * or a retry is waiting), {@code COMMITTED} (a response is being relayed: no more retries), {@code DONE} (relayed to
 * the end) and {@code FAILED} (ended without a complete relay). Retry and failover happen only before the client has
 * received a byte.
 */
final class Exchange {
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
    private final List<Candidate> candidates;
    private final Set<Long> triedProviders = new HashSet<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();

    private State state = State.SELECTING;
    private Candidate current;
    private int attemptsOnProvider;
    private int retryCount;
    private long attemptStartNanos;
    private boolean streamUsageAdded;
    private Long firstByteDelayMs;
    private HttpClientRequest inFlight;
    private long retryTimer = -1;
    private boolean timedOut;
    private Relay relay;
    private String errorInfo;
    private int clientStatus;
    // Metrics: whether this exchange holds an attempt or an open stream in ProxyActivity's gauges.
    private String activeAttemptProvider;
    private boolean streamOpen;

    Exchange(ProxyServices services, ProxyRequest request, List<Candidate> candidates) {
        this.services = services;
        this.request = request;
        this.candidates = List.copyOf(candidates);
    }

    State state() {
        return state;
    }

    /** Starts with the candidate the strategy chose; failover then walks the others in priority order. */
    void start(int firstIndex) {
        request.response().closeHandler(ignored -> onClientGone());
        current = candidates.get(firstIndex);
        triedProviders.add(current.providerId());
        attempt();
    }

    private void attempt() {
        state = State.ATTEMPTING;
        attemptsOnProvider++;
        attemptStartNanos = System.nanoTime();
        beginAttemptActivity();
        timedOut = false;
        String url = UpstreamUrl.resolve(
                current.provider().baseUrl(), request.endpoint().path(), request.query());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setHeaders(HeaderRules.upstreamHeaders(
                        request.headers(),
                        current.provider().protocol(),
                        current.provider().apiKey(),
                        current.provider().extraHeaders()));
        if (!request.body().isStream()) {
            // A non-stream answer that stalls mid-body is cut by the same bound as its first byte.
            options.setIdleTimeout(services.firstByteTimeout().toMillis());
        }
        streamUsageAdded = StreamUsage.shouldRequest(current.provider(), request.endpoint(), request.body());
        Buffer body = Buffer.buffer(
                streamUsageAdded
                        ? request.body().withModelAndStreamUsage(current.targetModel())
                        : request.body().withModel(current.targetModel()));
        services.upstream().open(options, isSecure(url)).onComplete(opened -> {
            if (opened.succeeded()) {
                send(opened.result(), body);
            } else {
                onTransportFailure(opened.cause());
            }
        });
    }

    private void send(HttpClientRequest upstreamRequest, Buffer body) {
        if (isFinished()) {
            upstreamRequest.reset();
            return;
        }
        inFlight = upstreamRequest;
        long timer = services.vertx().setTimer(services.firstByteTimeout().toMillis(), id -> {
            timedOut = true;
            upstreamRequest.reset();
        });
        upstreamRequest.send(body).onComplete(sent -> {
            services.vertx().cancelTimer(timer);
            onSent(sent);
        });
    }

    private void onSent(AsyncResult<HttpClientResponse> sent) {
        if (isFinished()) {
            if (sent.succeeded()) {
                inFlight.reset();
            }
            return;
        }
        if (sent.failed()) {
            onTransportFailure(sent.cause());
            return;
        }
        HttpClientResponse response = sent.result();
        response.pause();
        int status = response.statusCode();
        if (RetryPolicy.isSuccess(status)) {
            recordAttempt(status, false, Optional.empty());
            commit(response);
        } else {
            onAttemptFailed(Failure.status(status), response);
        }
    }

    private void onTransportFailure(Throwable cause) {
        if (isFinished()) {
            return;
        }
        onAttemptFailed(classify(cause), null);
    }

    private Failure classify(Throwable cause) {
        if (cause instanceof ConnectionPoolTooBusyException) {
            return Failure.poolFull();
        }
        String detail = describe(cause);
        if (timedOut
                || cause instanceof java.util.concurrent.TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")) {
            return Failure.timeout(
                    timedOut
                            ? "no response within "
                                    + services.firstByteTimeout().toMillis() + " ms"
                            : detail);
        }
        return Failure.connection(detail);
    }

    /**
     * A failed attempt: retry on the same provider, fail over to the next untried one in priority order, or, when
     * none is left, give the client the last upstream response as it was.
     */
    private void onAttemptFailed(Failure failure, HttpClientResponse response) {
        recordAttempt(failure.status(), failure.isTransport(), Optional.of(failure.message()));
        endAttemptActivity();
        retryCount++;
        LOG.warn(
                "Attempt {}/{} on provider {} ({}) failed: {}",
                attemptsOnProvider,
                services.retryPolicy().maxAttemptsPerProvider(),
                current.providerId(),
                current.provider().name(),
                failure.message());
        if (services.retryPolicy().canRetrySameProvider(failure, attemptsOnProvider)) {
            discard(response);
            retryTimer = services.vertx()
                    .setTimer(Math.max(1, services.retryPolicy().delay().toMillis()), id -> {
                        retryTimer = -1;
                        attempt();
                    });
            return;
        }
        Optional<Candidate> next = nextUntried();
        if (next.isPresent()) {
            discard(response);
            LOG.warn(
                    "Switching from provider {} to provider {}",
                    current.provider().name(),
                    next.get().provider().name());
            current = next.get();
            triedProviders.add(current.providerId());
            attemptsOnProvider = 0;
            attempt();
            return;
        }
        if (response != null) {
            commit(response);
        } else {
            failWith(failure.toGatewayError());
        }
    }

    private Optional<Candidate> nextUntried() {
        return candidates.stream()
                .filter(candidate -> !triedProviders.contains(candidate.providerId()))
                .findFirst();
    }

    /** From here on the client receives this response; nothing is retried any more. */
    private void commit(HttpClientResponse response) {
        state = State.COMMITTED;
        firstByteDelayMs = elapsedMs(attemptStartNanos);
        clientStatus = response.statusCode();
        Relay.Source source = new Relay.Source(response, current.provider().protocol(), streamUsageAdded);
        relay = new Relay(services, request, source, this::onRelayFinished);
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
        finish(error.isPresent() ? State.FAILED : State.DONE);
    }

    private void failWith(GatewayError error) {
        clientStatus = error.status();
        errorInfo = error.message();
        ProxyResponses.sendError(request.response(), request.endpoint().protocol(), error, request.traceId());
        finish(State.FAILED);
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
        } else if (inFlight != null) {
            inFlight.reset();
        }
        finish(State.FAILED);
    }

    private void discard(HttpClientResponse response) {
        if (response != null) {
            response.handler(ignored -> {});
            response.exceptionHandler(ignored -> {});
            response.resume();
        }
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
                candidates.size(),
                attempts,
                retryCount,
                clientStatus,
                Optional.ofNullable(firstByteDelayMs),
                Optional.of(total),
                relay == null ? 0 : relay.bytesRelayed(),
                relay == null ? ResponseSummary.EMPTY : relay.summary(),
                Optional.ofNullable(errorInfo));
        try {
            services.listener().exchangeFinished(record);
        } catch (RuntimeException e) {
            LOG.error("Exchange listener failed for trace {}", request.traceId(), e);
        }
    }

    private static boolean isSecure(String url) {
        return url.regionMatches(true, 0, "https:", 0, 6);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
