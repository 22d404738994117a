package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.OpeningEvents;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.Payloads;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holding a stream's opening events: until content, an error, the byte bound; bytes kept exactly as they came. */
class StreamOpeningTest {
    private static final String OVERLOADED = "event: error\ndata: {\"type\":\"error\",\"error\":"
            + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";

    @Test
    void holdsOpeningEventsAndCommitsAtTheFirstContentEvent() {
        List<String> events = Payloads.anthropicEvents("claude", "Hi");
        StreamOpening opening = new StreamOpening(Protocol.ANTHROPIC, StreamOpening.MAX_HELD_BYTES);

        assertThat(opening.feed(Buffer.buffer(events.get(0)))).isEqualTo(StreamOpening.Verdict.HOLD);
        assertThat(opening.feed(Buffer.buffer(events.get(1)))).isEqualTo(StreamOpening.Verdict.HOLD);
        assertThat(opening.feed(Buffer.buffer(events.get(2)))).isEqualTo(StreamOpening.Verdict.COMMIT);

        assertThat(opening.held().toString()).isEqualTo(events.get(0) + events.get(1) + events.get(2));
        assertThat(opening.error()).isEmpty();
    }

    @Test
    void anErrorBeforeAnyContentFailsTheStream() {
        StreamOpening opening = new StreamOpening(Protocol.ANTHROPIC, StreamOpening.MAX_HELD_BYTES);
        String start = Payloads.anthropicEvents("claude").get(0);

        assertThat(opening.feed(Buffer.buffer(start))).isEqualTo(StreamOpening.Verdict.HOLD);
        assertThat(opening.feed(Buffer.buffer(OVERLOADED))).isEqualTo(StreamOpening.Verdict.FAIL);

        assertThat(opening.error()).hasValue(new OpeningEvents.StreamError(529, "Overloaded"));
        assertThat(opening.held().toString()).isEqualTo(start + OVERLOADED);
    }

    @Test
    void eventsCutAnywhereAreJudgedOnceWhole() {
        String role = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
        String error = "data: {\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n";
        String stream = role + error;
        StreamOpening opening = new StreamOpening(Protocol.OPENAI, StreamOpening.MAX_HELD_BYTES);

        StreamOpening.Verdict last = StreamOpening.Verdict.HOLD;
        for (int i = 0; i < stream.length(); i += 7) {
            assertThat(last).isEqualTo(StreamOpening.Verdict.HOLD);
            last = opening.feed(Buffer.buffer(stream.substring(i, Math.min(stream.length(), i + 7))));
        }

        assertThat(last).isEqualTo(StreamOpening.Verdict.FAIL);
        assertThat(opening.error()).hasValue(new OpeningEvents.StreamError(503, "busy"));
        assertThat(opening.held().toString()).isEqualTo(stream);
    }

    @Test
    void aStreamThatKeepsOpeningPastTheBoundIsCommittedAnyway() {
        StreamOpening opening = new StreamOpening(Protocol.ANTHROPIC, 100);
        String ping = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

        StreamOpening.Verdict verdict = StreamOpening.Verdict.HOLD;
        int fed = 0;
        while (verdict == StreamOpening.Verdict.HOLD) {
            verdict = opening.feed(Buffer.buffer(ping));
            fed += ping.length();
        }

        assertThat(verdict).isEqualTo(StreamOpening.Verdict.COMMIT);
        assertThat(fed).isGreaterThan(100).isLessThanOrEqualTo(100 + ping.length());
    }

    @Test
    void aVerdictOnceGivenStays() {
        StreamOpening opening = new StreamOpening(Protocol.ANTHROPIC, StreamOpening.MAX_HELD_BYTES);
        opening.feed(Buffer.buffer(OVERLOADED));

        assertThat(opening.feed(Buffer.buffer(Payloads.anthropicEvents("c", "x").get(2))))
                .isEqualTo(StreamOpening.Verdict.FAIL);
    }
}
