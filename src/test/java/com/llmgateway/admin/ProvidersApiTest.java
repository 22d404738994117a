package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.error;
import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidersApiTest {
    static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final String KEY = "sk-live-1234567890abcdef";
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
    void createsAProviderAndShowsItsKeyMasked() {
        String name = uniqueName();
        JsonNode created = ok(gw.post("/api/admin/providers", body(name).toString()), 201);

        assertThat(created.path("id").asLong()).isPositive();
        assertThat(created.path("name").asText()).isEqualTo(name);
        assertThat(created.path("base_url").asText()).isEqualTo("https://api.openai.com/v1");
        assertThat(created.path("protocol").asText()).isEqualTo("openai");
        assertThat(created.path("api_type").asText()).isEqualTo("chat");
        assertThat(created.path("api_key").asText()).isEqualTo("sk-l***...***ef");
        assertThat(created.path("extra_headers").toString()).isEqualTo("{\"OpenAI-Organization\":\"org-1\"}");
        assertThat(created.path("is_active").asBoolean()).isTrue();
        assertThat(created.path("created_at").asText()).matches(TIME);
        assertThat(created.path("updated_at").asText()).matches(TIME);
        assertThat(ok(gw.get("/api/admin/providers/" + created.path("id").asLong()), 200))
                .isEqualTo(created);
    }

    @Test
    void defaultsWithoutOptionalFields() {
        ObjectNode minimal = body(uniqueName());
        minimal.remove(List.of("api_key", "extra_headers", "is_active"));

        JsonNode created = ok(gw.post("/api/admin/providers", minimal.toString()), 201);

        assertThat(created.path("api_key").isNull()).isTrue();
        assertThat(created.path("extra_headers").isNull()).isTrue();
        assertThat(created.path("is_active").asBoolean()).isTrue();
        assertThat(created.path("include_stream_usage").isBoolean()).isTrue();
        assertThat(created.path("include_stream_usage").asBoolean()).isFalse();
        assertThat(created.path("responses_api").isBoolean()).isTrue();
        assertThat(created.path("responses_api").asBoolean()).isTrue();
    }

    @Test
    void theResponsesApiOptionIsStoredAnsweredAndRouted() {
        ObjectNode body = body(uniqueName()).put("responses_api", false);
        long id = ok(gw.post("/api/admin/providers", body.toString()), 201)
                .path("id")
                .asLong();

        assertThat(ok(gw.get("/api/admin/providers/" + id), 200)
                        .path("responses_api")
                        .asBoolean())
                .isFalse();
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().responsesApi())
                .isFalse();

        JsonNode renamed = ok(gw.put("/api/admin/providers/" + id, "{\"name\":\"" + uniqueName() + "\"}"), 200);
        assertThat(renamed.path("responses_api").asBoolean()).isFalse();

        JsonNode on = ok(gw.put("/api/admin/providers/" + id, "{\"responses_api\":true}"), 200);
        assertThat(on.path("responses_api").asBoolean()).isTrue();
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().responsesApi())
                .isTrue();
    }

    @Test
    void theStreamUsageOptionIsStoredAnsweredAndRouted() {
        ObjectNode body = body(uniqueName()).put("include_stream_usage", true);
        long id = ok(gw.post("/api/admin/providers", body.toString()), 201)
                .path("id")
                .asLong();

        assertThat(ok(gw.get("/api/admin/providers/" + id), 200)
                        .path("include_stream_usage")
                        .asBoolean())
                .isTrue();
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().includeStreamUsage())
                .isTrue();

        JsonNode renamed = ok(gw.put("/api/admin/providers/" + id, "{\"name\":\"" + uniqueName() + "\"}"), 200);
        assertThat(renamed.path("include_stream_usage").asBoolean()).isTrue();

        JsonNode off = ok(gw.put("/api/admin/providers/" + id, "{\"include_stream_usage\":false}"), 200);
        assertThat(off.path("include_stream_usage").asBoolean()).isFalse();
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().includeStreamUsage())
                .isFalse();
    }

    @Test
    void theRoutingSnapshotHasTheDecryptedKeyAsSoonAsTheAnswerArrives() {
        long id = create(uniqueName());

        ProviderConfig config = gw.gateway().snapshots().get().provider(id).orElseThrow();
        assertThat(config.apiKey()).hasValue(KEY);
        assertThat(config.extraHeaders()).isEqualTo(Map.of("OpenAI-Organization", "org-1"));

        ok(gw.put("/api/admin/providers/" + id, "{\"is_active\":false,\"api_key\":\"sk-new-0000000000\"}"), 200);
        config = gw.gateway().snapshots().get().provider(id).orElseThrow();
        assertThat(config.active()).isFalse();
        assertThat(config.apiKey()).hasValue("sk-new-0000000000");

        assertThat(gw.delete("/api/admin/providers/" + id).statusCode()).isEqualTo(204);
        assertThat(gw.gateway().snapshots().get().provider(id)).isEmpty();
    }

    @Test
    void updatesOnlyTheFieldsSentAndKeepsAnOmittedKey() {
        long id = create(uniqueName());
        String renamed = uniqueName();

        JsonNode updated = ok(gw.put("/api/admin/providers/" + id, "{\"name\":\"" + renamed + "\"}"), 200);

        assertThat(updated.path("name").asText()).isEqualTo(renamed);
        assertThat(updated.path("base_url").asText()).isEqualTo("https://api.openai.com/v1");
        assertThat(updated.path("api_key").asText()).isEqualTo("sk-l***...***ef");
        assertThat(updated.path("extra_headers").path("OpenAI-Organization").asText())
                .isEqualTo("org-1");
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().apiKey())
                .hasValue(KEY);
    }

    @Test
    void anEmptyKeyKeepsTheStoredOneAndNullRemovesIt() {
        long id = create(uniqueName());

        ok(gw.put("/api/admin/providers/" + id, "{\"api_key\":\"\"}"), 200);
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().apiKey())
                .hasValue(KEY);

        JsonNode cleared = ok(gw.put("/api/admin/providers/" + id, "{\"api_key\":null,\"extra_headers\":null}"), 200);
        assertThat(cleared.path("api_key").isNull()).isTrue();
        assertThat(cleared.path("extra_headers").isNull()).isTrue();
        assertThat(gw.gateway().snapshots().get().provider(id).orElseThrow().apiKey())
                .isEmpty();
    }

    @Test
    void theKeyIsNeverAnsweredInFullNorEncrypted() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        String name = uniqueName();
        answers.add(gw.post("/api/admin/providers", body(name).toString()));
        long id = json(answers.get(0)).path("id").asLong();
        answers.add(gw.get("/api/admin/providers/" + id));
        answers.add(gw.get("/api/admin/providers?page_size=100"));
        answers.add(gw.put("/api/admin/providers/" + id, "{\"api_type\":\"embedding\"}"));
        answers.add(gw.post("/api/admin/providers", body(name).toString()));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.body()).doesNotContain(KEY).doesNotContain("v1:");
        }
    }

    @Test
    void answers404ForAMissingProvider() {
        error(gw.get("/api/admin/providers/999999"), 404, "provider_not_found");
        error(gw.put("/api/admin/providers/999999", "{\"name\":\"x\"}"), 404, "provider_not_found");
        error(gw.delete("/api/admin/providers/999999"), 404, "provider_not_found");
    }

    @Test
    void answers422ForAnIdThatIsNotANumber() {
        invalid(gw.get("/api/admin/providers/abc"), "id");
    }

    @Test
    void refusesDuplicateNames() {
        String name = uniqueName();
        create(name);
        long other = create(uniqueName());

        error(gw.post("/api/admin/providers", body(name).toString()), 409, "duplicate_name");
        error(gw.put("/api/admin/providers/" + other, "{\"name\":\"" + name + "\"}"), 409, "duplicate_name");
    }

    @Test
    void refusesToDeleteAProviderThatAnyMappingUses() {
        long id = create(uniqueName());
        String model = uniqueName();
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + model + "\"}"), 201);
        ok(
                gw.post(
                        "/api/admin/model-providers",
                        "{\"requested_model\":\"" + model + "\",\"provider_id\":" + id
                                + ",\"target_model_name\":\"t\",\"is_active\":false}"),
                201);

        JsonNode refused = error(gw.delete("/api/admin/providers/" + id), 409, "provider_in_use");

        assertThat(refused.path("error").path("message").asText())
                .isEqualTo("Provider is referenced by model mappings");
        ok(gw.get("/api/admin/providers/" + id), 200);
    }

    @Test
    void listsNewestFirstWithPagesAndAnActiveFilter() {
        try (TestGateway fresh = TestGateway.start()) {
            for (int i = 1; i <= 5; i++) {
                ObjectNode body = body("p" + i).put("is_active", i != 2);
                ok(fresh.post("/api/admin/providers", body.toString()), 201);
            }

            JsonNode first = ok(fresh.get("/api/admin/providers?page_size=2"), 200);
            JsonNode third = ok(fresh.get("/api/admin/providers?page=3&page_size=2"), 200);
            JsonNode beyond = ok(fresh.get("/api/admin/providers?page=9&page_size=2"), 200);
            JsonNode inactive = ok(fresh.get("/api/admin/providers?is_active=false"), 200);

            assertThat(names(first)).containsExactly("p5", "p4");
            assertThat(first.path("total").asInt()).isEqualTo(5);
            assertThat(first.path("page").asInt()).isEqualTo(1);
            assertThat(first.path("page_size").asInt()).isEqualTo(2);
            assertThat(names(third)).containsExactly("p1");
            assertThat(names(beyond)).isEmpty();
            assertThat(beyond.path("total").asInt()).isEqualTo(5);
            assertThat(names(inactive)).containsExactly("p2");
            assertThat(inactive.path("page_size").asInt()).isEqualTo(20);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "page=0",
                "page=-1",
                "page=abc",
                "page_size=0",
                "page_size=101",
                "page_size=1.5",
                "is_active=maybe"
            })
    void refusesBadListParameters(String query) {
        String field = query.substring(0, query.indexOf('='));

        JsonNode body = invalid(gw.get("/api/admin/providers?" + query), field);

        assertThat(body.path("detail").path(0).path("loc").toString()).isEqualTo("[\"query\",\"" + field + "\"]");
    }

    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    static ObjectNode body(String name) {
        ObjectNode body = AdminJson.object()
                .put("name", name)
                .put("base_url", "https://api.openai.com/v1")
                .put("protocol", "openai")
                .put("api_type", "chat")
                .put("api_key", KEY)
                .put("is_active", true);
        body.putObject("extra_headers").put("OpenAI-Organization", "org-1");
        return body;
    }

    static long create(TestGateway gateway, String name) {
        return ok(gateway.post("/api/admin/providers", body(name).toString()), 201)
                .path("id")
                .asLong();
    }

    static String uniqueName() {
        return "provider-" + NAMES.incrementAndGet();
    }

    private static long create(String name) {
        return create(gw, name);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return AdminJson.json(response);
    }
}
