package com.llmgateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

    /** Every line ending, comments, multi-line data, multi-byte UTF-8, and both providers' framing. */
    private static final String STREAM = ": connected\r\n"
            + "event: message_start\r\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}\r\n"
            + "\r\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"héllo 日本 🎉\"}}\n"
            + "\n"
            + "data: line one\r"
            + "data:  two spaces, one removed\r"
            + "data:no-space\r"
            + "data\r"
            + "unknown: ignored\r"
            + "\r"
            + "id: 42\n"
            + ": keep-alive\n"
            + "data: with id\n"
            + "\n"
            + ":\n"
            + "\n"
            + "event: ping\r\n"
            + "\r\n"
            + "retry: 1500\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"🎉\"}}]}\n"
            + "\n"
            + "data: [DONE]\n"
            + "\n";

    private static final List<SseEvent> EVENTS = List.of(
            new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}", null),
            new SseEvent(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"héllo 日本 🎉\"}}",
                    null),
            new SseEvent(null, "line one\n two spaces, one removed\nno-space\n", null),
            new SseEvent(null, "with id", "42"),
            // The last event ID carries over, as EventSource.lastEventId does.
            new SseEvent("ping", "", "42"),
            new SseEvent(null, "{\"choices\":[{\"delta\":{\"content\":\"🎉\"}}]}", "42"),
            new SseEvent(null, "[DONE]", "42"));

    @Test
    void parsesTheWholeStream() {
        SseParser parser = new SseParser();

        List<SseEvent> events = feed(parser, STREAM.getBytes(UTF_8));

        assertThat(events).isEqualTo(EVENTS);
        assertThat(parser.hasPartialEvent()).isFalse();
        assertThat(parser.retryMillis()).isEqualTo(1500);
    }

    @Test
    void yieldsTheSameEventsWhenSplitAtEveryByte() {
        byte[] bytes = STREAM.getBytes(UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            SseParser parser = new SseParser();
            List<SseEvent> events = new ArrayList<>();
            parser.feed(bytes, 0, split, events::add);
            parser.feed(bytes, split, bytes.length - split, events::add);

            assertThat(events).as("split at %d", split).isEqualTo(EVENTS);
            assertThat(parser.hasPartialEvent()).isFalse();
        }
    }

    @Test
    void yieldsTheSameEventsFedOneByteAtATime() {
        byte[] bytes = STREAM.getBytes(UTF_8);
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();

        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1, events::add);
        }

        assertThat(events).isEqualTo(EVENTS);
        assertThat(parser.hasPartialEvent()).isFalse();
    }

    @Test
    void feedsVertxBuffers() {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();

        parser.feed(Buffer.buffer("data: a"), events::add);
        parser.feed(Buffer.buffer("b\n\n"), events::add);

        assertThat(events).containsExactly(new SseEvent(null, "ab", null));
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(
                Arguments.of("CR then CR is two line endings", "data: a\r\r", List.of(new SseEvent(null, "a", null))),
                Arguments.of("LF then CR is two line endings", "data: a\n\r", List.of(new SseEvent(null, "a", null))),
                Arguments.of("CRLF then CRLF", "data: a\r\n\r\n", List.of(new SseEvent(null, "a", null))),
                Arguments.of(
                        "only the first colon splits", "data: a:b: c\n\n", List.of(new SseEvent(null, "a:b: c", null))),
                Arguments.of("empty data line still dispatches", "data\n\n", List.of(new SseEvent(null, "", null))),
                Arguments.of("data with a colon and nothing after", "data:\n\n", List.of(new SseEvent(null, "", null))),
                Arguments.of(
                        "event without data dispatches", "event: ping\n\n", List.of(new SseEvent("ping", "", null))),
                Arguments.of("comments alone dispatch nothing", ": a\n: b\n\n", List.of()),
                Arguments.of("id alone dispatches nothing", "id: 1\n\n", List.of()),
                Arguments.of("retry alone dispatches nothing", "retry: 10\n\n", List.of()),
                Arguments.of("blank lines alone dispatch nothing", "\n\r\n\r\n", List.of()),
                Arguments.of("field names are case-sensitive", "Data: a\n\n", List.of()),
                Arguments.of(
                        "the last event field wins",
                        "event: a\nevent: b\ndata: x\n\n",
                        List.of(new SseEvent("b", "x", null))),
                Arguments.of(
                        "empty id resets it",
                        "id: 1\ndata: a\n\nid\ndata: b\n\n",
                        List.of(new SseEvent(null, "a", "1"), new SseEvent(null, "b", ""))),
                Arguments.of(
                        "id with NUL is ignored",
                        "id: 1\ndata: a\n\nid: 2\0\ndata: b\n\n",
                        List.of(new SseEvent(null, "a", "1"), new SseEvent(null, "b", "1"))),
                Arguments.of(
                        "leading byte order mark is ignored",
                        "\uFEFFdata: a\n\n",
                        List.of(new SseEvent(null, "a", null))),
                Arguments.of("a later byte order mark is not", "\n\uFEFFdata: a\n\n", List.of()),
                Arguments.of("unterminated event is not dispatched", "data: a\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void followsTheEventStreamRules(String name, String stream, List<SseEvent> expected) {
        byte[] bytes = stream.getBytes(UTF_8);
        assertThat(feed(new SseParser(), bytes)).isEqualTo(expected);

        SseParser bytewise = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            bytewise.feed(bytes, i, 1, events::add);
        }
        assertThat(events).isEqualTo(expected);
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', 'a', (byte) 0xFF, 'b', '\n', '\n'};

        assertThat(feed(new SseParser(), bytes)).containsExactly(new SseEvent(null, "a\uFFFDb", null));
    }

    @Test
    void reportsPartialEvents() {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        assertThat(parser.hasPartialEvent()).isFalse();

        feed(parser, "data: x", events);
        assertThat(parser.hasPartialEvent()).as("partial line").isTrue();

        feed(parser, "\n", events);
        assertThat(parser.hasPartialEvent())
                .as("data waiting for its blank line")
                .isTrue();

        feed(parser, "\r", events);
        assertThat(parser.hasPartialEvent())
                .as("dispatched, even before a possible LF")
                .isFalse();
        assertThat(events).hasSize(1);

        feed(parser, "\n: keep-alive\n", events);
        assertThat(parser.hasPartialEvent()).as("a whole comment line").isFalse();

        feed(parser, "event: ping\n", events);
        assertThat(parser.hasPartialEvent()).as("event field pending").isTrue();

        feed(parser, "\n", events);
        assertThat(parser.hasPartialEvent()).isFalse();
        assertThat(events).hasSize(2);
    }

    @Test
    void acceptsALineAtTheLimit() {
        SseParser parser = new SseParser(10);

        // "data: abcd" is exactly 10 bytes; fed whole and then split so both the in-place and buffered paths run.
        assertThat(feed(parser, "data: abcd\n\n".getBytes(UTF_8))).containsExactly(new SseEvent(null, "abcd", null));
        List<SseEvent> events = new ArrayList<>();
        feed(parser, "data: ab", events);
        feed(parser, "cd\n\n", events);
        assertThat(events).containsExactly(new SseEvent(null, "abcd", null));
    }

    @Test
    void rejectsALineOverTheLimitWhenFedWhole() {
        SseParser parser = new SseParser(10);

        assertThatThrownBy(() -> feed(parser, "data: abcde\n".getBytes(UTF_8)))
                .isInstanceOf(SseException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10 bytes");
    }

    @Test
    void rejectsALineOverTheLimitBeforeItEnds() {
        SseParser parser = new SseParser(10);
        feed(parser, "data: abc", new ArrayList<>());

        assertThatThrownBy(() -> feed(parser, "de", new ArrayList<>())).isInstanceOf(SseException.class);
    }

    @Test
    void rejectsEventDataOverTheLimit() {
        SseParser parser = new SseParser(10);

        assertThatThrownBy(() -> feed(parser, "data: abcd\ndata: efgh\ndata: ijkl\n".getBytes(UTF_8)))
                .isInstanceOf(SseException.class)
                .hasMessageContaining("event data");
    }

    @Test
    void holdsOnlyTheUnfinishedLineOfAnEndlessStream() {
        SseParser parser = new SseParser(64);
        List<SseEvent> events = new ArrayList<>();

        for (int i = 0; i < 10_000; i++) {
            feed(parser, "data: " + i + "\n\n", events);
        }

        assertThat(events).hasSize(10_000).last().isEqualTo(new SseEvent(null, "9999", null));
    }

    private static List<SseEvent> feed(SseParser parser, byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        parser.feed(bytes, 0, bytes.length, events::add);
        return events;
    }

    private static void feed(SseParser parser, String text, List<SseEvent> events) {
        byte[] bytes = text.getBytes(UTF_8);
        parser.feed(bytes, 0, bytes.length, events::add);
    }
}
