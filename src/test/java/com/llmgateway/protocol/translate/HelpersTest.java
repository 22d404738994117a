package com.llmgateway.protocol.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small mappings the translators share, as tables. */
class HelpersTest {
    @ParameterizedTest(name = "{0} -> {1} -> {2}")
    @CsvSource({
        "minimal, 1024, low",
        "low, 2048, low",
        "medium, 8192, medium",
        "high, 24576, high",
        "xhigh, 32768, high",
    })
    void reasoningEffortsAndBudgets(String effort, int budget, String back) {
        assertThat(ReasoningBudget.budgetFor(effort).getAsInt()).isEqualTo(budget);
        assertThat(ReasoningBudget.effortForBudget(budget)).isEqualTo(back);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "pause_turn, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "refusal, content_filter"
    })
    void stopReasonsToFinishReasons(String stopReason, String finishReason) {
        assertThat(StopReasons.finishReason(stopReason)).isEqualTo(finishReason);
    }

    @ParameterizedTest(name = "{0} (tool calls: {1}) -> {2}")
    @CsvSource({
        "stop, false, end_turn",
        "stop, true, tool_use",
        "length, false, max_tokens",
        "length, true, max_tokens",
        "tool_calls, true, tool_use",
        "function_call, false, tool_use",
        "content_filter, false, refusal"
    })
    void finishReasonsToStopReasons(String finishReason, boolean toolCalls, String stopReason) {
        assertThat(StopReasons.stopReason(finishReason, toolCalls)).isEqualTo(stopReason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":1}|{\"a\":1}|{\"a\":1}",
                "''|{}|{}",
                "{\"a\":|{\"_gateway_raw_arguments\":\"{\\\"a\\\":\"}|{\"a\":",
                "[1,2]|{\"_gateway_raw_arguments\":\"[1,2]\"}|[1,2]",
            })
    void toolArgumentsSurviveARoundTripEvenWhenInvalid(String arguments, String input, String back) {
        assertThat(ToolArguments.toInput(arguments)).isEqualTo(Json.parse(input).orElseThrow());
        assertThat(ToolArguments.toArguments(ToolArguments.toInput(arguments))).isEqualTo(back);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"toolu_01AbC-9, toolu_01AbC-9", "functions.get_weather:0, functions_get_weather_0", "call 1/2, call_1_2"
    })
    void toolIdsAnthropicAccepts(String id, String safe) {
        assertThat(ToolIds.forAnthropic(id)).isEqualTo(safe);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "null",
            delimiter = '|',
            value = {
                "data:image/png;base64,iVBO | image/png | iVBO",
                "DATA:image/jpeg;base64,/9j/ | image/jpeg | /9j/",
                "data:text/plain,hello | null | null",
                "https://example.com/a.png | null | null",
            })
    void dataUrls(String url, String mediaType, String data) {
        Optional<DataUrl> parsed = DataUrl.parse(url);
        assertThat(parsed.map(DataUrl::mediaType).orElse(null)).isEqualTo(mediaType);
        assertThat(parsed.map(DataUrl::data).orElse(null)).isEqualTo(data);
    }
}
