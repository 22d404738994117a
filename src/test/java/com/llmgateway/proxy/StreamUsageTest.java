package com.llmgateway.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.RequestBody;
import com.llmgateway.routing.ProviderConfig;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamUsageTest {
    private static final String STREAM = "{\"model\":\"m\",\"stream\":true}";
    private static final String ASKED = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    private static final String NOT_STREAM = "{\"model\":\"m\"}";

    @ParameterizedTest(name = "option={0} {1} {2} {3} -> {4}")
    @CsvSource({
        "true,  OPENAI,    CHAT_COMPLETIONS, STREAM,     true",
        "true,  OPENAI,    COMPLETIONS,      STREAM,     true",
        "false, OPENAI,    CHAT_COMPLETIONS, STREAM,     false",
        "true,  OPENAI,    CHAT_COMPLETIONS, ASKED,      false",
        "true,  OPENAI,    CHAT_COMPLETIONS, NOT_STREAM, false",
        "true,  OPENAI,    RESPONSES,        STREAM,     false",
        "true,  OPENAI,    EMBEDDINGS,       STREAM,     false",
        "true,  ANTHROPIC, MESSAGES,         STREAM,     false",
        "true,  ANTHROPIC, CHAT_COMPLETIONS, STREAM,     false",
    })
    void asksOnlyOpenAiChatAndCompletionStreamsThatDidNotAsk(
            boolean option, Protocol protocol, Endpoint endpoint, String body, boolean expected) {
        ProviderConfig provider =
                new ProviderConfig(1, "p", "http://p", protocol, "chat", Optional.empty(), Map.of(), true, option);
        String json = switch (body) {
            case "STREAM" -> STREAM;
            case "ASKED" -> ASKED;
            default -> NOT_STREAM;
        };

        assertThat(StreamUsage.shouldRequest(provider, endpoint, RequestBody.parse(json.getBytes(UTF_8))))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            usage chunk removed     | data: {"choices":[{"delta":{"content":"a"}}],"usage":null}\\n\\ndata: {"choices":[],"usage":{"prompt_tokens":1}}\\n\\ndata: [DONE]\\n\\n | data: {"choices":[{"delta":{"content":"a"}}],"usage":null}\\n\\ndata: [DONE]\\n\\n
            CRLF usage chunk        | data: {"choices":[],"usage":{}}\\r\\n\\r\\n: ping\\r\\n\\r\\n                                                                          | : ping\\r\\n\\r\\n
            nothing to remove       | data: {"choices":[],"usage":null}\\n\\nevent: x\\ndata: y\\n\\n                                                                         | data: {"choices":[],"usage":null}\\n\\nevent: x\\ndata: y\\n\\n
            """)
    void filtersUsageOnlyChunksByteForByte(String name, String in, String out) {
        StreamUsage.ChunkFilter filter = new StreamUsage.ChunkFilter();
        String input = in.replace("\\n", "\n").replace("\\r", "\r");
        StringBuilder relayed = new StringBuilder();
        for (int i = 0; i < input.length(); i += 7) {
            relayed.append(filter.filter(Buffer.buffer(input.substring(i, Math.min(input.length(), i + 7))))
                    .toString(UTF_8));
        }
        relayed.append(filter.rest().toString(UTF_8));

        assertThat(relayed.toString()).isEqualTo(out.replace("\\n", "\n").replace("\\r", "\r"));
    }
}
