package com.llmgateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChunksTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"c","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2}}          | true
            { "choices" : [ ] , "usage" : { } }                                                 | true
            {"id":"c","choices":[{"delta":{"content":"a"}}],"usage":null}                       | false
            {"id":"c","choices":[{"delta":{}}],"usage":{"prompt_tokens":1}}                      | false
            {"id":"c","choices":[],"usage":null}                                                | false
            {"id":"c","choices":[],"prompt_filter_results":[]}                                  | false
            {"choices":{},"usage":{}}                                                           | false
            {"usage":{"prompt_tokens":1}}                                                       | false
            [DONE]                                                                              | false
            {"choices":[],"usage":{                                                             | false
            """)
    void recognisesTheUsageOnlyChunk(String data, boolean expected) {
        assertThat(OpenAiChunks.isUsageOnly(data)).isEqualTo(expected);
    }
}
