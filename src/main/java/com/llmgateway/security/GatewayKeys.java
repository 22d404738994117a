package com.llmgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Gateway API keys: generation, the SHA-256 hash they are stored and looked up by, and the mask shown in lists.
 *
 * <p>A key is the configured prefix ({@code lgw-}) followed by {@code API_KEY_LENGTH} lower-case hex characters from
 * {@link SecureRandom} (seed-spec section 3.4: 32 hex characters from 16 random bytes).
 */
public final class GatewayKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;
    private final int length;

    public GatewayKeys(String prefix, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("key length " + length);
        }
        this.prefix = prefix;
        this.length = length;
    }

    /** A new random key; its full value is shown once and then only its hash is kept. */
    public String generate() {
        byte[] random = new byte[(length + 1) / 2];
        RANDOM.nextBytes(random);
        return prefix + HEX.formatHex(random).substring(0, length);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes: the value stored in {@code api_keys.key_hash}. */
    public static String sha256Hex(String value) {
        return HEX.formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The form lists show, e.g. {@code lgw-***...***9f}. */
    public static String mask(String key) {
        return Redaction.mask(key);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
