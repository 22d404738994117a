package com.llmgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // The spec's examples.
                "Bearer sk-1234567890abcdef | Bearer sk-1***...***ef",
                "lgw-abcdefghijklmnop       | lgw-***...***op",
                "short                      | ***",
                // Boundaries: 8 characters is still short, 9 is not.
                "12345678                   | ***",
                "123456789                  | 1234***...***89",
                "Bearer 12345678            | Bearer ***",
                "Bearer 123456789           | Bearer 1234***...***89",
                // The prefix is recognised in any case and kept as sent.
                "bearer sk-1234567890abcdef | bearer sk-1***...***ef",
                "BEARER sk-1234567890abcdef | BEARER sk-1***...***ef",
            })
    void masksValues(String value, String expected) {
        assertThat(Redaction.mask(value)).isEqualTo(expected);
    }

    @Test
    void keepsAnEmptyValueEmpty() {
        assertThat(Redaction.mask("")).isEmpty();
        assertThat(Redaction.mask("Bearer ")).isEqualTo("Bearer ");
    }

    @Test
    void masksOnlyTheThreeCredentialHeadersInAnyCase() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer sk-1234567890abcdef");
        headers.put("X-API-Key", "lgw-abcdefghijklmnop");
        headers.put("api-key", "short");
        headers.put("x-admin-token", "abcdefghijklmnopqrstuvwxyz");
        headers.put("content-type", "application/json");

        Map<String, String> redacted = Redaction.redact(headers);

        assertThat(redacted)
                .containsExactly(
                        Map.entry("Authorization", "Bearer sk-1***...***ef"),
                        Map.entry("X-API-Key", "lgw-***...***op"),
                        Map.entry("api-key", "***"),
                        Map.entry("x-admin-token", "abcdefghijklmnopqrstuvwxyz"),
                        Map.entry("content-type", "application/json"));
    }

    @Test
    void returnsANewMapAndLeavesTheOriginalAlone() {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer sk-1234567890abcdef"));

        Map<String, String> redacted = Redaction.redact(headers);

        assertThat(redacted).isNotSameAs(headers);
        assertThat(headers).containsEntry("authorization", "Bearer sk-1234567890abcdef");
    }

    @Test
    void keepsEmptyAndMissingValues() {
        Map<String, String> headers = new HashMap<>();
        headers.put("authorization", "");
        headers.put("x-api-key", null);

        assertThat(Redaction.redact(headers)).containsEntry("authorization", "").containsEntry("x-api-key", null);
    }
}
