package com.llmgateway.security;

/** The master key cannot be read or created, or a stored secret cannot be decrypted with it. */
public final class SecretCipherException extends RuntimeException {
    SecretCipherException(String message) {
        super(message);
    }

    SecretCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
