package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.error;
import static com.llmgateway.admin.AdminJson.ok;
import static com.llmgateway.admin.ProvidersApiTest.TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeysApiTest {
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.start(Map.of("API_KEY_PREFIX", "lgw-", "API_KEY_LENGTH", "32"));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void showsTheFullKeyOnlyInTheAnswerToItsCreation() {
        JsonNode created = ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"ci 密钥\"}"), 201);
        String key = created.path("key_value").asText();
        long id = created.path("id").asLong();
        String mask = "lgw-***...***" + key.substring(key.length() - 2);

        assertThat(key).matches("lgw-[0-9a-f]{32}");
        assertThat(created.path("key_name").asText()).isEqualTo("ci 密钥");
        assertThat(created.path("is_active").asBoolean()).isTrue();
        assertThat(created.path("created_at").asText()).matches(TIME);
        assertThat(created.path("last_used_at").isNull()).isTrue();
        assertThat(ok(gw.get("/api/admin/api-keys/" + id), 200)
                        .path("key_value")
                        .asText())
                .isEqualTo(mask);
        assertThat(ok(gw.get("/api/admin/api-keys"), 200)
                        .path("items")
                        .path(0)
                        .path("key_value")
                        .asText())
                .isEqualTo(mask);
        assertThat(ok(gw.put("/api/admin/api-keys/" + id, "{\"is_active\":false}"), 200)
                        .path("key_value")
                        .asText())
                .isEqualTo(mask);
        assertThat(gw.get("/api/admin/api-keys").body()).doesNotContain(key);
    }

    @Test
    void theSnapshotKnowsANewKeyByItsHashAtOnce() {
        JsonNode created = ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"proxy\"}"), 201);
        String hash = GatewayKeys.sha256Hex(created.path("key_value").asText());
        long id = created.path("id").asLong();

        assertThat(gw.gateway().snapshots().get().keyByHash(hash)).contains(new ApiKeyEntry(id, "proxy", true));

        ok(gw.put("/api/admin/api-keys/" + id, "{\"key_name\":\"renamed\",\"is_active\":false}"), 200);
        assertThat(gw.gateway().snapshots().get().keyByHash(hash)).contains(new ApiKeyEntry(id, "renamed", false));

        assertThat(gw.delete("/api/admin/api-keys/" + id).statusCode()).isEqualTo(204);
        assertThat(gw.gateway().snapshots().get().keyByHash(hash)).isEmpty();
    }

    @Test
    void showsLastUse() {
        long id = ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"used\"}"), 201)
                .path("id")
                .asLong();

        new com.llmgateway.store.ApiKeyStore(gw.gateway().database(), new GatewayKeys("lgw-", 32))
                .touchLastUsed(Map.of(id, 1_764_432_720_123L));

        assertThat(ok(gw.get("/api/admin/api-keys/" + id), 200)
                        .path("last_used_at")
                        .asText())
                .isEqualTo("2025-11-29T16:12:00.123Z");
    }

    @Test
    void listsNewestFirstWithPagesAndAnActiveFilter() {
        for (int i = 1; i <= 4; i++) {
            ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"k" + i + "\"}"), 201);
        }
        long second = ok(gw.get("/api/admin/api-keys?page=3&page_size=1"), 200)
                .path("items")
                .path(0)
                .path("id")
                .asLong();
        ok(gw.put("/api/admin/api-keys/" + second, "{\"is_active\":false}"), 200);

        JsonNode page = ok(gw.get("/api/admin/api-keys?page=1&page_size=3"), 200);
        JsonNode active = ok(gw.get("/api/admin/api-keys?is_active=true"), 200);

        assertThat(names(page)).containsExactly("k4", "k3", "k2");
        assertThat(page.path("total").asInt()).isEqualTo(4);
        assertThat(names(active)).containsExactly("k4", "k3", "k1");
    }

    @Test
    void answers404And409() {
        ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"taken\"}"), 201);
        long other = ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"other\"}"), 201)
                .path("id")
                .asLong();

        error(gw.post("/api/admin/api-keys", "{\"key_name\":\"taken\"}"), 409, "duplicate_name");
        error(gw.put("/api/admin/api-keys/" + other, "{\"key_name\":\"taken\"}"), 409, "duplicate_name");
        error(gw.get("/api/admin/api-keys/9999"), 404, "api_key_not_found");
        error(gw.put("/api/admin/api-keys/9999", "{\"is_active\":true}"), 404, "api_key_not_found");
        error(gw.delete("/api/admin/api-keys/9999"), 404, "api_key_not_found");
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("key_name").asText()));
        return names;
    }
}
