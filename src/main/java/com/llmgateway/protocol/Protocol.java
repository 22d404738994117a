package com.llmgateway.protocol;

import java.util.Locale;
import java.util.Optional;

/** The two wire protocols the gateway speaks, to clients and to providers. */
public enum Protocol {
    OPENAI("openai"),
    ANTHROPIC("anthropic");

    private final String wireName;

    Protocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in {@code service_providers.protocol} and shown by the admin API. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Protocol> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Protocol protocol : values()) {
            if (protocol.wireName.equals(lower)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
