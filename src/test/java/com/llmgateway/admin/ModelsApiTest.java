package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.error;
import static com.llmgateway.admin.AdminJson.ok;
import static com.llmgateway.admin.ProvidersApiTest.TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelsApiTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void createsAModelWithDefaults() {
        String name = uniqueName();

        JsonNode created = ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + name + "\"}"), 201);

        assertThat(created.path("requested_model").asText()).isEqualTo(name);
        assertThat(created.path("strategy").asText()).isEqualTo("round_robin");
        assertThat(created.path("matching_rules").isNull()).isTrue();
        assertThat(created.path("capabilities").isNull()).isTrue();
        assertThat(created.path("is_active").asBoolean()).isTrue();
        assertThat(created.path("created_at").asText()).matches(TIME);
        assertThat(created.path("provider_count").asInt()).isZero();
        assertThat(created.path("providers").isArray()).isTrue();
        assertThat(gw.gateway().snapshots().get().model(name)).isPresent();
    }

    @Test
    void keepsRulesAndCapabilitiesAsSent() {
        String name = uniqueName();
        String rules =
                "{\"rules\":[{\"field\":\"headers.x-tier\",\"operator\":\"eq\",\"value\":\"gold\"}],\"logic\":\"AND\"}";
        String capabilities = "{\"streaming\":true,\"function_calling\":false}";

        JsonNode created = ok(
                gw.post(
                        "/api/admin/models",
                        "{\"requested_model\":\"" + name + "\",\"strategy\":\"weighted\",\"matching_rules\":" + rules
                                + ",\"capabilities\":" + capabilities + ",\"is_active\":false}"),
                201);

        assertThat(created.path("strategy").asText()).isEqualTo("weighted");
        assertThat(created.path("matching_rules").toString()).isEqualTo(rules);
        assertThat(created.path("capabilities").toString()).isEqualTo(capabilities);
        assertThat(created.path("is_active").asBoolean()).isFalse();
        assertThat(gw.gateway().snapshots().get().model(name).orElseThrow().active())
                .isFalse();
    }

    @Test
    void showsAllMappingsOfOneModelByPriorityThenId() {
        String name = createModel();
        long late = mapping(name, ProvidersApiTest.create(gw, ProvidersApiTest.uniqueName()), 5, false);
        long early = mapping(name, ProvidersApiTest.create(gw, ProvidersApiTest.uniqueName()), 1, true);

        JsonNode detail = ok(gw.get("/api/admin/models/" + name), 200);

        assertThat(detail.path("provider_count").asInt()).isEqualTo(2);
        assertThat(detail.path("providers").path(0).path("id").asLong()).isEqualTo(early);
        assertThat(detail.path("providers").path(1).path("id").asLong()).isEqualTo(late);
        assertThat(detail.path("providers").path(1).path("is_active").asBoolean())
                .isFalse();
        ModelConfig config = gw.gateway().snapshots().get().model(name).orElseThrow();
        assertThat(config.mappings()).extracting(mapping -> mapping.id()).containsExactly(early, late);
    }

    @Test
    void namesWithSlashesAndSpacesWorkPercentEncoded() {
        String name = "meta-llama/Llama 3 " + NAMES.incrementAndGet();
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + name + "\"}"), 201);
        String path = "/api/admin/models/" + name.replace("/", "%2F").replace(" ", "%20");

        assertThat(ok(gw.get(path), 200).path("requested_model").asText()).isEqualTo(name);
        assertThat(ok(gw.put(path, "{\"is_active\":false}"), 200)
                        .path("is_active")
                        .asBoolean())
                .isFalse();
        assertThat(gw.delete(path).statusCode()).isEqualTo(204);
    }

    @Test
    void updatesOnlyTheFieldsSent() {
        String name = createModel();
        ok(gw.put("/api/admin/models/" + name, "{\"capabilities\":{\"vision\":true}}"), 200);

        JsonNode updated = ok(gw.put("/api/admin/models/" + name, "{\"strategy\":\"least_latency\"}"), 200);
        JsonNode cleared = ok(gw.put("/api/admin/models/" + name, "{\"capabilities\":null}"), 200);

        assertThat(updated.path("strategy").asText()).isEqualTo("least_latency");
        assertThat(updated.path("capabilities").toString()).isEqualTo("{\"vision\":true}");
        assertThat(updated.path("is_active").asBoolean()).isTrue();
        assertThat(cleared.path("capabilities").isNull()).isTrue();
        assertThat(gw.gateway().snapshots().get().model(name).orElseThrow().strategy())
                .isEqualTo("least_latency");
    }

    @Test
    void deletingAModelDeletesItsMappings() {
        String name = createModel();
        long provider = ProvidersApiTest.create(gw, ProvidersApiTest.uniqueName());
        long mapping = mapping(name, provider, 0, true);

        assertThat(gw.delete("/api/admin/models/" + name).statusCode()).isEqualTo(204);

        error(gw.get("/api/admin/models/" + name), 404, "model_not_found");
        assertThat(ok(gw.get("/api/admin/model-providers?provider_id=" + provider), 200)
                        .path("total")
                        .asInt())
                .isZero();
        error(gw.delete("/api/admin/model-providers/" + mapping), 404, "mapping_not_found");
        assertThat(gw.gateway().snapshots().get().model(name)).isEmpty();
        // The provider is free again.
        assertThat(gw.delete("/api/admin/providers/" + provider).statusCode()).isEqualTo(204);
    }

    @Test
    void answers404And409() {
        String name = createModel();

        error(gw.post("/api/admin/models", "{\"requested_model\":\"" + name + "\"}"), 409, "duplicate_model");
        error(gw.get("/api/admin/models/nope-" + name), 404, "model_not_found");
        error(gw.put("/api/admin/models/nope-" + name, "{\"is_active\":true}"), 404, "model_not_found");
        error(gw.delete("/api/admin/models/nope-" + name), 404, "model_not_found");
    }

    @Test
    void listsByNameWithProviderCountsAndNoProviders() {
        try (TestGateway fresh = TestGateway.start()) {
            for (String name : new String[] {"gpt-4o", "claude-3", "Zeta", "o1"}) {
                ok(
                        fresh.post(
                                "/api/admin/models",
                                "{\"requested_model\":\"" + name + "\",\"is_active\":" + !name.equals("o1") + "}"),
                        201);
            }
            long provider = ProvidersApiTest.create(fresh, "p");
            ok(
                    fresh.post(
                            "/api/admin/model-providers",
                            "{\"requested_model\":\"gpt-4o\",\"provider_id\":" + provider
                                    + ",\"target_model_name\":\"t\",\"is_active\":false}"),
                    201);

            JsonNode all = ok(fresh.get("/api/admin/models"), 200);
            JsonNode second = ok(fresh.get("/api/admin/models?page=2&page_size=3"), 200);
            JsonNode active = ok(fresh.get("/api/admin/models?is_active=true"), 200);

            assertThat(models(all)).containsExactly("Zeta", "claude-3", "gpt-4o", "o1");
            assertThat(all.path("items").path(2).path("provider_count").asInt()).isEqualTo(1);
            assertThat(all.path("items").path(2).path("providers").isNull()).isTrue();
            assertThat(models(second)).containsExactly("o1");
            assertThat(second.path("total").asInt()).isEqualTo(4);
            assertThat(models(active)).containsExactly("Zeta", "claude-3", "gpt-4o");
        }
    }

    private static List<String> models(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items")
                .forEach(item -> names.add(item.path("requested_model").asText()));
        return names;
    }

    private static String createModel() {
        String name = uniqueName();
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + name + "\"}"), 201);
        return name;
    }

    private static long mapping(String model, long provider, int priority, boolean active) {
        return ok(
                        gw.post(
                                "/api/admin/model-providers",
                                "{\"requested_model\":\"" + model + "\",\"provider_id\":" + provider
                                        + ",\"target_model_name\":\"t\",\"priority\":" + priority + ",\"is_active\":"
                                        + active + "}"),
                        201)
                .path("id")
                .asLong();
    }

    private static String uniqueName() {
        return "model-" + NAMES.incrementAndGet();
    }
}
