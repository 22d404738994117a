package com.llmgateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the exchange does after each kind of failed attempt, chosen per model (issue 4, item 3). Only the decision
 * lives here: {@code retry_count} keeps its meaning (the exchange counts every failed attempt), and how often the same
 * provider is retried stays {@code RETRY_MAX_ATTEMPTS}.
 *
 * <p>{@link #DEFAULT}: transport errors, timeouts and 5xx are retried on the same provider (the original); 429 (whose
 * circuit also opens), 401/403, other 4xx, a full pool and an error opening a stream fail over at once; 400, 404, 413
 * and 422 are the client's fault and are returned at once without trying other providers. {@link #ORIGINAL} differs
 * in one place: client errors fail over too, as the original's "every status below 500 fails over" did.
 *
 * <p>Stored in the model's {@value #FIELD} field, which is either a preset name or an object of a preset and
 * per-kind overrides, each {@code on_<kind>} with a decision:
 *
 * <pre>{@code
 * "error_policy": "original"
 * "error_policy": {"preset": "default", "on_client_error": "fail_over", "on_5xx": "fail_over"}
 * }</pre>
 *
 * Kinds: {@code on_transport, on_timeout, on_client_error, on_other_4xx, on_429, on_5xx, on_auth, on_pool_full,
 * on_stream_error}; decisions: {@code retry_same_provider, fail_over, return_to_client}. Absent or null means
 * {@link #DEFAULT}.
 */
public final class ErrorPolicy {
    public static final String FIELD = "error_policy";
    public static final String DEFAULT_NAME = "default";
    public static final String ORIGINAL_NAME = "original";

    public static final ErrorPolicy DEFAULT = new ErrorPolicy(defaults());
    public static final ErrorPolicy ORIGINAL = DEFAULT.with(FailureKind.CLIENT_ERROR, ErrorDecision.FAIL_OVER);

    private static final String PRESET = "preset";
    private static final String EXAMPLE = "{\"preset\":\"default\",\"on_client_error\":\"fail_over\"}";

    private final Map<FailureKind, ErrorDecision> decisions;

    private ErrorPolicy(Map<FailureKind, ErrorDecision> decisions) {
        this.decisions = Collections.unmodifiableMap(new EnumMap<>(decisions));
    }

    private static Map<FailureKind, ErrorDecision> defaults() {
        Map<FailureKind, ErrorDecision> map = new EnumMap<>(FailureKind.class);
        // The original's retries: the provider may answer the same bytes on a second try.
        map.put(FailureKind.TRANSPORT, ErrorDecision.RETRY_SAME_PROVIDER);
        map.put(FailureKind.TIMEOUT, ErrorDecision.RETRY_SAME_PROVIDER);
        map.put(FailureKind.STATUS_5XX, ErrorDecision.RETRY_SAME_PROVIDER);
        // Retrying a rate limit or a refused key at once only repeats the refusal.
        map.put(FailureKind.STATUS_429, ErrorDecision.FAIL_OVER);
        map.put(FailureKind.AUTH, ErrorDecision.FAIL_OVER);
        map.put(FailureKind.STATUS_4XX, ErrorDecision.FAIL_OVER);
        map.put(FailureKind.POOL_FULL, ErrorDecision.FAIL_OVER);
        map.put(FailureKind.STREAM_ERROR, ErrorDecision.FAIL_OVER);
        // Another provider would refuse the same request: answer the client instead of burning every candidate.
        map.put(FailureKind.CLIENT_ERROR, ErrorDecision.RETURN_TO_CLIENT);
        return map;
    }

    /** The decision for a failed attempt of this kind. */
    public ErrorDecision decide(FailureKind kind) {
        return decisions.get(kind);
    }

    /** This policy with one decision changed. */
    public ErrorPolicy with(FailureKind kind, ErrorDecision decision) {
        Map<FailureKind, ErrorDecision> changed = new EnumMap<>(decisions);
        changed.put(kind, decision);
        return new ErrorPolicy(changed);
    }

    /**
     * Parses the model's {@value #FIELD} value (see the class comment).
     *
     * @throws PolicyException naming the field, e.g. {@code on_5xx: unknown decision 'retry'; accepted: ...}
     */
    public static ErrorPolicy parse(JsonNode json) throws PolicyException {
        if (PolicyJson.isAbsent(json)) {
            return DEFAULT;
        }
        if (json.isTextual()) {
            return preset(json, "preset name");
        }
        PolicyJson.requireObject(json, acceptedFields(), EXAMPLE);
        ErrorPolicy policy = json.has(PRESET) ? preset(json.get(PRESET), PRESET) : DEFAULT;
        for (FailureKind kind : FailureKind.values()) {
            JsonNode decision = json.get(key(kind));
            if (!PolicyJson.isAbsent(decision)) {
                policy = policy.with(kind, decision(decision, key(kind)));
            }
        }
        return policy;
    }

    private static ErrorPolicy preset(JsonNode node, String field) throws PolicyException {
        String name = node.isTextual() ? node.textValue() : null;
        if (DEFAULT_NAME.equals(name)) {
            return DEFAULT;
        }
        if (ORIGINAL_NAME.equals(name)) {
            return ORIGINAL;
        }
        throw new PolicyException(field + ": unknown preset " + PolicyJson.describe(node) + "; accepted: "
                + DEFAULT_NAME + ", " + ORIGINAL_NAME);
    }

    private static ErrorDecision decision(JsonNode node, String field) throws PolicyException {
        ErrorDecision decision = node.isTextual() ? ErrorDecision.fromWireName(node.textValue()) : null;
        if (decision == null) {
            List<String> names = new ArrayList<>();
            for (ErrorDecision each : ErrorDecision.values()) {
                names.add(each.wireName());
            }
            throw new PolicyException(field + ": unknown decision " + PolicyJson.describe(node) + "; accepted: "
                    + String.join(", ", names));
        }
        return decision;
    }

    private static List<String> acceptedFields() {
        List<String> fields = new ArrayList<>();
        fields.add(PRESET);
        for (FailureKind kind : FailureKind.values()) {
            fields.add(key(kind));
        }
        return fields;
    }

    private static String key(FailureKind kind) {
        return "on_" + kind.wireName();
    }

    /**
     * The normalized form to store and echo: a preset name when the policy is one, otherwise {@code "preset":
     * "default"} with the decisions that differ from it.
     */
    public JsonNode json() {
        if (equals(DEFAULT)) {
            return TextNode.valueOf(DEFAULT_NAME);
        }
        if (equals(ORIGINAL)) {
            return TextNode.valueOf(ORIGINAL_NAME);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(PRESET, DEFAULT_NAME);
        for (FailureKind kind : FailureKind.values()) {
            if (decide(kind) != DEFAULT.decide(kind)) {
                node.put(key(kind), decide(kind).wireName());
            }
        }
        return node;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ErrorPolicy that && decisions.equals(that.decisions);
    }

    @Override
    public int hashCode() {
        return decisions.hashCode();
    }

    @Override
    public String toString() {
        return "ErrorPolicy" + decisions;
    }
}
