package com.llmgateway.testing;

import java.util.List;

/** Canned provider answers in each protocol's published shape. */
public final class Payloads {
    private Payloads() {}

    public static String chatCompletion(String model, String text) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"%s",\
                "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},\
                "logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""".formatted(model, text);
    }

    public static String chatCompletionWithToolCall(String model) {
        return """
                {"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"%s",\
                "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,\
                "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather",\
                "arguments":"{\\"city\\":\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],\
                "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12},"x_vendor_field":{"kept":true}}""".formatted(model);
    }

    public static List<String> chatChunks(String model, String... pieces) {
        List<String> events = new java.util.ArrayList<>();
        for (String piece : pieces) {
            events.add("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece
                    + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        events.add("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}]}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    public static String completion(String model, String text) {
        return """
                {"id":"cmpl-1","object":"text_completion","created":1700000000,"model":"%s",\
                "choices":[{"text":"%s","index":0,"logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""".formatted(model, text);
    }

    public static String embeddings(String model) {
        return """
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2,0.3]}],\
                "model":"%s","usage":{"prompt_tokens":2,"total_tokens":2}}""".formatted(model);
    }

    public static String response(String model, String text) {
        return """
                {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"%s",\
                "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",\
                "content":[{"type":"output_text","text":"%s","annotations":[]}]}],\
                "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"temperature":1.0,"top_p":1.0,\
                "error":null,"incomplete_details":null,"instructions":null,"metadata":{},\
                "usage":{"input_tokens":4,"input_tokens_details":{"cached_tokens":0},"output_tokens":6,\
                "output_tokens_details":{"reasoning_tokens":0},"total_tokens":10}}""".formatted(model, text);
    }

    public static String anthropicMessage(String model, String text) {
        return """
                {"id":"msg_1","type":"message","role":"assistant","model":"%s",\
                "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn","stop_sequence":null,\
                "usage":{"input_tokens":9,"output_tokens":4}}""".formatted(model, text);
    }

    public static List<String> anthropicEvents(String model, String... pieces) {
        List<String> events = new java.util.ArrayList<>();
        events.add(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],"
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n");
        events.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (String piece : pieces) {
            events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}\n\n");
        }
        events.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        events.add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (pieces.length + 1) + "}}\n\n");
        events.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return events;
    }

    public static String countTokens(int tokens) {
        return "{\"input_tokens\":" + tokens + "}";
    }

    public static String openAiError(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\",\"code\":null,\"param\":null}}";
    }
}
