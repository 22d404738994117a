package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.detail;
import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.config.Settings.AdminCredentials;
import com.llmgateway.security.AdminTokens;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthApiTest {
    private static final String LOGIN = "{\"username\":\"admin\",\"password\":\"s3cret\"}";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithCredentials {
        private TestGateway gw;

        @BeforeAll
        void start() {
            gw = TestGateway.start(Map.of("ADMIN_USERNAME", "admin", "ADMIN_PASSWORD", "s3cret"));
        }

        @AfterAll
        void stop() {
            gw.close();
        }

        @Test
        void statusSaysEnabledAndNotAuthenticatedWithoutAToken() {
            JsonNode status = ok(gw.get("/api/auth/status"), 200);

            assertThat(status.toString()).isEqualTo("{\"enabled\":true,\"authenticated\":false}");
        }

        @Test
        void loginIssuesABearerTokenThatOpensTheAdminApi() {
            JsonNode login = ok(gw.post("/api/auth/login", LOGIN), 200);
            String token = login.path("access_token").asText();

            assertThat(login.path("token_type").asText()).isEqualTo("bearer");
            assertThat(login.path("expires_in").asLong()).isEqualTo(86_400);
            assertThat(ok(gw.get("/api/auth/status", bearer(token)), 200)
                            .path("authenticated")
                            .asBoolean())
                    .isTrue();
            ok(gw.get("/api/admin/providers", bearer(token)), 200);
            ok(gw.get("/api/admin/providers", Map.of("x-admin-token", token)), 200);
            ok(gw.get("/api/admin/api-keys", Map.of("Authorization", "bearer " + token)), 200);
        }

        @Test
        void badCredentialsAreRefused() {
            detail(
                    gw.post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"nope\"}"),
                    401,
                    "Invalid username or password");
            detail(
                    gw.post("/api/auth/login", "{\"username\":\"root\",\"password\":\"s3cret\"}"),
                    401,
                    "Invalid username or password");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"password\":\"s3cret\"}",
                    "{\"username\":\"\",\"password\":\"s3cret\"}",
                    "{\"username\":1,\"password\":\"s3cret\"}"
                })
        void loginNeedsANonEmptyUsername(String body) {
            invalid(gw.post("/api/auth/login", body), "username");
        }

        @Test
        void loginNeedsANonEmptyPassword() {
            invalid(gw.post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"\"}"), "password");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/admin/providers",
                    "/api/admin/models",
                    "/api/admin/model-providers",
                    "/api/admin/api-keys",
                    "/api/admin/providers/1"
                })
        void everyAdminPathNeedsAToken(String path) {
            HttpResponse<String> response = gw.get(path);

            detail(response, 401, "Not authenticated");
            assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/admin/../admin/providers",
                    "/api/./admin/providers",
                    "/api/%61dmin/providers",
                    "/api//admin/providers",
                    "/api/admin/providers/",
                    "/api/ADMIN/providers"
                })
        void pathTricksDoNotGetPastTheGuard(String path) {
            assertThat(gw.get(path).statusCode()).isIn(401, 404);
        }

        @Test
        void writesNeedATokenToo() {
            detail(gw.post("/api/admin/api-keys", "{\"key_name\":\"x\"}"), 401, "Not authenticated");
            detail(gw.delete("/api/admin/providers/1"), 401, "Not authenticated");
        }

        @Test
        void invalidTokensAreRefused() {
            String token = ok(gw.post("/api/auth/login", LOGIN), 200)
                    .path("access_token")
                    .asText();
            String forged = new AdminTokens(
                            new AdminCredentials("admin", "guess"), Duration.ofHours(1), Clock.systemUTC())
                    .issue();

            detail(gw.get("/api/admin/providers", bearer("garbage")), 401, "Invalid or expired token");
            detail(gw.get("/api/admin/providers", bearer(token + "x")), 401, "Invalid or expired token");
            detail(gw.get("/api/admin/providers", bearer(forged)), 401, "Invalid or expired token");
            detail(gw.get("/api/admin/providers", Map.of("x-admin-token", "garbage")), 401, "Invalid or expired token");
        }

        @Test
        void expiredTokensAreRefused() {
            Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
            String expired =
                    new AdminTokens(new AdminCredentials("admin", "s3cret"), Duration.ofDays(1), yesterday).issue();

            detail(gw.get("/api/admin/providers", bearer(expired)), 401, "Invalid or expired token");
            assertThat(ok(gw.get("/api/auth/status", bearer(expired)), 200)
                            .path("authenticated")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void logoutAlwaysAnswersOk() {
            assertThat(ok(gw.post("/api/auth/logout", null), 200).toString()).isEqualTo("{\"ok\":true}");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutCredentials {
        private TestGateway gw;

        @BeforeAll
        void start() {
            gw = TestGateway.start();
        }

        @AfterAll
        void stop() {
            gw.close();
        }

        @Test
        void statusSaysDisabledAndAuthenticated() {
            assertThat(ok(gw.get("/api/auth/status"), 200).toString())
                    .isEqualTo("{\"enabled\":false,\"authenticated\":true}");
        }

        @Test
        void loginSaysAuthenticationIsNotEnabled() {
            detail(gw.post("/api/auth/login", LOGIN), 400, "Admin authentication is not enabled");
        }

        @Test
        void loopbackClientsNeedNoToken() {
            ok(gw.get("/api/admin/providers"), 200);
            ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"loopback\"}"), 201);
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
