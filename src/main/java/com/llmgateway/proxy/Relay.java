package com.llmgateway.proxy;

import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.HeaderRules;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.StreamErrors;
import com.llmgateway.usage.ResponseSummary;
import com.llmgateway.usage.TokenUsage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Copies one upstream response to the client as it arrives, chunk by chunk, so each server-sent event reaches the
 * client when the provider sends it.
 *
 * <p>Backpressure: when the client's write queue is full the upstream read is paused until it drains. Cancellation:
 * {@link #cancel()} resets the upstream request at once. A broken upstream never looks like a clean end: a stream gets
 * a protocol-shaped error event, a plain body is cut (or, if nothing was sent yet, answered with a 502 error).
 */
final class Relay {
    static final String TRACE_HEADER = "x-gateway-trace-id";

    private final ProxyRequest request;
    private final HttpClientResponse upstream;
    private final HttpServerResponse client;
    private final Consumer<Optional<String>> onFinished;
    private final BoundedCapture capture;
    private boolean cancelled;
    private boolean eventStream;

    Relay(
            ProxyServices services,
            ProxyRequest request,
            HttpClientResponse upstream,
            Consumer<Optional<String>> onFinished) {
        this.request = request;
        this.upstream = upstream;
        this.client = request.response();
        this.onFinished = onFinished;
        this.capture = new BoundedCapture(services.responseCaptureBytes());
    }

    void start() {
        String contentType = upstream.getHeader(HttpHeaders.CONTENT_TYPE);
        eventStream =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        client.setStatusCode(upstream.statusCode());
        HeaderRules.copyDownstream(upstream.headers(), client.headers());
        client.putHeader(TRACE_HEADER, request.traceId());
        client.setChunked(true);
        upstream.handler(this::onChunk);
        upstream.exceptionHandler(this::onBroken);
        upstream.endHandler(ignored -> onEnd());
        upstream.resume();
    }

    private void onChunk(Buffer chunk) {
        if (cancelled) {
            return;
        }
        capture.append(chunk);
        client.write(chunk);
        if (client.writeQueueFull()) {
            upstream.pause();
            client.drainHandler(ignored -> upstream.resume());
        }
    }

    private void onEnd() {
        if (cancelled) {
            return;
        }
        client.end();
        onFinished.accept(Optional.empty());
    }

    private void onBroken(Throwable cause) {
        if (cancelled) {
            return;
        }
        cancelled = true;
        String message = "Upstream response broke off: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        GatewayError error = GatewayError.of(502, "api_error", "upstream_stream_error", message);
        if (eventStream || request.body().isStream()) {
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
            upstream.request().reset();
        }
    }

    /** Whether the response is a {@code text/event-stream}; known once {@link #start()} has run. */
    boolean isEventStream() {
        return eventStream;
    }

    long bytesRelayed() {
        return capture.total();
    }

    /** What the response told so far; complete once the relay has finished. */
    ResponseSummary summary() {
        byte[] body = eventStream ? new byte[0] : capture.bytes();
        return new ResponseSummary(TokenUsage.NONE, "", false, body, capture.total() > body.length, eventStream, 0);
    }
}
