package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MAX_REQUEST_BYTES: an oversized body is refused with 413 in the endpoint's protocol, without reading it whole. */
class RequestLimitsTest {
    static final int LIMIT = 4096;
    static FakeUpstream upstream;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("t", "ok")));
        gw = TestGateway.start(Map.of("MAX_REQUEST_BYTES", String.valueOf(LIMIT)));
        gw.routing(Routing.builder()
                .provider(1, upstream.baseUrl(), Protocol.OPENAI)
                .map("gpt-test", 1, "t", 0)
                .build());
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    /** Sends a request head and {@code bodyPart}, then reads the status line and the body without sending more. */
    private static String exchange(String head, byte[] bodyPart) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gw.gateway().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bodyPart);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder response = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                response.append(line).append('\n');
            }
            return response.toString();
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + Routing.KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 67108864\r\n\r\n";

        String response = exchange(head, "{\"model\":\"gpt-test\",".getBytes(StandardCharsets.UTF_8));

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("\"code\":\"request_too_large\"").contains("\"type\":\"invalid_request_error\"");
        assertThat(upstream.count()).isZero();
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsRefusedInTheAnthropicShape() throws Exception {
        String head = "POST /v1/messages HTTP/1.1\r\nHost: gw\r\nx-api-key: " + Routing.KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String data = "x".repeat(1000);
            chunks.append(Integer.toHexString(data.length()))
                    .append("\r\n")
                    .append(data)
                    .append("\r\n");
        }

        String response = exchange(head, chunks.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\"");
    }
}
