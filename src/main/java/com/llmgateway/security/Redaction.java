package com.llmgateway.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks credentials before they are stored or shown (seed-spec section 7, "Redaction").
 *
 * <p>Only {@code authorization}, {@code x-api-key} and {@code api-key} are masked, matched case-insensitively; every
 * other header is copied unchanged. A mask keeps a {@code Bearer } prefix, turns a token of at most 8 characters into
 * {@code ***} and anything longer into its first 4 characters, {@code ***...***} and its last 2. Empty stays empty.
 */
public final class Redaction {
    private static final Set<String> SENSITIVE = Set.of("authorization", "x-api-key", "api-key");
    private static final String BEARER = "bearer ";
    private static final int SHORT_TOKEN = 8;

    private Redaction() {}

    /** A new map, in the same order, with sensitive header values masked; {@code headers} is left untouched. */
    public static Map<String, String> redact(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> copy.put(name, isSensitive(name) && value != null ? mask(value) : value));
        return copy;
    }

    public static boolean isSensitive(String headerName) {
        return headerName != null && SENSITIVE.contains(headerName.toLowerCase(Locale.ROOT));
    }

    /** {@code Bearer sk-1234567890abcdef} gives {@code Bearer sk-1***...***ef}; {@code short} gives {@code ***}. */
    public static String mask(String value) {
        if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String prefix = value.substring(0, BEARER.length());
            return prefix + maskToken(value.substring(BEARER.length()));
        }
        return maskToken(value);
    }

    private static String maskToken(String token) {
        if (token.isEmpty()) {
            return token;
        }
        if (token.length() <= SHORT_TOKEN) {
            return "***";
        }
        return token.substring(0, 4) + "***...***" + token.substring(token.length() - 2);
    }
}
