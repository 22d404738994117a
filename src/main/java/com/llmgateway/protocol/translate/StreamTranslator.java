package com.llmgateway.protocol.translate;

import com.llmgateway.protocol.SseEvent;
import com.llmgateway.protocol.SseParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider's event stream, one event at a time, in the client's protocol. Each call returns the whole SSE events
 * (bytes) owed at that point, possibly none, and never waits for later events except where an implementation
 * documents a hold. One instance serves one stream on one event loop.
 */
public interface StreamTranslator {
    /** The client's events for one provider event. */
    List<byte[]> onEvent(SseEvent event);

    /** The closing events owed when the provider's stream ends, cleanly or not; empty after a complete stream. */
    List<byte[]> onEnd();

    /** Provider fields and events that had no client form so far (a stream's headers are gone; for the log). */
    List<String> droppedFields();

    /**
     * {@code translator}, also naming what it drops from the provider's stream in SSE comments as it drops them
     * ({@link DropReportingStream}).
     */
    static StreamTranslator reportingDrops(StreamTranslator translator) {
        return new DropReportingStream(translator);
    }

    /**
     * {@code first} then {@code second}: for an Anthropic provider answering a Responses client, Anthropic events
     * become chat chunks, which become Responses events. The intermediate events are re-parsed, a cost small next to
     * the network's; each provider event still gets its final events at once.
     */
    static StreamTranslator chain(StreamTranslator first, StreamTranslator second) {
        return new StreamTranslator() {
            private final SseParser parser = new SseParser();

            @Override
            public List<byte[]> onEvent(SseEvent event) {
                return pass(first.onEvent(event), false);
            }

            @Override
            public List<byte[]> onEnd() {
                return pass(first.onEnd(), true);
            }

            @Override
            public List<String> droppedFields() {
                List<String> all = new ArrayList<>(first.droppedFields());
                second.droppedFields().stream().filter(f -> !all.contains(f)).forEach(all::add);
                return all;
            }

            private List<byte[]> pass(List<byte[]> intermediate, boolean end) {
                List<SseEvent> events = new ArrayList<>();
                for (byte[] bytes : intermediate) {
                    parser.feed(bytes, 0, bytes.length, events::add);
                }
                List<byte[]> out = new ArrayList<>();
                for (SseEvent event : events) {
                    out.addAll(second.onEvent(event));
                }
                if (end) {
                    out.addAll(second.onEnd());
                }
                return out;
            }
        };
    }
}
