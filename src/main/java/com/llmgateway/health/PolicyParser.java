package com.llmgateway.health;

import com.fasterxml.jackson.databind.JsonNode;

/** One of the policy parsers ({@link ErrorPolicy#parse}, {@link Timeouts#parse}, {@link HealthThresholds#parse}). */
@FunctionalInterface
public interface PolicyParser<T> {
    /** @throws PolicyException naming the field when {@code json} is not a valid policy */
    T parse(JsonNode json) throws PolicyException;
}
