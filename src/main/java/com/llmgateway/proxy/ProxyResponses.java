package com.llmgateway.proxy;

import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.Protocol;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes the gateway's own error answers, in the client's protocol. */
final class ProxyResponses {
    static final String ERROR_CODE_HEADER = "x-gateway-error-code";

    private ProxyResponses() {}

    /** Writes {@code error}; the future completes when it has been written (or at once if nothing can be). */
    static Future<Void> sendError(HttpServerResponse response, Protocol protocol, GatewayError error, String traceId) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        response.setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(ERROR_CODE_HEADER, error.code());
        if (traceId != null) {
            response.putHeader(Relay.TRACE_HEADER, traceId);
        }
        return response.end(Buffer.buffer(error.body(protocol)));
    }
}
