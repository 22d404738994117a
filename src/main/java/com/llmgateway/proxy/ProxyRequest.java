package com.llmgateway.proxy;

import com.llmgateway.protocol.RequestBody;
import com.llmgateway.routing.ApiKeyEntry;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;

/** One authenticated, parsed client request on its way to a provider. */
record ProxyRequest(
        String traceId,
        Instant requestTime,
        long startNanos,
        Endpoint endpoint,
        ApiKeyEntry apiKey,
        MultiMap headers,
        String query,
        RequestBody body,
        HttpServerResponse response) {}
