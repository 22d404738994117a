package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.FailureKind;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.Timeouts;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.testing.TestGateway;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's fields in the admin API: {@code error_policy} and {@code timeouts} on models, {@code timeouts} and {@code
 * health} on providers (stored as sent, parsed into the snapshot, null clears), their export and import, and the
 * health view ({@code GET /api/admin/providers/health}, {@code health_status}). The 422s are rows of {@link
 * ValidationApiTest}.
 */
class RoutingPolicyApiTest {
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
    void aProvidersTimeoutsAndHealthAreStoredAnsweredAndRouted() {
        ObjectNode body = ProvidersApiTest.body("policy-provider");
        body.putObject("timeouts").put("connect_ms", 2000).put("idle_ms", 30000);
        body.putObject("health").put("min_requests", 3).put("cooldown_ms", 5000);

        JsonNode created = ok(gw.post("/api/admin/providers", body.toString()), 201);

        assertThat(created.path("timeouts").toString()).isEqualTo("{\"connect_ms\":2000,\"idle_ms\":30000}");
        assertThat(created.path("health").toString()).isEqualTo("{\"min_requests\":3,\"cooldown_ms\":5000}");
        long id = created.path("id").asLong();
        ProviderConfig routed = gw.gateway().snapshots().get().provider(id).orElseThrow();
        assertThat(routed.timeouts().connect()).hasValue(Duration.ofMillis(2000));
        assertThat(routed.timeouts().idleBetweenEvents()).hasValue(Duration.ofMillis(30000));
        assertThat(routed.health().minRequests()).isEqualTo(3);
        assertThat(routed.health().cooldown()).isEqualTo(Duration.ofSeconds(5));
        assertThat(routed.health().errorRatio()).isEqualTo(HealthThresholds.DEFAULTS.errorRatio());

        JsonNode cleared = ok(gw.put("/api/admin/providers/" + id, "{\"timeouts\":null,\"health\":null}"), 200);

        assertThat(cleared.path("timeouts").isNull()).isTrue();
        assertThat(cleared.path("health").isNull()).isTrue();
        ProviderConfig defaults = gw.gateway().snapshots().get().provider(id).orElseThrow();
        assertThat(defaults.timeouts()).isEqualTo(Timeouts.NONE);
        assertThat(defaults.health()).isEqualTo(HealthThresholds.DEFAULTS);
    }

    @Test
    void aModelsErrorPolicyAndTimeoutsAreStoredAnsweredAndRouted() {
        JsonNode created = ok(
                gw.post(
                        "/api/admin/models",
                        "{\"requested_model\":\"policy-model\",\"strategy\":\"priority\","
                                + "\"error_policy\":\"original\",\"timeouts\":{\"first_byte_ms\":300000}}"),
                201);

        assertThat(created.path("strategy").asText()).isEqualTo("priority");
        assertThat(created.path("error_policy").asText()).isEqualTo("original");
        assertThat(created.path("timeouts").toString()).isEqualTo("{\"first_byte_ms\":300000}");
        ModelConfig routed =
                gw.gateway().snapshots().get().model("policy-model").orElseThrow();
        assertThat(routed.errorPolicy()).isEqualTo(ErrorPolicy.ORIGINAL);
        assertThat(routed.timeouts().firstByte()).hasValue(Duration.ofMinutes(5));

        JsonNode updated = ok(
                gw.put(
                        "/api/admin/models/policy-model",
                        "{\"error_policy\":{\"preset\":\"default\",\"on_5xx\":\"fail_over\"},\"timeouts\":null}"),
                200);

        assertThat(updated.path("error_policy").toString())
                .isEqualTo("{\"preset\":\"default\",\"on_5xx\":\"fail_over\"}");
        assertThat(updated.path("timeouts").isNull()).isTrue();
        ModelConfig changed =
                gw.gateway().snapshots().get().model("policy-model").orElseThrow();
        assertThat(changed.errorPolicy().decide(FailureKind.STATUS_5XX).wireName())
                .isEqualTo("fail_over");
        assertThat(changed.timeouts()).isEqualTo(Timeouts.NONE);
        assertThat(ok(gw.get("/api/admin/models"), 200).path("items").path(0).has("error_policy"))
                .isTrue();
    }

