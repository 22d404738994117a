package com.llmgateway.protocol;

/**
 * The URL rule of seed-spec section 5.4: {@code base_url} without its trailing slashes, plus the request path without
 * its leading {@code /v1} (so {@code base_url} carries the version segment: {@code https://api.openai.com/v1} +
 * {@code /v1/chat/completions} gives {@code https://api.openai.com/v1/chat/completions}).
 */
public final class UpstreamUrl {
    private UpstreamUrl() {}

    public static String resolve(String baseUrl, String path, String query) {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String rest = path.startsWith("/v1/") ? path.substring(3) : path;
        String url = base + rest;
        return query == null || query.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + query;
    }
}
