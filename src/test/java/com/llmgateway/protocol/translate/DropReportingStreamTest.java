package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a translated stream drops is named in SSE comments, as it is dropped and each field once. */
class DropReportingStreamTest {
    /** A translator that echoes each event's data and drops the fields the event's name lists. */
    private static final class Dropping implements StreamTranslator {
        private final List<String> dropped = new ArrayList<>();

        @Override
        public List<byte[]> onEvent(SseEvent event) {
            if (event.event() != null) {
                for (String field : event.event().split(",")) {
                    if (!dropped.contains(field)) {
                        dropped.add(field);
                    }
                }
            }
            return List.of(("data: " + event.data() + "\n\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<byte[]> onEnd() {
            return List.of();
        }

        @Override
        public List<String> droppedFields() {
            return List.copyOf(dropped);
        }
    }

    private static String text(List<byte[]> events) {
        return events.stream().map(e -> new String(e, StandardCharsets.UTF_8)).collect(Collectors.joining());
    }

    @Test
    void eachDroppedFieldIsNamedOnceRightAfterTheEventThatDroppedIt() {
        StreamTranslator stream = StreamTranslator.reportingDrops(new Dropping());

        assertThat(text(stream.onEvent(new SseEvent(null, "1", null)))).isEqualTo("data: 1\n\n");
        assertThat(text(stream.onEvent(new SseEvent("citations_delta", "2", null))))
                .isEqualTo("data: 2\n\n: x-gateway-dropped-fields: citations_delta\n\n");
        assertThat(text(stream.onEvent(new SseEvent("citations_delta", "3", null))))
                .isEqualTo("data: 3\n\n");
        assertThat(text(stream.onEvent(new SseEvent("citations_delta,stop_sequence", "4", null))))
                .isEqualTo("data: 4\n\n: x-gateway-dropped-fields: stop_sequence\n\n");
        assertThat(stream.onEnd()).isEmpty();
        assertThat(stream.droppedFields()).containsExactly("citations_delta", "stop_sequence");
    }

    @Test
    void aProvidersNameCannotBreakOutOfTheComment() {
        StreamTranslator stream = StreamTranslator.reportingDrops(new Dropping());

        String out = text(stream.onEvent(new SseEvent("x\n\ndata: {\"injected\":true}\r", "1", null)));

        assertThat(out).isEqualTo("data: 1\n\n: x-gateway-dropped-fields: x  data: {\"injected\":true} \n\n");
    }

    @Test
    void theAnthropicStreamsCitationsAreNamedWhereTheyAreDropped() {
        StreamTranslator stream =
                StreamTranslator.reportingDrops(new AnthropicToOpenAiStream(true, TranslationOptions.defaults()));
        stream.onEvent(new SseEvent(
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}",
                null));
        stream.onEvent(new SseEvent(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                null));

        String out = text(stream.onEvent(new SseEvent(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\","
                        + "\"citation\":{\"type\":\"char_location\",\"cited_text\":\"x\"}}}",
                null)));

        assertThat(out).endsWith(": x-gateway-dropped-fields: delta.citations_delta\n\n");
    }
}
