package com.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code /health} is liveness only; {@code /health/ready} checks the database, the migrations and the snapshot. */
class ReadinessTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aServingGatewayIsReady() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            HttpResponse<String> ready = gw.get("/health/ready");

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.path("status").asText()).isEqualTo("ready");
            assertThat(body.path("checks").path("database").asText()).isEqualTo("ok");
            assertThat(body.path("checks").path("migrations").asText()).isEqualTo("ok");
            assertThat(body.path("checks").path("snapshot").asText()).isEqualTo("ok");
            assertThat(body.path("config_version").asLong()).isZero();
        }
    }

    /**
     * A database that no longer answers the check (here its {@code config_version} table is gone) makes the instance
     * not ready, named in the answer, while liveness stays healthy; it is ready again within about a second of repair.
     */
    @Test
    void aDatabaseThatFailsTheCheckMakesItNotReadyAndItRecovers() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            execute(gw, "ALTER TABLE config_version RENAME TO config_version_away");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                HttpResponse<String> ready = gw.get("/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.path("status").asText()).isEqualTo("not_ready");
                assertThat(body.path("failed").asText()).isEqualTo("database");
                assertThat(body.path("checks").path("database").asText()).startsWith("unreachable");
                assertThat(body.path("checks").path("snapshot").asText()).isEqualTo("ok");
            });
            assertThat(gw.get("/health").statusCode()).isEqualTo(200);

            execute(gw, "ALTER TABLE config_version_away RENAME TO config_version");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() ->
                            assertThat(gw.get("/health/ready").statusCode()).isEqualTo(200));
        }
    }

    /** A database that hangs (a lock held by another session) is answered within the check's timeout, not waited for. */
    @Test
    void aDatabaseThatDoesNotAnswerIsReportedWithinTheTimeout() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            Assumptions.assumeTrue(gw.onPostgres(), "a lock that blocks readers: PostgreSQL only");
            try (Connection lock = gw.gateway().database().connection();
                    Statement statement = lock.createStatement()) {
                lock.setAutoCommit(false);
                statement.execute("LOCK TABLE config_version IN ACCESS EXCLUSIVE MODE");

                long start = System.nanoTime();
                HttpResponse<String> ready = gw.get("/health/ready");

                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isLessThan(Readiness.DATABASE_TIMEOUT.plusSeconds(1));
                assertThat(JSON.readTree(ready.body()).path("failed").asText()).isEqualTo("database");
                lock.rollback();
            }
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() ->
                            assertThat(gw.get("/health/ready").statusCode()).isEqualTo(200));
        }
    }

    private static void execute(TestGateway gw, String sql) throws Exception {
        try (Connection connection = gw.gateway().database().connection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
