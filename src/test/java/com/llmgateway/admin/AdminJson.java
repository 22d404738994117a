package com.llmgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;

/** Reading and checking admin API answers in tests. */
final class AdminJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private AdminJson() {}

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The answer has this status and JSON body; returns the body. */
    static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    /** An error in the envelope {@code {"error":{"message","type","code"}}}. */
    static JsonNode error(HttpResponse<String> response, int status, String code) {
        JsonNode body = ok(response, status);
        assertThat(body.path("error").path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.path("error").path("message").isTextual()).isTrue();
        assertThat(body.path("error").path("type").isTextual()).isTrue();
        return body;
    }

    /** A 422 naming {@code field} in the error's param and in FastAPI's detail list. */
    static JsonNode invalid(HttpResponse<String> response, String field) {
        JsonNode body = error(response, 422, "validation_error");
        assertThat(body.path("error").path("param").asText()).isEqualTo(field);
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).startsWith(field + ": ");
        JsonNode detail = body.path("detail").path(0);
        assertThat(detail.path("loc").toString()).contains("\"" + field + "\"");
        assertThat(detail.path("msg").asText()).isNotBlank();
        assertThat(detail.path("type").asText()).isEqualTo("value_error");
        return body;
    }

    /** An admin-auth answer, {@code {"detail":"..."}}. */
    static void detail(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("detail").asText()).isEqualTo(detail);
    }
}
