package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.error;
import static com.llmgateway.admin.AdminJson.ok;
import static com.llmgateway.admin.ProvidersApiTest.TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MappingsApiTest {
    private TestGateway gw;
    private long openai;
    private long claude;

    @BeforeEach
    void start() {
        gw = TestGateway.start();
        openai = ProvidersApiTest.create(gw, "openai-1");
        ok(
                gw.post(
                        "/api/admin/providers",
                        ProvidersApiTest.body("claude-1")
                                .put("protocol", "anthropic")
                                .put("base_url", "https://api.anthropic.com/v1")
                                .toString()),
                201);
        claude = ok(gw.get("/api/admin/providers?page_size=1"), 200)
                .path("items")
                .path(0)
                .path("id")
                .asLong();
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"chat\"}"), 201);
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"embed\"}"), 201);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void createsAMappingWithDefaultsAndProviderDetails() {
        JsonNode created = ok(gw.post("/api/admin/model-providers", mapping("chat", claude, "claude-3-5-sonnet")), 201);

        assertThat(created.path("id").asLong()).isPositive();
        assertThat(created.path("requested_model").asText()).isEqualTo("chat");
        assertThat(created.path("provider_id").asLong()).isEqualTo(claude);
        assertThat(created.path("provider_name").asText()).isEqualTo("claude-1");
        assertThat(created.path("provider_protocol").asText()).isEqualTo("anthropic");
        assertThat(created.path("target_model_name").asText()).isEqualTo("claude-3-5-sonnet");
        assertThat(created.path("provider_rules").isNull()).isTrue();
        assertThat(created.path("priority").asInt()).isZero();
        assertThat(created.path("weight").asInt()).isEqualTo(1);
        assertThat(created.path("is_active").asBoolean()).isTrue();
        assertThat(created.path("updated_at").asText()).matches(TIME);
        MappingConfig config = gw.gateway()
                .snapshots()
                .get()
                .model("chat")
                .orElseThrow()
                .mappings()
                .get(0);
        assertThat(config.id()).isEqualTo(created.path("id").asLong());
        assertThat(config.targetModel()).isEqualTo("claude-3-5-sonnet");
    }

    @Test
    void listsByPriorityThenIdWithFilters() {
        long a = id(gw.post("/api/admin/model-providers", mapping("chat", openai, "gpt-4o", 5, true)));
        long b = id(gw.post("/api/admin/model-providers", mapping("chat", claude, "sonnet", 1, true)));
        long c = id(gw.post("/api/admin/model-providers", mapping("embed", openai, "text-embedding-3", 5, false)));

        JsonNode all = ok(gw.get("/api/admin/model-providers"), 200);

        assertThat(ids(all)).containsExactly(b, a, c);
        assertThat(all.path("total").asInt()).isEqualTo(3);
        assertThat(all.has("page")).isFalse();
        assertThat(ids(ok(gw.get("/api/admin/model-providers?requested_model=chat"), 200)))
                .containsExactly(b, a);
        assertThat(ids(ok(gw.get("/api/admin/model-providers?provider_id=" + openai), 200)))
                .containsExactly(a, c);
        assertThat(ids(ok(gw.get("/api/admin/model-providers?provider_id=" + openai + "&is_active=true"), 200)))
                .containsExactly(a);
        assertThat(ids(ok(gw.get("/api/admin/model-providers?requested_model=none"), 200)))
                .isEmpty();
    }

    @Test
    void updatesOnlyTheFieldsSent() {
        long id = id(gw.post(
                "/api/admin/model-providers",
                "{\"requested_model\":\"chat\",\"provider_id\":" + openai + ",\"target_model_name\":\"gpt-4o\","
                        + "\"provider_rules\":{\"rules\":[]},\"weight\":3}"));

        JsonNode updated = ok(gw.put("/api/admin/model-providers/" + id, "{\"priority\":-2,\"is_active\":false}"), 200);
        JsonNode cleared = ok(gw.put("/api/admin/model-providers/" + id, "{\"provider_rules\":null}"), 200);

        assertThat(updated.path("priority").asInt()).isEqualTo(-2);
        assertThat(updated.path("is_active").asBoolean()).isFalse();
        assertThat(updated.path("weight").asInt()).isEqualTo(3);
        assertThat(updated.path("target_model_name").asText()).isEqualTo("gpt-4o");
        assertThat(updated.path("provider_rules").toString()).isEqualTo("{\"rules\":[]}");
        assertThat(cleared.path("provider_rules").isNull()).isTrue();
        MappingConfig config = gw.gateway()
                .snapshots()
                .get()
                .model("chat")
                .orElseThrow()
                .mappings()
                .get(0);
        assertThat(config.priority()).isEqualTo(-2);
        assertThat(config.active()).isFalse();
    }

    @Test
    void deletesAMapping() {
        long id = id(gw.post("/api/admin/model-providers", mapping("chat", openai, "gpt-4o")));

        assertThat(gw.delete("/api/admin/model-providers/" + id).statusCode()).isEqualTo(204);

        assertThat(gw.gateway().snapshots().get().model("chat").orElseThrow().mappings())
                .isEmpty();
        error(gw.delete("/api/admin/model-providers/" + id), 404, "mapping_not_found");
    }

    @Test
    void answers404And409() {
        ok(gw.post("/api/admin/model-providers", mapping("chat", openai, "gpt-4o")), 201);

        error(gw.post("/api/admin/model-providers", mapping("chat", openai, "other")), 409, "duplicate_mapping");
        error(gw.post("/api/admin/model-providers", mapping("nope", openai, "x")), 404, "model_not_found");
        error(gw.post("/api/admin/model-providers", mapping("chat", 424242, "x")), 404, "provider_not_found");
        error(gw.put("/api/admin/model-providers/424242", "{\"priority\":1}"), 404, "mapping_not_found");
        error(gw.delete("/api/admin/model-providers/424242"), 404, "mapping_not_found");
    }

    private static String mapping(String model, long provider, String target) {
        return "{\"requested_model\":\"" + model + "\",\"provider_id\":" + provider + ",\"target_model_name\":\""
                + target + "\"}";
    }

    private static String mapping(String model, long provider, String target, int priority, boolean active) {
        return "{\"requested_model\":\"" + model + "\",\"provider_id\":" + provider + ",\"target_model_name\":\""
                + target + "\",\"priority\":" + priority + ",\"is_active\":" + active + "}";
    }

    private static long id(java.net.http.HttpResponse<String> response) {
        return ok(response, 201).path("id").asLong();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
