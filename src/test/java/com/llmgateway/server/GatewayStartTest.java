package com.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.testing.RawHttp;
import com.llmgateway.testing.TestGateway;
import com.llmgateway.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayStartTest {
    @Test
    void startsOnAFreePortCreatesTheDatabaseAndAnswersHealth() {
        try (TestGateway gw = TestGateway.start()) {
            HttpResponse<String> health = gw.get("/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"healthy\"}");
            // The PostgreSQL run really runs on PostgreSQL; otherwise the SQLite file is created.
            assertThat(gw.onPostgres()).isEqualTo(TestPostgres.selectedForGateways());
            assertThat(Files.exists(gw.dataDir().resolve("gateway.db"))).isEqualTo(!gw.onPostgres());
        }
    }

    /** Without a console bundle (here: FRONTEND_DIST_DIR names a folder with no index.html), as seed-spec 5.1 says. */
    @Test
    void withoutAConsoleTheRootDescribesTheService(@TempDir Path noConsole) {
        try (TestGateway gw = TestGateway.start(
                java.util.Map.of("APP_NAME", "Acme Gateway", "FRONTEND_DIST_DIR", noConsole.toString()))) {
            HttpResponse<String> root = gw.get("/");

            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body())
                    .isEqualTo("{\"name\":\"Acme Gateway\",\"version\":\"0.1.0\","
                            + "\"description\":\"LLM Gateway - Model Routing & Proxy Service\"}");
        }
    }

    /** With one, "/" is the console (seed-spec section 13, item 5); the serving rules are in ConsoleServingTest. */
    @Test
    void withAConsoleTheRootIsTheConsole(@TempDir Path console) throws Exception {
        Files.writeString(console.resolve("index.html"), "<!doctype html><title>LLM Gateway</title>");
        try (TestGateway gw = TestGateway.start(java.util.Map.of("FRONTEND_DIST_DIR", console.toString()))) {
            HttpResponse<String> root = gw.get("/");

            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(root.body()).contains("<title>LLM Gateway</title>");
        }
    }

    @Test
    void aMalformedPathIsAnsweredInJson() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            for (String path : new String[] {"/api/admin/models/%zz", "/v1/chat/%zz"}) {
                RawHttp.Response response =
                        RawHttp.post(gw.gateway().port(), path, java.util.List.of(), "{}".getBytes());
                assertThat(response.status()).isEqualTo(400);
                assertThat(response.bodyText()).contains("\"error\"");
            }
        }
    }

    @Test
    void unknownPathsUnderV1AndApiAnswerJson404() {
        try (TestGateway gw = TestGateway.start()) {
            for (String path : new String[] {"/v1/nope", "/api/nope/deeper"}) {
                HttpResponse<String> response = gw.get(path);
                assertThat(response.statusCode()).isEqualTo(404);
                assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
                assertThat(response.body()).contains("\"error\"");
            }
        }
    }
}
