package com.llmgateway.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One kind of request the load generator sends: protocol, stream or not, and how the mock should answer it. The same
 * bytes go to every path; the mock ignores the gateway key that the direct and nginx paths carry along. A call with
 * {@code otherProtocolModel} names the other protocol's model, so the gateway serves it through a provider of the other
 * protocol and translates (the mock answers by path, whatever the model).
 */
record Call(boolean anthropic, boolean stream, int chunks, long chunkDelayMs, boolean otherProtocolModel) {
    static final String OPENAI_MODEL = "bench-gpt";
    static final String ANTHROPIC_MODEL = "bench-claude";

    static Call nonStream(boolean anthropic) {
        return new Call(anthropic, false, 1, 0, false);
    }

    static Call stream(boolean anthropic, int chunks, long chunkDelayMs) {
        return new Call(anthropic, true, chunks, chunkDelayMs, false);
    }

    /** The same call for the other protocol's model: through the gateway, translated both ways. */
    Call crossed() {
        return new Call(anthropic, stream, chunks, chunkDelayMs, true);
    }

    String protocol() {
        return anthropic ? "anthropic" : "openai";
    }

    /** Request options for {@code target}, with the gateway key in each protocol's own header. */
    RequestOptions options(Target target, String key, long idleTimeoutMs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.CONTENT_TYPE, "application/json")
                .add(MockBehaviour.CHUNKS_HEADER, Integer.toString(chunks))
                .add(MockBehaviour.CHUNK_DELAY_HEADER, Long.toString(chunkDelayMs));
        if (anthropic) {
            headers.add("x-api-key", key).add("anthropic-version", "2023-06-01");
        } else {
            headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setURI(anthropic ? "/v1/messages" : "/v1/chat/completions")
                .setHeaders(headers)
                .setIdleTimeout(idleTimeoutMs);
    }

    Buffer body() {
        String streamFlag = stream ? "true" : "false";
        String model = anthropic != otherProtocolModel ? ANTHROPIC_MODEL : OPENAI_MODEL;
        return Buffer.buffer(
                anthropic
                        ? "{\"model\":\"" + model + "\",\"max_tokens\":256,\"stream\":" + streamFlag
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark.\"}]}"
                        : "{\"model\":\"" + model + "\",\"stream\":" + streamFlag
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark.\"}]}");
    }
}
