package com.llmgateway.testing;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Provider stream events for translation tests, one builder per event kind, in each protocol's published shape: OpenAI
 * chat chunks (id {@code chatcmpl-9}, model {@code gpt-target}) and Anthropic message events (id {@code msg_9}, model
 * {@code claude-target}). Arguments named {@code delta} and {@code usage} are JSON written with single quotes.
 */
public final class ProviderEvents {
    private ProviderEvents() {}

    /** JSON written with single quotes for readability; {@code args} are already JSON (see {@link #str}). */
    public static String j(String template, Object... args) {
        return q(template).formatted(args);
    }

    public static String q(String json) {
        return json.replace('\'', '"');
    }

    /** A JSON string literal. */
    public static String str(String value) {
        return TextNode.valueOf(value).toString();
    }

    public static String chatChunk(String delta, String finishReason) {
        return "data: "
                + j(
                        "{'id':'chatcmpl-9','object':'chat.completion.chunk','created':1700000000,'model':'gpt-target',"
                                + "'choices':[{'index':0,'delta':%s,'logprobs':null,'finish_reason':%s}]}",
                        q(delta), finishReason == null ? "null" : str(finishReason))
                + "\n\n";
    }

    public static String usageChunk(String usage) {
        return "data: "
                + j(
                        "{'id':'chatcmpl-9','object':'chat.completion.chunk','created':1700000000,'model':'gpt-target',"
                                + "'choices':[],'usage':%s}",
                        q(usage))
                + "\n\n";
    }

    /** A {@code tool_calls} delta; the first of a call carries its id and name, the others only arguments. */
    public static String toolCallDelta(int index, String id, String name, String arguments) {
        String function = name == null
                ? j("{'arguments':%s}", str(arguments))
                : j("{'name':%s,'arguments':%s}", str(name), str(arguments));
        String head = id == null ? "" : j("'id':%s,'type':'function',", str(id));
        return "{\"tool_calls\":[{\"index\":" + index + "," + head + "\"function\":" + function + "}]}";
    }

    public static String event(String type, String data) {
        return "event: " + type + "\ndata: " + q(data) + "\n\n";
    }

    public static String messageStart(String usage) {
        return event(
                "message_start",
                j(
                        "{'type':'message_start','message':{'id':'msg_9','type':'message','role':'assistant',"
                                + "'model':'claude-target','content':[],'stop_reason':null,'stop_sequence':null,"
                                + "'usage':%s}}",
                        q(usage)));
    }

    public static String thinkingDelta(int index, String thinking) {
        return event(
                "content_block_delta",
                j(
                        "{'type':'content_block_delta','index':%d,'delta':{'type':'thinking_delta','thinking':%s}}",
                        index, str(thinking)));
    }

    public static String textDelta(int index, String text) {
        return event(
                "content_block_delta",
                j(
                        "{'type':'content_block_delta','index':%d,'delta':{'type':'text_delta','text':%s}}",
                        index, str(text)));
    }

    public static String toolUseStart(int index, String id, String name) {
        return event(
                "content_block_start",
                j(
                        "{'type':'content_block_start','index':%d,"
                                + "'content_block':{'type':'tool_use','id':%s,'name':%s,'input':{}}}",
                        index, str(id), str(name)));
    }

    public static String inputJsonDelta(int index, String fragment) {
        return event(
                "content_block_delta",
                j(
                        "{'type':'content_block_delta','index':%d,"
                                + "'delta':{'type':'input_json_delta','partial_json':%s}}",
                        index, str(fragment)));
    }

    public static String blockStop(int index) {
        return event("content_block_stop", j("{'type':'content_block_stop','index':%d}", index));
    }

    public static String messageDelta(String stopReason, String usage) {
        return event(
                "message_delta",
                j(
                        "{'type':'message_delta','delta':{'stop_reason':%s,'stop_sequence':null},'usage':%s}",
                        str(stopReason), q(usage)));
    }

    public static String messageStop() {
        return event("message_stop", "{'type':'message_stop'}");
    }
}
