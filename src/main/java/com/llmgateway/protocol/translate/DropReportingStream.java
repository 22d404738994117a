package com.llmgateway.protocol.translate;

import com.llmgateway.protocol.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A translated stream that says what it drops. A stream's headers are sent before its first event, so the
 * {@value Translated#DROPPED_FIELDS_HEADER} header can only name the request's losses; the provider fields and events
 * the answer loses are named in an SSE comment ({@code : x-gateway-dropped-fields: citations_delta}) written right after
 * the events of the provider event that lost them, each field once. Every SSE client skips comments.
 */
final class DropReportingStream implements StreamTranslator {
    private final StreamTranslator inner;
    private int reported;

    DropReportingStream(StreamTranslator inner) {
        this.inner = inner;
    }

    @Override
    public List<byte[]> onEvent(SseEvent event) {
        return withReport(inner.onEvent(event));
    }

    @Override
    public List<byte[]> onEnd() {
        return withReport(inner.onEnd());
    }

    @Override
    public List<String> droppedFields() {
        return inner.droppedFields();
    }

    private List<byte[]> withReport(List<byte[]> events) {
        List<String> dropped = inner.droppedFields();
        if (dropped.size() <= reported) {
            return events;
        }
        List<byte[]> out = new ArrayList<>(events.size() + 1);
        out.addAll(events);
        out.add(SseOut.comment(Translated.DROPPED_FIELDS_HEADER + ": "
                + String.join(", ", dropped.subList(reported, dropped.size()))));
        reported = dropped.size();
        return out;
    }
}
