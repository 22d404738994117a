package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import io.vertx.core.net.KeyStoreOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS providers: HTTP/2 is negotiated by ALPN, and UPSTREAM_CA_FILE adds a company CA to the JVM's. */
class TlsUpstreamTest {
    static final String PASSWORD = "changeit";
    static Path dir;
    static FakeUpstream tls;

    @BeforeAll
    static void certificate() throws Exception {
        dir = Files.createTempDirectory("lgw-tls");
        keytool(
                "-genkeypair",
                "-alias",
                "upstream",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                dir.resolve("upstream.p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "upstream",
                "-rfc",
                "-keystore",
                dir.resolve("upstream.p12").toString(),
                "-storepass",
                PASSWORD,
                "-file",
                dir.resolve("ca.pem").toString());
        tls = FakeUpstream.startTls(
                FakeUpstream.json(200, Payloads.chatCompletion("t", "over tls")),
                new KeyStoreOptions()
                        .setType("PKCS12")
                        .setPath(dir.resolve("upstream.p12").toString())
                        .setPassword(PASSWORD));
    }

    @AfterAll
    static void stop() {
        tls.close();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static HttpResponse<String> chatThrough(TestGateway gw) {
        gw.routing(Routing.builder()
                .provider(1, tls.baseUrl(), Protocol.OPENAI)
                .map("gpt-test", 1, "t", 0)
                .build());
        return Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer(Routing.KEY));
    }

    @Test
    void aTrustedTlsProviderIsCalledOverHttp2() {
        try (TestGateway gw = TestGateway.start(
                Map.of("UPSTREAM_CA_FILE", dir.resolve("ca.pem").toString()))) {
            HttpResponse<String> response = chatThrough(gw);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("over tls");
            assertThat(tls.lastRequest().httpVersion()).isEqualTo("h2");
        }
    }

    @Test
    void anUntrustedCertificateIsATransportFailureNotASilentAccept() {
        try (TestGateway gw = TestGateway.start(Map.of("RETRY_MAX_ATTEMPTS", "1"))) {
            int before = tls.count();
            HttpResponse<String> response = chatThrough(gw);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("upstream_error");
            assertThat(tls.count()).isEqualTo(before);
        }
    }
}
