package com.llmgateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.config.Settings.AdminCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless admin tokens (seed-spec section 9.1): base64url(payload JSON) + "." + base64url(HMAC-SHA256 of the
 * encoded payload). The payload is {@code {"v":1,"sub":username,"iat":s,"exp":s,"nonce":random}}.
 *
 * <p>The signing key is SHA-256 of {@code username + "\0" + password}, so changing either credential invalidates every
 * token issued before. A token is valid when its signature matches, {@code v} is 1, {@code sub} is the configured user
 * and the clock is still before {@code exp}.
 */
public final class AdminTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HMAC = "HmacSHA256";
    private static final int VERSION = 1;
    private static final int NONCE_BYTES = 16;
    /** Real tokens are about 200 characters; anything much longer is not worth decoding. */
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final String username;
    private final byte[] usernameDigest;
    private final byte[] passwordDigest;
    private final SecretKeySpec signingKey;
    private final Duration ttl;
    private final Clock clock;

    public AdminTokens(AdminCredentials credentials, Duration ttl, Clock clock) {
        this.username = credentials.username();
        this.usernameDigest = GatewayKeys.sha256(utf8(credentials.username()));
        this.passwordDigest = GatewayKeys.sha256(utf8(credentials.password()));
        this.signingKey = new SecretKeySpec(
                GatewayKeys.sha256(utf8(credentials.username() + "\0" + credentials.password())), HMAC);
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Compares both values in constant time, so timing tells nothing about how much of a guess was right. */
    public boolean credentialsMatch(String candidateUser, String candidatePassword) {
        boolean user = MessageDigest.isEqual(usernameDigest, GatewayKeys.sha256(utf8(candidateUser)));
        boolean password = MessageDigest.isEqual(passwordDigest, GatewayKeys.sha256(utf8(candidatePassword)));
        return user & password;
    }

    public String issue() {
        long now = clock.instant().getEpochSecond();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ObjectNode payload = JSON.createObjectNode()
                .put("v", VERSION)
                .put("sub", username)
                .put("iat", now)
                .put("exp", now + ttl.toSeconds())
                .put("nonce", ENCODER.encodeToString(nonce));
        String encoded = ENCODER.encodeToString(utf8(payload.toString()));
        return encoded + "." + ENCODER.encodeToString(sign(encoded));
    }

    public boolean isValid(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return false;
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(encoded), signature)) {
                return false;
            }
            return isCurrent(JSON.readTree(DECODER.decode(encoded)));
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private boolean isCurrent(JsonNode payload) {
        return payload.path("v").isInt()
                && payload.path("v").intValue() == VERSION
                && payload.path("sub").isTextual()
                && payload.path("sub").textValue().equals(username)
                && payload.path("exp").isIntegralNumber()
                && clock.instant().getEpochSecond() < payload.path("exp").longValue();
    }

    private byte[] sign(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(signingKey);
            return mac.doFinal(utf8(encodedPayload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
