package com.llmgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The serving rules of the console through the real gateway, with a bundle in FRONTEND_DIST_DIR. */
class ConsoleServingTest {
    private static final String INDEX = "<!doctype html><html><body><div id=\"root\"></div>"
            + "<script type=\"module\" src=\"/assets/index-abc123.js\"></script></body></html>";
    private static final String SCRIPT = "console.log('console');";

    @TempDir
    static Path bundle;

    private static TestGateway gw;

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(bundle.resolve("index.html"), INDEX);
        Files.createDirectories(bundle.resolve("assets"));
        Files.writeString(bundle.resolve("assets/index-abc123.js"), SCRIPT);
        Files.writeString(bundle.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(bundle.getParent().resolve("secret.txt"), "outside the bundle");
        gw = TestGateway.start(Map.of("FRONTEND_DIST_DIR", bundle.toString()));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void theRootIsTheConsoleRevalidatedOnEveryLoad() {
        HttpResponse<String> root = gw.get("/");

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo(INDEX);
        assertThat(root.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(root.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(root.headers().firstValue("etag")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/providers", "/models/detail?model=gpt-4o", "/logs/detail?id=42", "/api-keys", "/x/y/z"})
    void deepLinksFallBackToTheIndex(String path) {
        HttpResponse<String> page = gw.get(path);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(INDEX);
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
    }

    @Test
    void hashedAssetsAreImmutableForAYear() {
        HttpResponse<String> script = gw.get("/assets/index-abc123.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo(SCRIPT);
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void aMissingAssetIsA404NotTheIndex() {
        HttpResponse<String> missing = gw.get("/assets/index-gone.js");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("<html").contains("\"error\"");
    }

    @Test
    void otherFilesOfTheBundleAreServedAsThemselves() {
        HttpResponse<String> icon = gw.get("/favicon.svg");

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("content-type")).hasValue("image/svg+xml");
        assertThat(icon.headers().firstValue("cache-control")).hasValue("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/nope", "/v1", "/api/nope/deeper", "/api", "/api/admin/nope"})
    void theApiNeverFallsBack(String path) {
        HttpResponse<String> response = gw.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\"").doesNotContain("<html");
    }

    @Test
    void healthAndMetricsKeepTheirOwnAnswers() {
        assertThat(gw.get("/health").body()).isEqualTo("{\"status\":\"healthy\"}");
        HttpResponse<String> metrics = gw.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).doesNotContain("<html");
        for (String path : List.of("/health/x", "/metrics/x")) {
            HttpResponse<String> response = gw.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"error\"").doesNotContain("<html");
        }
    }

    @Test
    void writesAreNotAnsweredByTheConsole() {
        HttpResponse<String> post = gw.post("/providers", "{}");

        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.body()).contains("\"error\"").doesNotContain("<html");
    }

    @Test
    void anUnchangedIndexIsNotSentAgain() {
        String etag = gw.get("/").headers().firstValue("etag").orElseThrow();

        HttpResponse<String> again = gw.get("/", Map.of("If-None-Match", etag));

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void nothingOutsideTheBundleIsReachable() {
        // Sent raw: an HTTP client would resolve the dot segments before sending.
        for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt")) {
            assertThat(rawGet(path)).as(path).doesNotContain("outside the bundle");
        }
    }

    @Test
    void headAnswersTheLengthWithoutABody() {
        HttpResponse<String> head = TestGateway.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.baseUrl() + "/assets/index-abc123.js"))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue(String.valueOf(SCRIPT.length()));
        assertThat(head.body()).isEmpty();
    }

    private static String rawGet(String path) {
        try (Socket socket = new Socket("127.0.0.1", gw.gateway().port())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
