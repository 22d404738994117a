package com.llmgateway.admin;

import java.util.Optional;
import java.util.function.Function;

/**
 * How one text field is checked: its length in characters (Unicode code points, as the original counted), no control
 * characters, then an optional format check that returns the problem in words.
 */
record TextRule(int min, int max, Function<String, Optional<String>> format) {
    static TextRule length(int min, int max) {
        return new TextRule(min, max, value -> Optional.empty());
    }

    TextRule withFormat(Function<String, Optional<String>> check) {
        return new TextRule(min, max, check);
    }

    Optional<String> problem(String value) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            return Optional.of(min == 1 ? "must not be empty" : "must be at least " + min + " characters");
        }
        if (length > max) {
            return Optional.of("must be at most " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return format.apply(value);
    }
}
