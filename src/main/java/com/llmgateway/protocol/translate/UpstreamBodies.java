package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.GatewayException;

/** A provider's body that is not the protocol it claims is the provider's fault: a 502, never the client's 400. */
final class UpstreamBodies {
    private UpstreamBodies() {}

    static ObjectNode requireObject(JsonNode value, String what) {
        if (value == null || !value.isObject()) {
            throw malformed("the provider's " + what + " is not a JSON object");
        }
        return (ObjectNode) value;
    }

    static GatewayException malformed(String reason) {
        return new GatewayException(
                GatewayError.of(502, "api_error", "upstream_invalid_response", "Cannot translate: " + reason + "."));
    }
}
