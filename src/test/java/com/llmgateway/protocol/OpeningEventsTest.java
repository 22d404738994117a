package com.llmgateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which events of a stream's start are opening, content or error, per protocol; and what an error stands for. */
class OpeningEventsTest {

    @ParameterizedTest(name = "{0} event={1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            ANTHROPIC | message_start       | {"type":"message_start","message":{"id":"msg_1"}}              | OPENING
            ANTHROPIC | ping                | {"type":"ping"}                                                | OPENING
            ANTHROPIC | content_block_start | {"type":"content_block_start","index":0}                       | OPENING
            ANTHROPIC | content_block_delta | {"type":"content_block_delta","delta":{"text":"Hi"}}           | CONTENT
            ANTHROPIC | message_delta       | {"type":"message_delta"}                                       | CONTENT
            ANTHROPIC | message_stop        | {"type":"message_stop"}                                        | CONTENT
            ANTHROPIC | error               | {"type":"error","error":{"type":"overloaded_error"}}           | ERROR
            ANTHROPIC | <none>              | {"type":"ping"}                                                | OPENING
            ANTHROPIC | <none>              | {"type":"error","error":{"type":"api_error"}}                  | ERROR
            ANTHROPIC | <none>              | not json                                                       | CONTENT
            OPENAI    | <none>              | {"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]} | OPENING
            OPENAI    | <none>              | {"choices":[{"index":0,"delta":{},"finish_reason":null}]}      | OPENING
            OPENAI    | <none>              | {"choices":[{"index":0,"delta":{"content":"Hi"}}]}             | CONTENT
            OPENAI    | <none>              | {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0}]}}]} | CONTENT
            OPENAI    | <none>              | {"choices":[{"index":0,"delta":{"reasoning_content":"hm"}}]}   | CONTENT
            OPENAI    | <none>              | {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}    | CONTENT
            OPENAI    | <none>              | {"choices":[{"index":0,"text":""}]}                            | OPENING
            OPENAI    | <none>              | {"choices":[{"index":0,"text":"Hi"}]}                          | CONTENT
            OPENAI    | <none>              | {"choices":[],"usage":{"prompt_tokens":1}}                     | CONTENT
            OPENAI    | <none>              | {"choices":[],"prompt_filter_results":[]}                      | CONTENT
            OPENAI    | <none>              | {"error":{"message":"overloaded","type":"server_error"}}       | ERROR
            OPENAI    | <none>              | [DONE]                                                         | CONTENT
            OPENAI    | <none>              | {"id":"x"}                                                     | CONTENT
            OPENAI    | response.created    | {"type":"response.created","response":{}}                      | OPENING
            OPENAI    | <none>              | {"type":"response.output_item.added"}                          | OPENING
            OPENAI    | <none>              | {"type":"response.output_text.delta","delta":"Hi"}             | CONTENT
            OPENAI    | <none>              | {"type":"response.failed","response":{"error":{"code":"server_error"}}} | ERROR
            OPENAI    | error               | {"type":"error","code":"rate_limit_exceeded","message":"slow"} | ERROR
            """)
    void classifiesEachEvent(Protocol protocol, String type, String data, OpeningEvents.Kind expected) {
        SseEvent event = new SseEvent(type.equals("<none>") ? null : type, data, null);

        assertThat(OpeningEvents.classify(protocol, event)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            ANTHROPIC | {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}       | 529 | Overloaded
            ANTHROPIC | {"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}      | 429 | Slow down
            ANTHROPIC | {"type":"error","error":{"type":"api_error","message":"Internal"}}              | 502 | Internal
            OPENAI    | {"error":{"message":"busy","type":"server_error","code":"server_overloaded"}}   | 503 | busy
            OPENAI    | {"error":{"message":"limit","type":"requests","code":"rate_limit_exceeded"}}    | 429 | limit
            OPENAI    | {"error":{"message":"boom","type":"server_error","code":null}}                  | 502 | boom
            OPENAI    | {"type":"response.failed","response":{"error":{"code":"server_error","message":"no"}}} | 502 | no
            OPENAI    | {"error":{}}                                                                     | 502 | {"error":{}}
            """)
    void anErrorEventStandsForAStatusAndCarriesTheProvidersMessage(
            Protocol protocol, String data, int status, String message) {
        SseEvent event = new SseEvent(protocol == Protocol.ANTHROPIC ? "error" : null, data, null);

        assertThat(OpeningEvents.error(protocol, event)).isEqualTo(new OpeningEvents.StreamError(status, message));
    }
}
