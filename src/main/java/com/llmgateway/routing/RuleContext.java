package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What rules can look at for one request: the requested model, the request headers (lower-case names), the parsed body
 * and the input token count. Body and tokens are computed on first use only, since most rule sets never read them.
 */
public final class RuleContext {
    private final String model;
    private final Map<String, String> headers;
    private final Supplier<JsonNode> bodySource;
    private final IntSupplier inputTokenSource;
    private JsonNode body;
    private Integer inputTokens;

    public RuleContext(
            String model, Map<String, String> headers, Supplier<JsonNode> bodySource, IntSupplier inputTokenSource) {
        this.model = model;
        this.headers = headers;
        this.bodySource = bodySource;
        this.inputTokenSource = inputTokenSource;
    }

    public String model() {
        return model;
    }

    /** Header values by lower-case name. */
    public Map<String, String> headers() {
        return headers;
    }

    public JsonNode body() {
        if (body == null) {
            body = bodySource.get();
        }
        return body;
    }

    public int inputTokens() {
        if (inputTokens == null) {
            inputTokens = inputTokenSource.getAsInt();
        }
        return inputTokens;
    }
}
