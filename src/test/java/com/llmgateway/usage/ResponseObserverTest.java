package com.llmgateway.usage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.proxy.Endpoint;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseObserverTest {
    private static final int BODY_MAX = 64 * 1024;

    /** One relayed response and what must be read from it, however it is cut into chunks. */
    record Case(
            String name,
            Protocol protocol,
            Endpoint endpoint,
            boolean stream,
            String body,
            TokenUsage usage,
            String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static TokenUsage usage(Long input, Long output, Long cacheRead, Long cacheWrite, Long reasoning) {
        return new TokenUsage(input, output, cacheRead, cacheWrite, reasoning);
    }

    static String sse(String... events) {
        StringBuilder out = new StringBuilder();
        for (String event : events) {
            out.append(event).append("\n\n");
        }
        return out.toString();
    }

    static String chunk(String choices) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":" + choices + "}";
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "OpenAI chat, non-stream, with cached and reasoning details",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        false,
                        """
                        {"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",\
                        "content":"Hello there","refusal":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,\
                        "completion_tokens":30,"total_tokens":50,"prompt_tokens_details":{"cached_tokens":8,\
                        "audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":12,"audio_tokens":0}}}""",
                        usage(20L, 30L, 8L, null, 12L),
                        "Hello there"),
                new Case(
                        "OpenAI chat, non-stream, usage first and a tool call",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        false,
                        """
                        {"usage":{"prompt_tokens":5,"completion_tokens":7},"choices":[{"message":{"content":null,\
                        "reasoning_content":"think ","tool_calls":[{"id":"call_1","type":"function","function":\
                        {"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}]}""",
                        usage(5L, 7L, null, null, null),
                        "think get_weather{\"city\":\"Paris\"}"),
                new Case(
                        "usage-like members elsewhere are not the usage",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        false,
                        """
                        {"metadata":{"usage":{"prompt_tokens":99}},"choices":[{"message":{"content":"a",\
                        "usage":{"completion_tokens":98}}}],"usage":{"prompt_tokens":"3","completion_tokens":-1,\
                        "total_tokens":123456789012345678901234567890,"prompt_tokens_details":{"cached_tokens":1.5}}}""",
                        TokenUsage.NONE,
                        "a"),
                new Case(
                        "OpenAI chat stream with the include_usage chunk",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        true,
                        sse(
                                chunk(
                                        "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":null"),
                                chunk("[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}],\"usage\":null"),
                                chunk("[{\"index\":0,\"delta\":{\"content\":\" wörld 🎉\"}}],\"usage\":null"),
                                chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null"),
                                chunk("[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,"
                                        + "\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":2},"
                                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}"),
                                "data: [DONE]"),
                        usage(11L, 4L, 2L, null, 0L),
                        "Hello wörld 🎉"),
                new Case(
                        "OpenAI chat stream without usage, with tool calls and reasoning",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        true,
                        sse(
                                ": keep-alive",
                                chunk("[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm \"}}]"),
                                chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                                        + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}}]"),
                                chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                                        + "\"function\":{\"arguments\":\"{\\\"q\\\":1}\"}}]}}]"),
                                chunk("[{\"index\":0,\"delta\":{\"function_call\":{\"name\":\"legacy\","
                                        + "\"arguments\":\"{}\"}}}]"),
                                "data: [DONE]"),
                        TokenUsage.NONE,
                        "hmm lookup{\"q\":1}legacy{}"),
                new Case(
                        "OpenAI completions, non-stream",
                        Protocol.OPENAI,
                        Endpoint.COMPLETIONS,
                        false,
                        """
                        {"id":"cmpl-1","object":"text_completion","choices":[{"text":"Once upon","index":0},\
                        {"text":" a time","index":1}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""",
                        usage(3L, 4L, null, null, null),
                        "Once upon a time"),
                new Case(
                        "OpenAI completions stream with usage",
                        Protocol.OPENAI,
                        Endpoint.COMPLETIONS,
                        true,
                        sse(
                                "data: {\"object\":\"text_completion\",\"choices\":[{\"text\":\"Once\",\"index\":0}]}",
                                "data: {\"object\":\"text_completion\",\"choices\":[{\"text\":\" more\",\"index\":0}]}",
                                "data: {\"object\":\"text_completion\",\"choices\":[],"
                                        + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2}}",
                                "data: [DONE]"),
                        usage(2L, 2L, null, null, null),
                        "Once more"),
                new Case(
                        "OpenAI embeddings: input only",
                        Protocol.OPENAI,
                        Endpoint.EMBEDDINGS,
                        false,
                        """
                        {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2,3,4]}],\
                        "model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}""",
                        usage(2L, null, null, null, null),
                        ""),
                new Case(
                        "Responses API, non-stream",
                        Protocol.OPENAI,
                        Endpoint.RESPONSES,
                        false,
                        """
                        {"id":"resp_1","object":"response","status":"completed","output":[{"type":"reasoning",\
                        "id":"rs_1","summary":[{"type":"summary_text","text":"plan. "}]},{"type":"function_call",\
                        "name":"f","arguments":"{}","call_id":"c1"},{"type":"message","role":"assistant","content":\
                        [{"type":"output_text","text":"Done.","annotations":[]}]}],"usage":{"input_tokens":40,\
                        "input_tokens_details":{"cached_tokens":32},"output_tokens":25,"output_tokens_details":\
                        {"reasoning_tokens":16},"total_tokens":65}}""",
                        usage(40L, 25L, 32L, null, 16L),
                        "plan. f{}Done."),
                new Case(
                        "Responses API stream: deltas once, usage from response.completed",
                        Protocol.OPENAI,
                        Endpoint.RESPONSES,
                        true,
                        sse(
                                "event: response.created\ndata: {\"type\":\"response.created\",\"response\":"
                                        + "{\"id\":\"r\",\"status\":\"in_progress\",\"output\":[],\"usage\":null}}",
                                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                                        + "\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}",
                                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                                        + "\"delta\":\" you\"}",
                                "event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\","
                                        + "\"text\":\"Hi you\"}",
                                "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\","
                                        + "\"item\":{\"type\":\"message\",\"content\":[{\"type\":\"output_text\","
                                        + "\"text\":\"Hi you\"}]}}",
                                "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
                                        + "{\"id\":\"r\",\"status\":\"completed\",\"output\":[{\"type\":\"message\","
                                        + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi you\"}]}],\"usage\":"
                                        + "{\"input_tokens\":7,\"input_tokens_details\":{\"cached_tokens\":0},"
                                        + "\"output_tokens\":3,\"output_tokens_details\":{\"reasoning_tokens\":0},"
                                        + "\"total_tokens\":10}}}"),
                        usage(7L, 3L, 0L, null, 0L),
                        "Hi you"),
                new Case(
                        "Responses API stream without event lines",
                        Protocol.OPENAI,
                        Endpoint.RESPONSES,
                        true,
                        sse(
                                "data: {\"type\":\"response.function_call_arguments.delta\",\"delta\":\"{\\\"a\\\"\"}",
                                "data: {\"type\":\"response.function_call_arguments.done\",\"arguments\":\"x\"}",
                                "data: {\"type\":\"response.incomplete\",\"response\":{\"usage\":"
                                        + "{\"input_tokens\":1,\"output_tokens\":2}}}"),
                        usage(1L, 2L, null, null, null),
                        "{\"a\""),
                new Case(
                        "Anthropic, non-stream, with cache read and write counted into input",
                        Protocol.ANTHROPIC,
                        Endpoint.MESSAGES,
                        false,
                        """
                        {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"thinking","thinking":\
                        "Let me see. ","signature":"sig"},{"type":"text","text":"Sure."},{"type":"tool_use","id":"t1",\
                        "name":"search","input":{"q":"x","n":[1,2]}}],"stop_reason":"tool_use","usage":\
                        {"input_tokens":9,"cache_creation_input_tokens":100,"cache_read_input_tokens":50,\
                        "cache_creation":{"ephemeral_5m_input_tokens":100},"output_tokens":4,"service_tier":"standard"}}""",
                        usage(159L, 4L, 50L, 100L, null),
                        "Let me see. Sure.search{\"q\":\"x\",\"n\":[1,2]}"),
                new Case(
                        "Anthropic stream: message_start, text, tool input and thinking deltas, cumulative delta",
                        Protocol.ANTHROPIC,
                        Endpoint.MESSAGES,
                        true,
                        sse(
                                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                                        + "\"content\":[],\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":3,"
                                        + "\"cache_read_input_tokens\":5,\"output_tokens\":1}}}",
                                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                                        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hm. \"}}",
                                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                                        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"abc\"}}",
                                "event: ping\ndata: {\"type\": \"ping\"}",
                                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}",
                                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}",
                                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,"
                                        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"get\","
                                        + "\"input\":{}}}",
                                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,"
                                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":1}\"}}",
                                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":"
                                        + "{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":15}}",
                                "event: message_stop\ndata: {\"type\":\"message_stop\"}"),
                        usage(18L, 15L, 5L, 3L, null),
                        "hm. Helloget{\"a\":1}"),
                new Case(
                        "Anthropic stream whose message_delta repeats input and cache counts (newer API)",
                        Protocol.ANTHROPIC,
                        Endpoint.MESSAGES,
                        true,
                        sse(
                                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                                        + "{\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}",
                                "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"input_tokens\":12,"
                                        + "\"cache_read_input_tokens\":4,\"cache_creation_input_tokens\":0,"
                                        + "\"output_tokens\":30}}"),
                        usage(16L, 30L, 4L, 0L, null),
                        ""),
                new Case(
                        "Anthropic stream cut after message_start keeps what was reported",
                        Protocol.ANTHROPIC,
                        Endpoint.MESSAGES,
                        true,
                        sse(
                                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                                                + "{\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}",
                                        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"partial\"}}")
                                + "event: content_block_delta\ndata: {\"type\":\"content_blo",
                        usage(10L, 1L, null, null, null),
                        "partial"),
                new Case(
                        "Anthropic stream with CRLF line endings and no event lines",
                        Protocol.ANTHROPIC,
                        Endpoint.MESSAGES,
                        true,
                        "data: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":2,"
                                + "\"output_tokens\":1}}}\r\n\r\n"
                                + "data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"a\\r\\nb\"}}\r\n\r\n"
                                + "data: {\"type\":\"content_block_stop\",\"content_block\":{\"text\":\"no\"}}\r\n\r\n"
                                + "data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":3}}\r\n\r\n",
                        usage(2L, 3L, null, null, null),
                        "a\r\nb"),
                new Case(
                        "Anthropic count_tokens bills nothing",
                        Protocol.ANTHROPIC,
                        Endpoint.COUNT_TOKENS,
                        false,
                        "{\"input_tokens\":12,\"usage\":{\"input_tokens\":12}}",
                        TokenUsage.NONE,
                        ""),
                new Case(
                        "a body that is not JSON",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        false,
                        "<html><body>Bad gateway \"usage\":{\"prompt_tokens\":1}</body></html>",
                        TokenUsage.NONE,
                        ""),
                new Case(
                        "JSON that breaks off after the usage",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        false,
                        "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"choices\":[{\"message\":"
                                + "{\"content\":\"kept\"}},{\"message\":{\"content\":\"lo",
                        usage(1L, 2L, null, null, null),
                        "kept"),
                new Case(
                        "an error body relayed as it was",
                        Protocol.OPENAI,
                        Endpoint.CHAT_COMPLETIONS,
                        false,
                        "{\"error\":{\"message\":\"Rate limit\",\"type\":\"rate_limit_error\",\"code\":null}}",
                        TokenUsage.NONE,
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsUsageAndTextInOneChunk(Case c) {
        assertRead(c, observe(c, List.of(c.body().getBytes(UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsUsageAndTextOneByteAtATime(Case c) {
        byte[] bytes = c.body().getBytes(UTF_8);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            chunks.add(Arrays.copyOfRange(bytes, i, i + 1));
        }
        assertRead(c, observe(c, chunks));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsUsageAndTextCutAtRandomPlaces(Case c) {
        byte[] bytes = c.body().getBytes(UTF_8);
        for (long seed = 1; seed <= 20; seed++) {
            assertRead(c, observe(c, randomCuts(bytes, new Random(seed))));
        }
    }

    private static void assertRead(Case c, ResponseSummary summary) {
        assertThat(summary.providerUsage()).isEqualTo(c.usage());
        assertThat(summary.outputText()).isEqualTo(c.text());
        assertThat(summary.outputTextTruncated()).isFalse();
        assertThat(summary.stream()).isEqualTo(c.stream());
        if (c.stream()) {
            assertThat(summary.body()).isEmpty();
            assertThat(summary.bodyTruncated()).isFalse();
        } else {
            assertThat(new String(summary.body(), UTF_8)).isEqualTo(c.body());
            assertThat(summary.bodyTruncated()).isFalse();
        }
    }

    @Test
    void findsUsageAtTheEndOfATenMegabyteBodyAndKeepsOnlyItsStart() {
        StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        Random random = new Random(7);
        while (json.length() < 10 * 1024 * 1024) {
            json.append("{\"object\":\"embedding\",\"index\":0,\"embedding\":[");
            for (int i = 0; i < 256; i++) {
                json.append(i == 0 ? "" : ",").append(random.nextFloat() - 0.5f);
            }
            json.append("]},");
        }
        json.append("{\"embedding\":[]}],\"usage\":{\"prompt_tokens\":123456,\"total_tokens\":123456}}");
        byte[] bytes = json.toString().getBytes(UTF_8);
        ResponseObserver observer = new ResponseObserver(Protocol.OPENAI, Endpoint.EMBEDDINGS, false, BODY_MAX);

        for (int offset = 0; offset < bytes.length; offset += 16 * 1024) {
            observer.onChunk(
                    Buffer.buffer(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + 16 * 1024))));
        }

        ResponseSummary summary = observer.summary();
        assertThat(summary.providerUsage()).isEqualTo(usage(123456L, null, null, null, null));
        assertThat(summary.body()).hasSize(BODY_MAX).isEqualTo(Arrays.copyOf(bytes, BODY_MAX));
        assertThat(summary.bodyTruncated()).isTrue();
    }

    @Test
    void keepsAtMostAMebibyteOfTextAndSaysSo() {
        ResponseObserver observer = new ResponseObserver(Protocol.ANTHROPIC, Endpoint.MESSAGES, true, BODY_MAX);
        String piece = "x".repeat(999) + "🎉";
        String event = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":"
                + "{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}\n\n";
        int events = ResponseObserver.MAX_OUTPUT_CHARS / piece.length() + 10;

        for (int i = 0; i < events; i++) {
            observer.onChunk(Buffer.buffer(event));
        }

        ResponseSummary summary = observer.summary();
        assertThat(summary.outputTextTruncated()).isTrue();
        assertThat(summary.outputText().length())
                .isBetween(ResponseObserver.MAX_OUTPUT_CHARS - 1, ResponseObserver.MAX_OUTPUT_CHARS);
        assertThat(Character.isHighSurrogate(
                        summary.outputText().charAt(summary.outputText().length() - 1)))
                .isFalse();
        assertThat(summary.events()).isEqualTo(events);
    }

    @Test
    void aSummaryMidStreamHasWhatWasSeenSoFar() {
        ResponseObserver observer = new ResponseObserver(Protocol.OPENAI, Endpoint.CHAT_COMPLETIONS, true, BODY_MAX);
        observer.onChunk(Buffer.buffer(sse(chunk("[{\"delta\":{\"content\":\"one\"}}]"))));

        assertThat(observer.summary().outputText()).isEqualTo("one");
        assertThat(observer.summary().events()).isEqualTo(1);

        observer.onChunk(Buffer.buffer(sse(chunk("[{\"delta\":{\"content\":\" two\"}}]"))));
        assertThat(observer.summary().outputText()).isEqualTo("one two");
    }

    @Test
    void anOverlongLineStopsTheReadingButNeverTheRelay() {
        ResponseObserver observer = new ResponseObserver(Protocol.OPENAI, Endpoint.CHAT_COMPLETIONS, true, BODY_MAX);
        observer.onChunk(Buffer.buffer(sse(chunk("[{\"delta\":{\"content\":\"before\"}}]"))));
        Buffer huge = Buffer.buffer(new byte[1024 * 1024]);
        for (int i = 0; i < 17; i++) {
            observer.onChunk(huge);
        }
        observer.onChunk(Buffer.buffer(sse(chunk("[{\"delta\":{\"content\":\"after\"}}]"))));

        assertThat(observer.summary().outputText()).isEqualTo("before");
    }

    @Test
    void aStreamCountsItsEvents() {
        ResponseObserver observer = new ResponseObserver(Protocol.OPENAI, Endpoint.CHAT_COMPLETIONS, true, BODY_MAX);
        observer.onChunk(Buffer.buffer(sse(": comment", chunk("[]"), "data: [DONE]")));

        assertThat(observer.summary().events()).isEqualTo(2);
    }

    private static ResponseSummary observe(Case c, List<byte[]> chunks) {
        ResponseObserver observer = new ResponseObserver(c.protocol(), c.endpoint(), c.stream(), BODY_MAX);
        for (byte[] chunk : chunks) {
            observer.onChunk(Buffer.buffer(chunk));
        }
        return observer.summary();
    }

    static List<byte[]> randomCuts(byte[] bytes, Random random) {
        List<byte[]> chunks = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            int length = 1 + random.nextInt(Math.min(64, bytes.length - offset));
            chunks.add(Arrays.copyOfRange(bytes, offset, offset + length));
            offset += length;
        }
        return chunks;
    }
}
