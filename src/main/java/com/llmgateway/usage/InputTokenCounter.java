package com.llmgateway.usage;

/** TEMP STUB */
public final class InputTokenCounter {
    public static int count(
            com.llmgateway.protocol.Protocol p, String model, com.fasterxml.jackson.databind.JsonNode body) {
        return 0;
    }
}
