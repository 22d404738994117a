package com.llmgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.config.Settings.AdminCredentials;
import com.llmgateway.security.AdminTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminAccessTest {
    private static final AdminCredentials ADMIN = new AdminCredentials("admin", "pw");
    private static final AdminTokens TOKENS = new AdminTokens(ADMIN, Duration.ofHours(1), Clock.systemUTC());

    @ParameterizedTest(name = "{0} is loopback: {1}")
    @CsvSource({
        "127.0.0.1, true",
        "127.255.255.254, true",
        "::1, true",
        "0:0:0:0:0:0:0:1, true",
        "[::1], true",
        "::ffff:127.0.0.1, true",
        "10.0.0.1, false",
        "192.168.1.20, false",
        "128.0.0.1, false",
        "::2, false",
        "fe80::1, false",
        "localhost, false",
        "example.com, false",
        "127.0.0.1.evil.com, false",
    })
    void recognisesLoopbackLiteralsOnly(String host, boolean loopback) {
        assertThat(AdminAccess.isLoopback(host)).isEqualTo(loopback);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingAddressIsNotLoopback(String host) {
        assertThat(AdminAccess.isLoopback(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void withoutCredentialsLoopbackClientsAreLetIn(String host) {
        assertThat(new AdminAccess(Optional.empty()).check(host, Optional.empty()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "2001:db8::1", "192.168.0.7"})
    void withoutCredentialsOtherClientsAreToldToConfigureLogin(String host) {
        Optional<AdminAccess.Denial> denial = new AdminAccess(Optional.empty()).check(host, Optional.of("anything"));

        assertThat(denial).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(403);
            assertThat(d.detail()).contains("ADMIN_USERNAME").contains("ADMIN_PASSWORD");
        });
    }

    @Test
    void withCredentialsATokenIsRequiredFromEveryAddress() {
        AdminAccess access = new AdminAccess(Optional.of(TOKENS));

        assertThat(access.check("127.0.0.1", Optional.empty()))
                .contains(new AdminAccess.Denial(401, "Not authenticated"));
        assertThat(access.check("10.0.0.1", Optional.of("bad.token")))
                .contains(new AdminAccess.Denial(401, "Invalid or expired token"));
        assertThat(access.check("10.0.0.1", Optional.of(TOKENS.issue()))).isEmpty();
    }

    @Test
    void expiredTokensAreRefused() {
        AdminTokens past = new AdminTokens(
                ADMIN, Duration.ofHours(1), Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));

        assertThat(new AdminAccess(Optional.of(TOKENS)).check("127.0.0.1", Optional.of(past.issue())))
                .contains(new AdminAccess.Denial(401, "Invalid or expired token"));
    }
}
