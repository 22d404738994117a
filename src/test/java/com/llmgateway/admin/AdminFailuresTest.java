package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminFailuresTest {
    @Test
    void bodiesOverOneMebibyteAnswer413Json() {
        try (TestGateway gw = TestGateway.start()) {
            String huge = "{\"key_name\":\"" + "a".repeat(1024 * 1024) + "\"}";

            JsonNode body = error(gw.post("/api/admin/api-keys", huge), 413, "request_too_large");

            assertThat(body.path("error").path("message").asText()).contains("1048576");
            assertThat(gw.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDatabaseFailureAnswersAPlain500WithoutAStackTrace() {
        try (TestGateway gw = TestGateway.start()) {
            gw.gateway().database().close();

            HttpResponse<String> read = gw.get("/api/admin/providers");
            HttpResponse<String> write = gw.post("/api/admin/api-keys", "{\"key_name\":\"x\"}");

            for (HttpResponse<String> answer : List.of(read, write)) {
                JsonNode body = error(answer, 500, "internal_error");
                assertThat(body.path("error").path("message").asText()).isEqualTo("Internal server error");
                assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at com.");
            }
        }
    }

    @Test
    void unknownApiPathsAndMethodsAnswerJson404() {
        try (TestGateway gw = TestGateway.start()) {
            error(gw.get("/api/admin/unknown"), 404, "not_found");
            error(gw.get("/api/nope"), 404, "not_found");
            error(gw.request("PATCH", "/api/admin/providers", "{}", Map.of()), 404, "not_found");
            error(gw.get("/api/admin/model-providers/1"), 404, "not_found");
        }
    }
}
