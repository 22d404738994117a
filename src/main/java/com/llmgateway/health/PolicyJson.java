package com.llmgateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Reading the small policy objects: shapes, unknown keys and durations, with messages that name the field. */
final class PolicyJson {
    private PolicyJson() {}

    static boolean isAbsent(JsonNode json) {
        return json == null || json.isNull() || json.isMissingNode();
    }

    /** Refuses anything but an object whose keys are all in {@code accepted}; a typo must not be ignored silently. */
    static void requireObject(JsonNode json, List<String> accepted, String example) throws PolicyException {
        if (!json.isObject()) {
            throw new PolicyException("must be an object like " + example + ", got " + describe(json));
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw new PolicyException(name + ": unknown field; accepted: " + String.join(", ", accepted));
            }
        }
    }

    /** A whole number of milliseconds in [1, max]; JSON null or no key at all means not set. */
    static Optional<Duration> millis(JsonNode object, String field, Duration max) throws PolicyException {
        JsonNode node = object.get(field);
        if (isAbsent(node)) {
            return Optional.empty();
        }
        boolean inRange = node.isIntegralNumber()
                && node.canConvertToLong()
                && node.longValue() >= 1
                && node.longValue() <= max.toMillis();
        if (!inRange) {
            throw new PolicyException(field + ": must be a whole number of milliseconds from 1 to " + max.toMillis()
                    + ", got " + describe(node));
        }
        return Optional.of(Duration.ofMillis(node.longValue()));
    }

    static String describe(JsonNode node) {
        if (isAbsent(node)) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