    @Test
    void exportAndImportCarryThePolicies() {
        try (TestGateway source = TestGateway.start();
                TestGateway target = TestGateway.start()) {
            ObjectNode provider = ProvidersApiTest.body("exported");
            provider.putObject("timeouts").put("total_ms", 60000);
            provider.putObject("health").put("error_ratio", 0.25);
            ok(source.post("/api/admin/providers", provider.toString()), 201);
            ok(
                    source.post(
                            "/api/admin/models",
                            "{\"requested_model\":\"exported-model\",\"error_policy\":\"original\","
                                    + "\"timeouts\":{\"idle_ms\":1000}}"),
                    201);

            JsonNode providers = ok(source.get("/api/admin/providers/export"), 200);
            JsonNode models = ok(source.get("/api/admin/models/export"), 200);
            ok(target.post("/api/admin/providers/import", providers.toString()), 200);
            ok(target.post("/api/admin/models/import", models.toString()), 200);

            assertThat(providers.path(0).path("timeouts").toString()).isEqualTo("{\"total_ms\":60000}");
            assertThat(models.path(0).path("error_policy").asText()).isEqualTo("original");
            ProviderConfig imported = target.gateway().snapshots().get().providers().values().stream()
                    .findFirst()
                    .orElseThrow();
            assertThat(imported.timeouts().total()).hasValue(Duration.ofMinutes(1));
            assertThat(imported.health().errorRatio()).isEqualTo(0.25);
            ModelConfig model =
                    target.gateway().snapshots().get().model("exported-model").orElseThrow();
            assertThat(model.errorPolicy()).isEqualTo(ErrorPolicy.ORIGINAL);
            assertThat(model.timeouts().idleBetweenEvents()).hasValue(Duration.ofSeconds(1));
        }
    }

    @Test
    void theHealthViewShowsEveryProviderAndTheMappingsThatDiffer() {
        try (TestGateway fresh = TestGateway.start()) {
            long quiet = ProvidersApiTest.create(fresh, "quiet");
            long limited = ProvidersApiTest.create(fresh, "limited");
            ok(fresh.post("/api/admin/models", "{\"requested_model\":\"m\"}"), 201);
            long mapping = ok(
                            fresh.post(
                                    "/api/admin/model-providers",
                                    "{\"requested_model\":\"m\",\"provider_id\":" + limited
                                            + ",\"target_model_name\":\"m-2024\"}"),
                            201)
                    .path("id")
                    .asLong();
            // A 429 asking for a minute: the mapping waits, the provider itself stays closed.
            var health = fresh.gateway().health();
            health.recordFailure(
                    health.tryAdmit(HealthKey.mapping(limited, mapping)),
                    FailureKind.STATUS_429,
                    429,
                    Optional.of(Duration.ofMinutes(1)),
                    "Upstream returned status 429");

            ArrayNode view = (ArrayNode) ok(fresh.get("/api/admin/providers/health"), 200);

            assertThat(view).hasSize(2);
            JsonNode first = view.get(0);
            assertThat(first.path("provider_id").asLong()).isEqualTo(quiet);
            assertThat(first.path("provider_name").asText()).isEqualTo("quiet");
            assertThat(first.path("state").asText()).isEqualTo("closed");
            assertThat(first.path("error_ratio").asDouble()).isZero();
            assertThat(first.path("requests_in_window").asInt()).isZero();
            assertThat(first.path("latency_ewma_ms").isNull()).isTrue();
            assertThat(first.path("open_until").isNull()).isTrue();
            assertThat(first.path("last_error").isNull()).isTrue();
            assertThat(first.path("last_error_at").isNull()).isTrue();
            assertThat(first.path("consecutive_trips").asInt()).isZero();
            assertThat(first.path("mappings")).isEmpty();
            JsonNode second = view.get(1);
            assertThat(second.path("state").asText()).isEqualTo("closed");
            JsonNode waiting = second.path("mappings").path(0);
            assertThat(waiting.path("mapping_id").asLong()).isEqualTo(mapping);
            assertThat(waiting.path("requested_model").asText()).isEqualTo("m");
            assertThat(waiting.path("target_model").asText()).isEqualTo("m-2024");
            assertThat(waiting.path("state").asText()).isEqualTo("rate_limited");
            assertThat(waiting.path("open_until").asText()).matches(ProvidersApiTest.TIME);
            assertThat(waiting.path("last_error").asText()).isEqualTo("Upstream returned status 429");
            assertThat(waiting.path("last_error_at").asText()).matches(ProvidersApiTest.TIME);

            JsonNode listed = ok(fresh.get("/api/admin/providers"), 200).path("items");
            assertThat(listed.findValues("health_status")).hasSize(2);
            JsonNode limitedItem = listed.get(0).path("id").asLong() == limited ? listed.get(0) : listed.get(1);
            assertThat(limitedItem.path("health_status")).isEqualTo(second);
        }
    }
}
