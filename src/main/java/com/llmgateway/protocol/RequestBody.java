package com.llmgateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** TEMP STUB */
public final class RequestBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] bytes;
    private final JsonNode tree;

    private RequestBody(byte[] bytes, JsonNode tree) {
        this.bytes = bytes;
        this.tree = tree;
    }

    public static RequestBody parse(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (Exception e) {
            throw new GatewayException(GatewayError.invalidRequest("invalid_json", "Request body is not valid JSON"));
        }
        if (tree == null || !tree.isObject()) {
            throw new GatewayException(
                    GatewayError.invalidRequest("invalid_json", "Request body must be a JSON object"));
        }
        if (!tree.path("model").isTextual()) {
            throw new GatewayException(GatewayError.invalidRequest(
                    "missing_model", "Request body must include a 'model' string", "model"));
        }
        return new RequestBody(body, tree);
    }

    public String model() {
        return tree.get("model").asText();
    }

    public boolean isStream() {
        return tree.path("stream").isBoolean() && tree.get("stream").booleanValue();
    }

    public byte[] bytes() {
        return bytes;
    }

    public JsonNode tree() {
        return tree;
    }

    public byte[] withModel(String newModel) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String needle = "\"model\"";
        int at = text.indexOf(needle);
        int colon = text.indexOf(':', at);
        int q1 = text.indexOf('"', colon);
        int q2 = text.indexOf('"', q1 + 1);
        return (text.substring(0, q1) + JSON.valueToTree(newModel).toString() + text.substring(q2 + 1))
                .getBytes(StandardCharsets.UTF_8);
    }
}
