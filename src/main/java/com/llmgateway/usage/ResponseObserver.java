package com.llmgateway.usage;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.SseException;
import com.llmgateway.protocol.SseParser;
import com.llmgateway.proxy.Endpoint;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one relayed response go by and remembers what the request log needs: the usage the provider reported, the
 * generated text (for a local count when it reported none) and, for a plain body, its first bytes.
 *
 * <p>{@link #onChunk} runs on the event loop for every relayed chunk, so the work per chunk is bounded: a stream is
 * cut into events and only events that can carry text or usage are parsed; a plain JSON body is read token by token
 * as it passes, never buffered whole. Kept text is at most {@link #MAX_OUTPUT_CHARS} chars. Nothing here throws into
 * the relay: a response that cannot be read is relayed all the same, with whatever was read before. One observer
 * serves one response on one event loop.
 */
public final class ResponseObserver {
    /** Generated text kept for a local count: about 250,000 tokens, far more than one answer usually has. */
    public static final int MAX_OUTPUT_CHARS = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ResponseObserver.class);

    private final Protocol upstreamProtocol;
    private final boolean eventStream;
    private final UsageTally usage = new UsageTally();
    private final OutputText text = new OutputText(MAX_OUTPUT_CHARS);
    private final BodyCapture body;
    private final SseParser events;
    private final EventReader eventReader;
    private final JsonBodyReader bodyReader;
    private boolean reading;
    private long eventCount;

    /**
     * @param upstreamProtocol the protocol of the provider that answered
     * @param endpoint the endpoint called, which decides the response's format (and that token counting bills nothing)
     * @param eventStream whether the response is {@code text/event-stream}
     * @param bodyMaxBytes how much of a plain body to keep for the log
     */
    public ResponseObserver(Protocol upstreamProtocol, Endpoint endpoint, boolean eventStream, int bodyMaxBytes) {
        this.upstreamProtocol = upstreamProtocol;
        this.eventStream = eventStream;
        ResponseShape shape = ResponseShape.of(upstreamProtocol, endpoint);
        this.body = new BodyCapture(eventStream ? 0 : bodyMaxBytes);
        this.events = eventStream ? new SseParser() : null;
        this.eventReader = eventStream ? new EventReader(shape, usage, text) : null;
        this.bodyReader = eventStream || shape == ResponseShape.COUNT_TOKENS ? null : new JsonBodyReader(usage, text);
        this.reading = shape != ResponseShape.COUNT_TOKENS;
    }

    /** One chunk as relayed to the client. */
    public void onChunk(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        body.append(bytes);
        if (!reading) {
            return;
        }
        try {
            if (eventStream) {
                events.feed(bytes, 0, bytes.length, event -> {
                    eventCount++;
                    eventReader.read(event);
                });
            } else {
                bodyReader.feed(bytes);
            }
        } catch (SseException e) {
            // An over-long line: the stream is still relayed, but no longer read.
            reading = false;
        } catch (RuntimeException e) {
            reading = false;
            LOG.warn("Stopped reading a {} response for usage: {}", upstreamProtocol.wireName(), e.toString());
        }
    }

    /** What was seen so far: complete once the relay has ended, partial after a broken or abandoned one. */
    public ResponseSummary summary() {
        return new ResponseSummary(
                usage.toUsage(upstreamProtocol),
                text.toString(),
                text.truncated(),
                body.bytes(),
                body.truncated() && !eventStream,
                eventStream,
                eventCount);
    }
}
