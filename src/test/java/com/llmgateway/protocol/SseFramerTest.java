package com.llmgateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SseFramerTest {

    /** A stream, the whole events it must be cut into, and the unterminated rest. */
    record Case(String name, String stream, List<String> events, String rest) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("LF", "data: a\n\ndata: b\n\n", List.of("data: a\n\n", "data: b\n\n"), ""),
                new Case("CRLF", "data: a\r\n\r\ndata: b\r\n\r\n", List.of("data: a\r\n\r\n", "data: b\r\n\r\n"), ""),
                new Case("CR", "data: a\r\rdata: b\r\r", List.of("data: a\r\r", "data: b\r\r"), ""),
                new Case("mixed endings", "data: a\r\n\ndata: b\n\r\n", List.of("data: a\r\n\n", "data: b\n\r\n"), ""),
                new Case(
                        "several lines per event",
                        "event: x\ndata: 1\ndata: 2\n\n: comment\n\n",
                        List.of("event: x\ndata: 1\ndata: 2\n\n", ": comment\n\n"),
                        ""),
                new Case(
                        "an unterminated last event is held",
                        "data: a\n\ndata: b\n",
                        List.of("data: a\n\n"),
                        "data: b\n"),
                new Case("a leading blank line is its own piece", "\ndata: a\n\n", List.of("\n", "data: a\n\n"), ""),
                new Case("no complete event", "data: {\"a\":", List.of(), "data: {\"a\":"),
                new Case("empty stream", "", List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutsIntoWholeEventsWhereverTheChunksEnd(Case c) {
        byte[] bytes = c.stream().getBytes(UTF_8);
        for (long seed = 0; seed < 30; seed++) {
            SseFramer framer = new SseFramer(1024);
            List<String> events = new ArrayList<>();
            for (byte[] chunk : cuts(bytes, new Random(seed), seed == 0)) {
                framer.feed(chunk, (event, whole) -> {
                    assertThat(whole).isTrue();
                    events.add(new String(event, UTF_8));
                });
            }
            String rest = new String(framer.rest(), UTF_8);
            // A CR at the very end of a chunk may end an event before its LF arrives; the LF then leads the next.
            assertThat(String.join("", events) + rest).isEqualTo(c.stream());
            if (!c.stream().contains("\r\n")) {
                assertThat(events).isEqualTo(c.events());
                assertThat(rest).isEqualTo(c.rest());
            }
        }
    }

    @Test
    void aCrLfBlankLineInOneChunkStaysWithItsEvent() {
        SseFramer framer = new SseFramer(1024);
        List<String> events = new ArrayList<>();

        framer.feed(
                "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(UTF_8),
                (event, whole) -> events.add(new String(event, UTF_8)));

        assertThat(events).containsExactly("data: a\r\n\r\n", "data: b\r\n\r\n");
    }

    @Test
    void anEventLongerThanTheLimitIsPassedOnInPiecesNotHeld() {
        SseFramer framer = new SseFramer(16);
        String stream = "data: " + "x".repeat(40) + "\n\ndata: ok\n\n";
        List<String> pieces = new ArrayList<>();
        List<Boolean> whole = new ArrayList<>();

        for (byte[] chunk : cuts(stream.getBytes(UTF_8), new Random(3), false)) {
            framer.feed(chunk, (event, isWhole) -> {
                pieces.add(new String(event, UTF_8));
                whole.add(isWhole);
            });
        }

        assertThat(String.join("", pieces)).isEqualTo(stream);
        assertThat(pieces.get(pieces.size() - 1)).isEqualTo("data: ok\n\n");
        assertThat(whole.get(whole.size() - 1)).isTrue();
        assertThat(whole.subList(0, whole.size() - 1)).containsOnly(false);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(60));
    }

    private static List<byte[]> cuts(byte[] bytes, Random random, boolean byteByByte) {
        List<byte[]> chunks = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            int length = byteByByte ? 1 : 1 + random.nextInt(Math.min(8, bytes.length - offset));
            chunks.add(Arrays.copyOfRange(bytes, offset, offset + length));
            offset += length;
        }
        chunks.add(new byte[0]);
        return chunks;
    }
}
