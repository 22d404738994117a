package com.llmgateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The time bounds of one attempt (issue 4, item 4); each is optional, an empty one is not set at this level.
 *
 * <ul>
 *   <li>{@code connect}: to open the connection to the provider.
 *   <li>{@code firstByte}: from sending the request to the response headers. A reasoning model that thinks for minutes
 *       before answering needs a larger one than a chat model; that is what the model-level override is for.
 *   <li>{@code idleBetweenEvents}: the longest silence between two chunks of the response body once headers have
 *       arrived; for a stream, between its events.
 *   <li>{@code total}: from sending the request to the last byte, <b>for non-stream calls only</b>. A stream that keeps
 *       producing events is never cut by it, whatever its length; only {@code idleBetweenEvents} ends a stream that has
 *       gone quiet. See {@link #totalFor}.
 * </ul>
 *
 * <p>Merging ({@link #effective}): a model's setting wins over its provider's, which wins over the default.
 * {@code HTTP_TIMEOUT} is the default for connect and first byte, as in the original; idle and total have no default,
 * except that a non-stream body that stalls is still cut after the first-byte bound, as the original did (see
 * {@link #idleFor}).
 *
 * <p>Stored as {@value #FIELD} on providers and on models, in milliseconds, every key optional:
 *
 * <pre>{@code
 * "timeouts": {"connect_ms": 5000, "first_byte_ms": 300000, "idle_ms": 60000, "total_ms": 600000}
 * }</pre>
 */
public record Timeouts(
        Optional<Duration> connect,
        Optional<Duration> firstByte,
        Optional<Duration> idleBetweenEvents,
        Optional<Duration> total) {

    public static final String FIELD = "timeouts";
    /** Nothing set: every bound comes from the next level. */
    public static final Timeouts NONE =
            new Timeouts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    /** The longest accepted bound, one day: longer is a typo, not a timeout. */
    public static final Duration MAX = Duration.ofDays(1);

    static final String CONNECT_MS = "connect_ms";
    static final String FIRST_BYTE_MS = "first_byte_ms";
    static final String IDLE_MS = "idle_ms";
    static final String TOTAL_MS = "total_ms";
    private static final List<String> FIELDS = List.of(CONNECT_MS, FIRST_BYTE_MS, IDLE_MS, TOTAL_MS);
    private static final String EXAMPLE = "{\"first_byte_ms\":300000,\"idle_ms\":60000}";

    /** @throws IllegalArgumentException if a bound is zero, negative or over {@link #MAX} */
    public Timeouts {
        requireValid("connect", connect);
        requireValid("firstByte", firstByte);
        requireValid("idleBetweenEvents", idleBetweenEvents);
        requireValid("total", total);
    }

    private static void requireValid(String name, Optional<Duration> bound) {
        Objects.requireNonNull(bound, name);
        bound.ifPresent(duration -> {
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
                throw new IllegalArgumentException(name + " must be positive and at most " + MAX + ", got " + duration);
            }
        });
    }

    /**
     * Parses a provider's or a model's {@value #FIELD}; absent or null is {@link #NONE}.
     *
     * @throws PolicyException naming the field, e.g. {@code idle_ms: must be a whole number of milliseconds from 1 to
     *     86400000, got "60s"}; unknown keys are refused so that a typo does not silently leave a bound unset
     */
    public static Timeouts parse(JsonNode json) throws PolicyException {
        if (PolicyJson.isAbsent(json)) {
            return NONE;
        }
        PolicyJson.requireObject(json, FIELDS, EXAMPLE);
        return new Timeouts(
                PolicyJson.millis(json, CONNECT_MS, MAX),
                PolicyJson.millis(json, FIRST_BYTE_MS, MAX),
                PolicyJson.millis(json, IDLE_MS, MAX),
                PolicyJson.millis(json, TOTAL_MS, MAX));
    }

    /** Each bound of this level, or else {@code fallback}'s. */
    public Timeouts orElse(Timeouts fallback) {
        return new Timeouts(
                connect.or(fallback::connect),
                firstByte.or(fallback::firstByte),
                idleBetweenEvents.or(fallback::idleBetweenEvents),
                total.or(fallback::total));
    }

    /**
     * The bounds of one attempt: the model's, else the provider's, else the defaults ({@code httpTimeout} for connect
     * and first byte, nothing for idle and total). Connect and first byte are always present in the result.
     */
    public static Timeouts effective(Timeouts model, Timeouts provider, Duration httpTimeout) {
        Timeouts defaults =
                new Timeouts(Optional.of(httpTimeout), Optional.of(httpTimeout), Optional.empty(), Optional.empty());
        return model.orElse(provider).orElse(defaults);
    }

    /** The total bound for this call: none for a stream, which is never cut while it keeps producing events. */
    public Optional<Duration> totalFor(boolean stream) {
        return stream ? Optional.empty() : total;
    }

    /**
     * The silence bound for this call's body: the configured one, else, for a non-stream call, the first-byte bound
     * (the original cut a stalled non-stream body after {@code HTTP_TIMEOUT}); a stream without one is not bounded.
     */
    public Optional<Duration> idleFor(boolean stream) {
        return stream ? idleBetweenEvents : idleBetweenEvents.or(this::firstByte);
    }

    /** The set bounds in the stored shape; {@link #NONE} gives an empty object. */
    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        connect.ifPresent(d -> node.put(CONNECT_MS, d.toMillis()));
        firstByte.ifPresent(d -> node.put(FIRST_BYTE_MS, d.toMillis()));
        idleBetweenEvents.ifPresent(d -> node.put(IDLE_MS, d.toMillis()));
        total.ifPresent(d -> node.put(TOTAL_MS, d.toMillis()));
        return node;
    }
}
