package com.llmgateway.proxy;

import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.GatewayException;
import com.llmgateway.protocol.HeaderRules;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.SseParser;
import com.llmgateway.protocol.StreamErrors;
import com.llmgateway.protocol.translate.StreamTranslator;
import com.llmgateway.protocol.translate.Translated;
import com.llmgateway.protocol.translate.TranslatedError;
import com.llmgateway.usage.ResponseObserver;
import com.llmgateway.usage.ResponseSummary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Copies one upstream response to the client as it arrives, chunk by chunk, so each server-sent event reaches the
 * client when the provider sends it. A stream's opening events, held while the attempt was judged ({@link
 * StreamOpening}), go first.
 *
 * <p>Backpressure: when the client's write queue is full the upstream read is paused until it drains. Cancellation:
 * {@link #cancel()} resets the upstream request at once. A broken upstream never looks like a clean end: a stream gets
 * a protocol-shaped error event, a plain body is cut (or, if nothing was sent yet, answered with a 502 error). A
 * provider silent for longer than the idle bound counts as broken, and so does a call past its total bound ({@link
 * #abort}).
 *
 * <p>A {@link ResponseObserver} sees every chunk as it passes, for the usage and text the record needs. When the
 * gateway asked the provider for stream usage on the client's behalf ({@link StreamUsage}), the stream is passed on
 * event by event instead, without the usage-only chunk.
 */
final class Relay {
    static final String TRACE_HEADER = "x-gateway-trace-id";

    /**
     * The committed upstream response and what the relay must know about the call that produced it.
     *
     * @param protocol the protocol of the provider that answered
     * @param streamUsageAdded whether the gateway added {@code stream_options.include_usage} to the request
     * @param held body bytes already read (a stream's opening events), relayed before the rest
     * @param complete whether the upstream response has already ended (everything is in {@code held})
     * @param idle the longest silence allowed between two chunks, if any
     * @param translation how the answer reaches a client of the other protocol, empty when it passes through
     */
    record Source(
            HttpClientResponse response,
            Protocol protocol,
            boolean streamUsageAdded,
            Buffer held,
            boolean complete,
            Optional<Duration> idle,
            Optional<CrossProtocol> translation) {}

    private final ProxyServices services;
    private final ProxyRequest request;
    private final Source source;
    private final HttpClientResponse upstream;
    private final HttpServerResponse client;
    private final Consumer<Optional<String>> onFinished;
    private ResponseObserver observer;
    private StreamUsage.ChunkFilter usageFilter;
    private long bytesRelayed;
    private boolean cancelled;
    private boolean eventStream;
    private long idleTimer = -1;
    /** A plain body is held (up to {@link #HOLD_LIMIT}) and sent in one write with its length; null once streaming. */
    private Buffer heldBody;
    /** A translated plain body, held whole (up to {@link CrossProtocol#MAX_TRANSLATED_BODY_BYTES}); else null. */
    private Buffer untranslatedBody;
    /** A translated stream's upstream events, each translated and written as it completes; else null. */
    private SseParser upstreamEvents;

    private StreamTranslator streamTranslator;

    Relay(ProxyServices services, ProxyRequest request, Source source, Consumer<Optional<String>> onFinished) {
        this.services = services;
        this.request = request;
        this.source = source;
        this.upstream = source.response();
        this.client = request.response();
        this.onFinished = onFinished;
    }

    /** Whether {@code response} is a {@code text/event-stream}. */
    static boolean isEventStream(HttpClientResponse response) {
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /**
     * The largest plain body sent in one piece. One write per answer instead of a chunk write plus an end: the
     * benchmark counted 3.1 socket writes per request against nginx's 2.0 before this.
     */
    static final int HOLD_LIMIT = 256 * 1024;

    void start() {
        eventStream = isEventStream(upstream);
        // Usage is read from the provider's own bytes, in its protocol and for the endpoint it served.
        Endpoint served =
                source.translation().map(CrossProtocol::upstreamEndpoint).orElse(request.endpoint());
        observer = new ResponseObserver(source.protocol(), served, eventStream, services.responseCaptureBytes());
        if (eventStream && source.streamUsageAdded()) {
            usageFilter = new StreamUsage.ChunkFilter();
        }
        client.setStatusCode(upstream.statusCode());
        HeaderRules.copyDownstream(upstream.headers(), client.headers());
        client.putHeader(TRACE_HEADER, request.traceId());
        if (source.translation().isPresent()) {
            startTranslated(source.translation().get());
        } else if (eventStream) {
            client.setChunked(true);
        } else {
            heldBody = Buffer.buffer();
        }
        if (source.held().length() > 0) {
            onChunk(source.held());
        }
        if (source.complete()) {
            onEnd();
            return;
        }
        upstream.handler(this::onChunk);
        upstream.exceptionHandler(this::onBroken);
        upstream.endHandler(ignored -> onEnd());
        restartIdleTimer();
        if (!client.writeQueueFull()) {
            // Otherwise the held bytes filled the client's queue, and its drain handler resumes the read.
            upstream.resume();
        }
    }

    /**
     * The answer is translated: a stream event by event as it arrives (never held), a plain body read whole and
     * translated at its end, when its status and headers are set.
     */
    private void startTranslated(CrossProtocol translation) {
        client.headers().remove(HttpHeaders.CONTENT_LENGTH);
        if (eventStream) {
            streamTranslator = translation.stream();
            upstreamEvents = new SseParser();
            client.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
            translation
                    .requestDroppedFields()
                    .ifPresent(fields -> client.putHeader(Translated.DROPPED_FIELDS_HEADER, fields));
            client.setChunked(true);
        } else {
            untranslatedBody = Buffer.buffer();
        }
    }

    private void onChunk(Buffer chunk) {
        if (cancelled) {
            return;
        }
        restartIdleTimer();
        observer.onChunk(chunk);
        if (source.translation().isPresent()) {
            onTranslatedChunk(chunk);
            return;
        }
        Buffer out = usageFilter == null ? chunk : usageFilter.filter(chunk);
        if (out.length() == 0) {
            return;
        }
        bytesRelayed += out.length();
        if (heldBody != null) {
            heldBody.appendBuffer(out);
            if (heldBody.length() <= HOLD_LIMIT) {
                return;
            }
            // Too large to hold: from here on the body is streamed chunk by chunk.
            out = heldBody;
            heldBody = null;
            client.setChunked(true);
        }
        client.write(out);
        if (client.writeQueueFull()) {
            upstream.pause();
            client.drainHandler(ignored -> upstream.resume());
        }
    }

    private void onTranslatedChunk(Buffer chunk) {
        if (untranslatedBody != null) {
            if (untranslatedBody.length() + (long) chunk.length() > CrossProtocol.MAX_TRANSLATED_BODY_BYTES) {
                breakOff("answer larger than " + CrossProtocol.MAX_TRANSLATED_BODY_BYTES + " bytes to translate");
                upstream.request().reset();
                return;
            }
            untranslatedBody.appendBuffer(chunk);
            return;
        }
        Buffer out = Buffer.buffer();
        try {
            upstreamEvents.feed(chunk, event -> append(out, streamTranslator.onEvent(event)));
        } catch (RuntimeException e) {
            breakOff("stream could not be translated: " + e.getMessage());
            upstream.request().reset();
            return;
        }
        if (out.length() == 0) {
            return;
        }
        bytesRelayed += out.length();
        client.write(out);
        if (client.writeQueueFull()) {
            upstream.pause();
            client.drainHandler(ignored -> upstream.resume());
        }
    }

    private static void append(Buffer out, List<byte[]> events) {
        for (byte[] event : events) {
            out.appendBytes(event);
        }
    }

    /** The end of a translated answer: a stream's closing events, or the whole plain body in the client's protocol. */
    private void endTranslated(CrossProtocol translation) {
        Buffer out = Buffer.buffer();
        if (streamTranslator != null) {
            append(out, streamTranslator.onEnd());
        } else if (RetryPolicy.isSuccess(upstream.statusCode())) {
            Translated answer;
            try {
                answer = translation.response(untranslatedBody.getBytes());
            } catch (GatewayException e) {
                client.headers().clear();
                ProxyResponses.sendError(client, request.endpoint().protocol(), e.error(), request.traceId());
                onFinished.accept(Optional.of(e.error().message()));
                return;
            }
            List<String> dropped = new ArrayList<>();
            translation.requestDroppedFields().ifPresent(dropped::add);
            answer.droppedFieldsHeader().ifPresent(dropped::add);
            if (!dropped.isEmpty()) {
                client.putHeader(Translated.DROPPED_FIELDS_HEADER, String.join(",", dropped));
            }
            client.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            out.appendBytes(answer.bytes());
        } else {
            TranslatedError error = translation.error(upstream.statusCode(), untranslatedBody.getBytes());
            client.setStatusCode(error.status());
            client.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            out.appendBytes(error.body());
        }
        bytesRelayed += out.length();
        client.end(out);
        onFinished.accept(Optional.empty());
    }

    private void onEnd() {
        if (cancelled) {
            return;
        }
        cancelIdleTimer();
        if (source.translation().isPresent()) {
            endTranslated(source.translation().get());
            return;
        }
        if (usageFilter != null) {
            // An unterminated last event is passed on as the provider sent it.
            Buffer rest = usageFilter.rest();
            bytesRelayed += rest.length();
            client.end(rest);
        } else if (heldBody != null) {
            client.end(heldBody);
        } else {
            client.end();
        }
        onFinished.accept(Optional.empty());
    }

    private void onBroken(Throwable cause) {
        breakOff(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    /**
     * The call ran past its total bound: it ends like an upstream that broke off. The exchange only sets a total for
     * non-stream calls, so a stream is never cut here.
     */
    void abort(String reason) {
        if (!cancelled) {
            // Broken off first: the reset fails the upstream response too, and only this reason is reported.
            breakOff(reason);
            upstream.request().reset();
        }
    }

    /** The provider went quiet for longer than the idle bound: stop waiting, as if it had broken off. */
    private void restartIdleTimer() {
        if (source.idle().isEmpty()) {
            return;
        }
        cancelIdleTimer();
        long millis = source.idle().get().toMillis();
        idleTimer = services.vertx().setTimer(millis, id -> {
            idleTimer = -1;
            if (!cancelled) {
                breakOff("no data from the provider for " + millis + " ms (idle timeout)");
                upstream.request().reset();
            }
        });
    }

    private void cancelIdleTimer() {
        if (idleTimer >= 0) {
            services.vertx().cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private void breakOff(String reason) {
        if (cancelled) {
            return;
        }
        cancelled = true;
        cancelIdleTimer();
        String message = "Upstream response broke off: " + reason;
        GatewayError error = GatewayError.of(502, "api_error", "upstream_stream_error", message);
        if (eventStream || request.body().isStream()) {
            // A filtered stream's held incomplete event is dropped, so the error event starts on a fresh line.
            Protocol protocol = request.endpoint().protocol();
            byte[] event = protocol == Protocol.ANTHROPIC ? StreamErrors.anthropic(error) : StreamErrors.openAi(error);
            client.end(Buffer.buffer(event));
        } else if (!client.headWritten()) {
            client.headers().clear();
            ProxyResponses.sendError(client, request.endpoint().protocol(), error, request.traceId());
        } else {
            client.reset();
        }
        onFinished.accept(Optional.of(message));
    }

    /** The client went away: stop reading and abort the upstream call. */
    void cancel() {
        if (!cancelled) {
            cancelled = true;
            cancelIdleTimer();
            upstream.request().reset();
        }
    }

    /** Whether the response is a {@code text/event-stream}; known once {@link #start()} has run. */
    boolean isEventStream() {
        return eventStream;
    }

    /** Body bytes written to the client so far (a held incomplete event and a removed usage chunk are not). */
    long bytesRelayed() {
        return bytesRelayed;
    }

    /** What the response told so far; complete once the relay has finished. */
    ResponseSummary summary() {
        return observer == null ? ResponseSummary.EMPTY : observer.summary();
    }
}
