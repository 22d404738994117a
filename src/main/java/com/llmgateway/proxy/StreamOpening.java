package com.llmgateway.proxy;

import com.llmgateway.protocol.OpeningEvents;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.SseEvent;
import com.llmgateway.protocol.SseException;
import com.llmgateway.protocol.SseParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The opening of a 200 stream, held back from the client until it shows whether the provider is really answering
 * (issue 4, item 5): a provider may open a stream and then send an error as its first event, and as long as the client
 * has seen nothing the exchange can still fail over.
 *
 * <p>Fed the stream's bytes as they arrive, it keeps them and answers with a {@link Verdict}: hold on, commit (the
 * first content event arrived, or {@link #MAX_HELD_BYTES} are held: a stream that keeps opening that long is passed on
 * rather than buffered), or fail (an error event came first). The events themselves are classified by {@link
 * OpeningEvents}; nothing here does I/O.
 */
final class StreamOpening {
    /** Opening events are a few hundred bytes; this much without content is not worth holding any longer. */
    static final int MAX_HELD_BYTES = 64 * 1024;

    enum Verdict {
        HOLD,
        COMMIT,
        FAIL
    }

    private final Protocol protocol;
    private final int maxHeldBytes;
    private final SseParser parser = new SseParser();
    private final Buffer held = Buffer.buffer();
    private Verdict verdict = Verdict.HOLD;
    private OpeningEvents.StreamError error;

    StreamOpening(Protocol protocol, int maxHeldBytes) {
        this.protocol = protocol;
        this.maxHeldBytes = maxHeldBytes;
    }

    /** Keeps {@code chunk} and says what the stream has shown so far; once not {@link Verdict#HOLD} it stays so. */
    Verdict feed(Buffer chunk) {
        if (verdict != Verdict.HOLD) {
            return verdict;
        }
        held.appendBuffer(chunk);
        List<SseEvent> events = new ArrayList<>(2);
        try {
            parser.feed(chunk, events::add);
        } catch (SseException e) {
            // Not a stream this gateway can read: the relay passes it on as it comes.
            return verdict = Verdict.COMMIT;
        }
        for (SseEvent event : events) {
            switch (OpeningEvents.classify(protocol, event)) {
                case OPENING -> {}
                case CONTENT -> {
                    return verdict = Verdict.COMMIT;
                }
                case ERROR -> {
                    error = OpeningEvents.error(protocol, event);
                    return verdict = Verdict.FAIL;
                }
            }
        }
        if (held.length() > maxHeldBytes) {
            verdict = Verdict.COMMIT;
        }
        return verdict;
    }

    /** Every byte fed so far, to be relayed first if the stream is committed (or relayed as it was). */
    Buffer held() {
        return held;
    }

    /** The error event that failed the stream, once {@link Verdict#FAIL}. */
    Optional<OpeningEvents.StreamError> error() {
        return Optional.ofNullable(error);
    }
}
