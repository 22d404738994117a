package com.llmgateway.proxy;

import com.llmgateway.health.Timeouts;
import com.llmgateway.protocol.HeaderRules;
import com.llmgateway.protocol.UpstreamUrl;
import com.llmgateway.routing.Candidate;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call to one provider, from asking for a connection to the moment the exchange can judge it: an answer to relay,
 * or a failure (with the provider's response when there was one). Runs on the request's event loop.
 *
 * <p>Bounds ({@link Timeouts}): {@code connect} to obtain a connection (a new one, or one from the pool, waiting in
 * its queue included: Vert.x's request connect timeout), {@code firstByte} from sending to the response
 * headers (a timer, never a sleep), and, while a 200 stream's opening events are held ({@link StreamOpening}), the
 * idle bound between chunks. A stream whose first event is an error fails the attempt; the client never sees it.
 *
 * <p>Exactly one of the {@link Outcome} methods is called, unless the attempt is {@link #cancel cancelled} first.
 */
final class Attempt {

    /** How the exchange learns the outcome. */
    interface Outcome {
        /** The provider answered with a success; {@code firstByteMs} is the time to its response headers. */
        void answered(Relay.Source answer, long firstByteMs);

        /** The attempt failed; {@code answer} is the provider's response, if it sent one, not yet read past {@code held}. */
        void failed(Failure failure, Optional<Relay.Source> answer);
    }

    private final ProxyServices services;
    private final ProxyRequest request;
    private final Candidate candidate;
    private final Timeouts timeouts;
    private final Outcome outcome;
    private final boolean streamUsageAdded;
    private final Optional<CrossProtocol> translation;
    private long startNanos;
    private long firstByteMs;
    private HttpClientRequest inFlight;
    private long timer = -1;
    private boolean firstByteTimedOut;
    private boolean done;

    /** @param translation how the request goes to a provider of the other protocol, empty when it passes through */
    Attempt(
            ProxyServices services,
            ProxyRequest request,
            Candidate candidate,
            Timeouts timeouts,
            Optional<CrossProtocol> translation,
            Outcome outcome) {
        this.services = services;
        this.request = request;
        this.candidate = candidate;
        this.timeouts = timeouts;
        this.outcome = outcome;
        this.translation = translation;
        // A translated chat request asks for the usage chunk itself (MessagesToChat), and its translator consumes it.
        this.streamUsageAdded = translation.isEmpty()
                && StreamUsage.shouldRequest(candidate.provider(), request.endpoint(), request.body());
    }

    void start() {
        startNanos = System.nanoTime();
        String path = translation
                .map(t -> t.upstreamEndpoint().path())
                .orElse(request.endpoint().path());
        String url = UpstreamUrl.resolve(candidate.provider().baseUrl(), path, request.query());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setConnectTimeout(
                        timeouts.connect().orElse(services.httpTimeout()).toMillis())
                .setHeaders(HeaderRules.upstreamHeaders(
                        request.headers(),
                        candidate.provider().protocol(),
                        candidate.provider().apiKey(),
                        candidate.provider().extraHeaders()));
        Buffer body = Buffer.buffer(translation
                .map(CrossProtocol::requestBody)
                .orElseGet(() -> streamUsageAdded
                        ? request.body().withModelAndStreamUsage(candidate.targetModel())
                        : request.body().withModel(candidate.targetModel())));
        services.upstream().open(options, isSecure(url)).onComplete(opened -> {
            if (done) {
                if (opened.succeeded()) {
                    opened.result().reset();
                }
            } else if (opened.succeeded()) {
                send(opened.result(), body);
            } else {
                fail(connectFailure(opened.cause()), Optional.empty());
            }
        });
    }

    /** The client left: abort the call; no outcome follows. */
    void cancel() {
        if (!done) {
            done = true;
            cancelTimer();
            if (inFlight != null) {
                inFlight.reset();
            }
        }
    }

    /** Ends the call now with {@code failure} (the exchange's total bound ran out before an answer). */
    void abort(Failure failure) {
        if (!done) {
            resetAndFail(failure);
        }
    }

    private void send(HttpClientRequest upstreamRequest, Buffer body) {
        inFlight = upstreamRequest;
        long firstByte = firstByteBound().toMillis();
        timer = services.vertx().setTimer(firstByte, id -> {
            timer = -1;
            firstByteTimedOut = true;
            upstreamRequest.reset();
        });
        upstreamRequest.send(body).onComplete(this::onResponse);
    }

    private void onResponse(AsyncResult<HttpClientResponse> sent) {
        cancelTimer();
        if (done) {
            if (sent.succeeded()) {
                inFlight.reset();
            }
            return;
        }
        if (sent.failed()) {
            fail(sendFailure(sent.cause()), Optional.empty());
            return;
        }
        HttpClientResponse response = sent.result();
        response.pause();
        firstByteMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (!RetryPolicy.isSuccess(response.statusCode())) {
            fail(Failure.status(response.statusCode()), Optional.of(source(response, Buffer.buffer(), false)));
        } else if (Relay.isEventStream(response)) {
            hold(response);
        } else {
            answer(source(response, Buffer.buffer(), false));
        }
    }

    /**
     * A 200 stream: read its opening events until they show whether the provider is really answering. Nothing reaches
     * the client before that, so an error event here can still fail over.
     */
    private void hold(HttpClientResponse response) {
        StreamOpening opening = new StreamOpening(candidate.provider().protocol(), StreamOpening.MAX_HELD_BYTES);
        response.handler(chunk -> {
            if (done) {
                return;
            }
            restartIdleTimer();
            switch (opening.feed(chunk)) {
                case HOLD -> {}
                case COMMIT -> {
                    response.pause();
                    answer(source(response, opening.held(), false));
                }
                case FAIL -> {
                    response.pause();
                    fail(
                            Failure.streamError(opening.error().orElseThrow()),
                            Optional.of(source(response, opening.held(), false)));
                }
            }
        });
        response.exceptionHandler(cause -> {
            if (!done) {
                fail(
                        Failure.connection("stream broke off before its first content: " + describe(cause)),
                        Optional.empty());
            }
        });
        // A stream that ends while still opening is complete as it is: relay it whole.
        response.endHandler(ignored -> {
            if (!done) {
                answer(source(response, opening.held(), true));
            }
        });
        restartIdleTimer();
        response.resume();
    }

    /** Before the first content event, a provider that goes quiet is a timeout of this attempt, not a broken relay. */
    private void restartIdleTimer() {
        Optional<Duration> idle = idleBound();
        if (idle.isEmpty()) {
            return;
        }
        cancelTimer();
        long millis = idle.get().toMillis();
        timer = services.vertx().setTimer(millis, id -> {
            timer = -1;
            if (!done) {
                resetAndFail(Failure.timeout("no event within " + millis + " ms of the last one (idle timeout)"));
            }
        });
    }

    private Relay.Source source(HttpClientResponse response, Buffer held, boolean complete) {
        return new Relay.Source(
                response, candidate.provider().protocol(), streamUsageAdded, held, complete, idleBound(), translation);
    }

    private void answer(Relay.Source answer) {
        done = true;
        cancelTimer();
        outcome.answered(answer, firstByteMs);
    }

    private void fail(Failure failure, Optional<Relay.Source> answer) {
        done = true;
        cancelTimer();
        outcome.failed(failure, answer);
    }

    /**
     * Gives up on the call with {@code failure}. Done first: the reset fails the response too, and that failure must
     * not be reported as a second outcome.
     */
    private void resetAndFail(Failure failure) {
        done = true;
        cancelTimer();
        if (inFlight != null) {
            inFlight.reset();
        }
        outcome.failed(failure, Optional.empty());
    }

    private Failure connectFailure(Throwable cause) {
        if (cause instanceof ConnectionPoolTooBusyException) {
            return Failure.poolFull();
        }
        return Failure.connection(describe(cause));
    }

    private Failure sendFailure(Throwable cause) {
        if (firstByteTimedOut) {
            return Failure.timeout("no response within " + firstByteBound().toMillis() + " ms");
        }
        if (cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")) {
            return Failure.timeout(describe(cause));
        }
        return Failure.connection(describe(cause));
    }

    private Duration firstByteBound() {
        return timeouts.firstByte().orElse(services.httpTimeout());
    }

    private Optional<Duration> idleBound() {
        return timeouts.idleFor(request.body().isStream());
    }

    private void cancelTimer() {
        if (timer >= 0) {
            services.vertx().cancelTimer(timer);
            timer = -1;
        }
    }

    private static boolean isSecure(String url) {
        return url.regionMatches(true, 0, "https:", 0, 6);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
