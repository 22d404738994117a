package com.llmgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.config.Settings.AdminCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokensTest {
    private static final AdminCredentials ADMIN = new AdminCredentials("admin", "s3cret");
    private static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");
    private static final Duration TTL = Duration.ofHours(24);

    @Test
    void acceptsAFreshToken() {
        AdminTokens tokens = tokens(ADMIN, NOW);

        assertThat(tokens.isValid(tokens.issue())).isTrue();
    }

    @Test
    void payloadHasVersionSubjectTimesAndNonce() throws Exception {
        String token = tokens(ADMIN, NOW).issue();

        JsonNode payload =
                new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));

        assertThat(payload.get("v").intValue()).isEqualTo(1);
        assertThat(payload.get("sub").textValue()).isEqualTo("admin");
        assertThat(payload.get("iat").longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(payload.get("exp").longValue()).isEqualTo(NOW.getEpochSecond() + TTL.toSeconds());
        assertThat(payload.get("nonce").textValue()).isNotBlank();
        assertThat(token).doesNotContain("=").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void signsWithHmacSha256KeyedBySha256OfUsernameNulPassword() throws Exception {
        String token = tokens(ADMIN, NOW).issue();
        String payload = token.substring(0, token.indexOf('.'));
        byte[] key = GatewayKeys.sha256("admin\0s3cret".getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));

        String expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));

        assertThat(token.substring(token.indexOf('.') + 1)).isEqualTo(expected);
    }

    @Test
    void expiresAtExpAndNotBefore() {
        String token = tokens(ADMIN, NOW).issue();

        assertThat(tokens(ADMIN, NOW.plus(TTL).minusSeconds(1)).isValid(token)).isTrue();
        assertThat(tokens(ADMIN, NOW.plus(TTL)).isValid(token)).isFalse();
        assertThat(tokens(ADMIN, NOW.plus(TTL).plusSeconds(3600)).isValid(token))
                .isFalse();
    }

    @Test
    void changedCredentialsInvalidateEveryToken() {
        String token = tokens(ADMIN, NOW).issue();

        assertThat(tokens(new AdminCredentials("admin", "other"), NOW).isValid(token))
                .isFalse();
        assertThat(tokens(new AdminCredentials("root", "s3cret"), NOW).isValid(token))
                .isFalse();
    }

    @Test
    void rejectsATamperedPayloadOrSignature() {
        AdminTokens tokens = tokens(ADMIN, NOW);
        String token = tokens.issue();
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String longerLife = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                        .replaceFirst("\"exp\":\\d+", "\"exp\":99999999999")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.isValid(longerLife + "." + signature)).isFalse();
        assertThat(tokens.isValid(payload + "." + flipFirst(signature))).isFalse();
        assertThat(tokens.isValid(payload + "." + signature + "x")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "a.b.c", "%%%.%%%", "eyJ2IjoxfQ.", "eyJ2IjoxfQ"})
    void rejectsGarbage(String token) {
        assertThat(tokens(ADMIN, NOW).isValid(token)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(tokens(ADMIN, NOW).isValid(null)).isFalse();
    }

    @Test
    void checksCredentials() {
        AdminTokens tokens = tokens(ADMIN, NOW);

        assertThat(tokens.credentialsMatch("admin", "s3cret")).isTrue();
        assertThat(tokens.credentialsMatch("admin", "s3cret ")).isFalse();
        assertThat(tokens.credentialsMatch("Admin", "s3cret")).isFalse();
        assertThat(tokens.credentialsMatch("admin", "")).isFalse();
    }

    private static String flipFirst(String text) {
        return (text.charAt(0) == 'A' ? "B" : "A") + text.substring(1);
    }

    private static AdminTokens tokens(AdminCredentials credentials, Instant now) {
        return new AdminTokens(credentials, TTL, Clock.fixed(now, ZoneOffset.UTC));
    }
}
