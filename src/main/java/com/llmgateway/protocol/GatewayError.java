package com.llmgateway.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the gateway itself answers, as a value: status, type, code and message, rendered in the shape of the
 * client's protocol so that each official SDK raises its own typed exception.
 *
 * <p>OpenAI shape: {@code {"error":{"message","type","code","param"}}}. Anthropic shape: {@code
 * {"type":"error","error":{"type","message"}}} (Anthropic errors have no code; the code travels in a header instead).
 */
public record GatewayError(int status, String type, String code, String message, String param) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public GatewayError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
    }

    public static GatewayError of(int status, String type, String code, String message) {
        return new GatewayError(status, type, code, message, null);
    }

    public static GatewayError invalidRequest(String code, String message) {
        return of(400, "invalid_request_error", code, message);
    }

    public static GatewayError invalidRequest(String code, String message, String param) {
        return new GatewayError(400, "invalid_request_error", code, message, param);
    }

    /** The body in the client's protocol. */
    public byte[] body(Protocol protocol) {
        return protocol == Protocol.ANTHROPIC ? anthropicBody() : openAiBody();
    }

    public byte[] openAiBody() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        return bytes(root);
    }

    public byte[] anthropicBody() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", anthropicType());
        error.put("message", message);
        return bytes(root);
    }

    /**
     * Anthropic's error types are a closed set keyed by status; map ours onto it so the SDK picks the right exception.
     */
    String anthropicType() {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529, 503 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
