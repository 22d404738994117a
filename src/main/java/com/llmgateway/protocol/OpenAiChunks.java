package com.llmgateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** OpenAI streaming chunks. */
public final class OpenAiChunks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiChunks() {}

    /**
     * Whether {@code data} is the extra chunk that {@code stream_options.include_usage} adds at the end of a chat or
     * completions stream: {@code "choices": []} and a {@code usage} object (OpenAI API reference, "stream_options").
     */
    public static boolean isUsageOnly(String data) {
        // Cheap test first: every other chunk of such a stream carries "usage":null but not an empty choices list.
        if (!data.contains("\"usage\"") || !data.contains("\"choices\"")) {
            return false;
        }
        JsonNode json;
        try {
            json = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return false;
        }
        JsonNode choices = json.path("choices");
        return json.path("usage").isObject() && choices.isArray() && choices.isEmpty();
    }
}
