package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's error status and body in the client's protocol, so that each official SDK raises the exception it
 * would have raised talking to its own provider.
 *
 * <table>
 *   <caption>Anthropic error type to OpenAI</caption>
 *   <tr><th>Anthropic</th><th>OpenAI status</th><th>type</th><th>code</th></tr>
 *   <tr><td>400 invalid_request_error</td><td>400</td><td>invalid_request_error</td><td>null</td></tr>
 *   <tr><td>401 authentication_error</td><td>401</td><td>invalid_request_error</td><td>invalid_api_key</td></tr>
 *   <tr><td>402 billing_error</td><td>429</td><td>insufficient_quota</td><td>insufficient_quota</td></tr>
 *   <tr><td>403 permission_error</td><td>403</td><td>invalid_request_error</td><td>permission_denied</td></tr>
 *   <tr><td>404 not_found_error</td><td>404</td><td>invalid_request_error</td><td>not_found</td></tr>
 *   <tr><td>413 request_too_large</td><td>413</td><td>invalid_request_error</td><td>request_too_large</td></tr>
 *   <tr><td>429 rate_limit_error</td><td>429</td><td>rate_limit_error</td><td>rate_limit_exceeded</td></tr>
 *   <tr><td>500 api_error</td><td>500</td><td>server_error</td><td>null</td></tr>
 *   <tr><td>504 timeout_error</td><td>504</td><td>server_error</td><td>timeout</td></tr>
 *   <tr><td>529 overloaded_error</td><td>503</td><td>service_unavailable_error</td><td>server_is_overloaded</td></tr>
 * </table>
 *
 * <p>The way back goes by status (503 becomes 529 {@code overloaded_error}, OpenAI having no 529), except that
 * OpenAI's quota errors (429 with type or code {@code insufficient_quota}) become Anthropic's 402 {@code
 * billing_error}: retrying them, as SDKs do with a 429, cannot succeed.
 */
public final class ErrorTranslation {
    private static final int MAX_MESSAGE_CHARS = 1000;

    /** An Anthropic error type's OpenAI type, code and status (the status where only the type is known). */
    private record OpenAiForm(String type, String code, int status) {}

    /** The table of the class comment. */
    private static final Map<String, OpenAiForm> OPENAI_FORMS = Map.of(
            "invalid_request_error", new OpenAiForm("invalid_request_error", null, 400),
            "authentication_error", new OpenAiForm("invalid_request_error", "invalid_api_key", 401),
            "billing_error", new OpenAiForm("insufficient_quota", "insufficient_quota", 429),
            "permission_error", new OpenAiForm("invalid_request_error", "permission_denied", 403),
            "not_found_error", new OpenAiForm("invalid_request_error", "not_found", 404),
            "request_too_large", new OpenAiForm("invalid_request_error", "request_too_large", 413),
            "rate_limit_error", new OpenAiForm("rate_limit_error", "rate_limit_exceeded", 429),
            "timeout_error", new OpenAiForm("server_error", "timeout", 504),
            "overloaded_error", new OpenAiForm("service_unavailable_error", "server_is_overloaded", 503));

    private ErrorTranslation() {}

    /** An Anthropic provider's error for an OpenAI client. */
    public static TranslatedError toOpenAi(int status, byte[] anthropicBody) {
        JsonNode error = Json.parse(anthropicBody).map(b -> b.path("error")).orElse(Json.object());
        OpenAiError mapped = openAiError(status, error.path("type").asText(""), message(error, status, anthropicBody));
        return new TranslatedError(mapped.status(), Json.bytes(mapped.body()));
    }

    /** An OpenAI provider's error for an Anthropic client. */
    public static TranslatedError toAnthropic(int status, byte[] openAiBody) {
        JsonNode error = Json.parse(openAiBody).map(b -> b.path("error")).orElse(Json.object());
        String type = error.path("type").asText("");
        String code = error.path("code").asText("");
        int anthropicStatus = anthropicStatus(status, type, code);
        return new TranslatedError(
                anthropicStatus,
                Json.bytes(anthropicBody(anthropicType(anthropicStatus), message(error, status, openAiBody))));
    }

    /** The OpenAI stream event for an Anthropic {@code error} event's data. */
    static byte[] openAiStreamError(JsonNode anthropicErrorEvent) {
        JsonNode error = anthropicErrorEvent.path("error");
        String message = Json.textOr(error, "message", "The provider's stream failed.");
        return SseOut.openAi(
                openAiError(0, error.path("type").asText("api_error"), message).body());
    }

    /** The Anthropic {@code error} event for an OpenAI stream's error data. */
    static byte[] anthropicStreamError(JsonNode openAiErrorChunk) {
        JsonNode error = openAiErrorChunk.path("error");
        String message = Json.textOr(error, "message", "The provider's stream failed.");
        int status = anthropicStatus(
                0, error.path("type").asText(""), error.path("code").asText(""));
        return SseOut.typed(anthropicBody(anthropicType(status), message));
    }

    /** An Anthropic {@code error} event of type {@code api_error}, for a stream the gateway must end itself. */
    static byte[] anthropicStreamError(String message) {
        return SseOut.typed(anthropicBody("api_error", message));
    }

    /** An OpenAI error event of type {@code server_error}, for a stream the gateway must end itself. */
    static byte[] openAiStreamError(String message) {
        return SseOut.openAi(openAiError(500, "api_error", message).body());
    }

    private record OpenAiError(int status, ObjectNode body) {}

    /** @param status the Anthropic status, or 0 inside a stream where only the type is known */
    private static OpenAiError openAiError(int status, String anthropicType, String message) {
        OpenAiForm form = OPENAI_FORMS.getOrDefault(
                anthropicType,
                new OpenAiForm(status >= 400 && status < 500 ? "invalid_request_error" : "server_error", null, 500));
        int openAiStatus = switch (status) {
            case 0 -> form.status();
            case 402 -> 429;
            case 529 -> 503;
            default -> status;
        };
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", form.type());
        error.put("code", form.code());
        error.putNull("param");
        return new OpenAiError(openAiStatus, root);
    }

    /** @param status the OpenAI status, or 0 inside a stream where only type and code are known */
    private static int anthropicStatus(int status, String type, String code) {
        if (type.equals("insufficient_quota") || code.equals("insufficient_quota")) {
            return 402;
        }
        if (status == 0) {
            return switch (type) {
                case "invalid_request_error" -> 400;
                case "rate_limit_error", "requests", "tokens" -> 429;
                case "service_unavailable_error" -> 529;
                default -> code.equals("server_is_overloaded") ? 529 : 500;
            };
        }
        return status == 503 ? 529 : status;
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    private static ObjectNode anthropicBody(String type, String message) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /** The provider's message, else the start of a body that was not the JSON error shape (an HTML proxy page...). */
    private static String message(JsonNode error, int status, byte[] body) {
        Optional<String> message =
                Optional.of(error.path("message")).filter(JsonNode::isTextual).map(JsonNode::textValue);
        if (message.isPresent()) {
            return message.get();
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_MESSAGE_CHARS) {
            text = text.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
        return text.isEmpty()
                ? "The provider answered HTTP " + status + "."
                : "The provider answered HTTP " + status + ": " + text;
    }
}
