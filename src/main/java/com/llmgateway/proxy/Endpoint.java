package com.llmgateway.proxy;

import com.llmgateway.protocol.Protocol;

/** The proxied endpoints, each with the protocol its clients speak (seed-spec section 5.1). */
public enum Endpoint {
    CHAT_COMPLETIONS("/v1/chat/completions", Protocol.OPENAI),
    COMPLETIONS("/v1/completions", Protocol.OPENAI),
    EMBEDDINGS("/v1/embeddings", Protocol.OPENAI),
    RESPONSES("/v1/responses", Protocol.OPENAI),
    MESSAGES("/v1/messages", Protocol.ANTHROPIC),
    COUNT_TOKENS("/v1/messages/count_tokens", Protocol.ANTHROPIC);

    private final String path;
    private final Protocol protocol;

    Endpoint(String path, Protocol protocol) {
        this.path = path;
        this.protocol = protocol;
    }

    public String path() {
        return path;
    }

    /** The protocol of the clients of this endpoint, and so the shape of its errors. */
    public Protocol protocol() {
        return protocol;
    }
}
