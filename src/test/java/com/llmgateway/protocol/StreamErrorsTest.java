package com.llmgateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamErrorsTest {
    private static final GatewayError BROKEN =
            GatewayError.of(502, "api_error", "upstream_stream_broken", "Upstream stream ended early:\n\"eof\"");

    @Test
    void writesAnOpenAiDataEvent() {
        assertThat(new String(StreamErrors.openAi(BROKEN), UTF_8))
                .isEqualTo("data: {\"error\":{\"message\":\"Upstream stream ended early:\\n\\\"eof\\\"\","
                        + "\"type\":\"api_error\",\"code\":\"upstream_stream_broken\",\"param\":null}}\n\n");
    }

    @Test
    void writesAnAnthropicErrorEvent() {
        assertThat(new String(StreamErrors.anthropic(BROKEN), UTF_8))
                .isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                        + "\"message\":\"Upstream stream ended early:\\n\\\"eof\\\"\"}}\n\n");
    }

    @Test
    void eachIsExactlyOneEventForAParser() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser();
        byte[] openAi = StreamErrors.openAi(BROKEN);
        byte[] anthropic = StreamErrors.anthropic(BROKEN);

        parser.feed(openAi, 0, openAi.length, events::add);
        parser.feed(anthropic, 0, anthropic.length, events::add);

        assertThat(events)
                .containsExactly(
                        new SseEvent(null, new String(BROKEN.openAiBody(), UTF_8), null),
                        new SseEvent("error", new String(BROKEN.anthropicBody(), UTF_8), null));
        assertThat(parser.hasPartialEvent()).isFalse();
    }
}
