package com.llmgateway.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Raw HTTP calls for tests that need exact bytes or headers the SDKs would not send. */
public final class Http {
    private Http() {}

    public static HttpResponse<String> post(String url, String body, Map<String, String> headers) {
        return post(url, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public static HttpResponse<String> post(String url, byte[] body, Map<String, String> headers) {
        return TestGateway.send(request(url, body, headers));
    }

    /** Like {@link #post(String, byte[], Map)}, but keeps the response body as the exact bytes received. */
    public static HttpResponse<byte[]> postForBytes(String url, byte[] body, Map<String, String> headers) {
        return TestGateway.send(request(url, body, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest request(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        builder.header("content-type", "application/json");
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Map<String, String> bearer(String key) {
        return Map.of("authorization", "Bearer " + key);
    }
}
