package com.llmgateway.security;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.Settings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts provider credentials at rest with AES-256-GCM. A stored value is {@code v1:} + base64(IV || ciphertext ||
 * tag) with a random 12-byte IV, so the same key encrypts differently every time and any change is detected.
 *
 * <p>The master key comes from {@code GATEWAY_SECRET_KEY} (base64 of 32 bytes, or else any string, hashed with
 * SHA-256). Without it the gateway generates a key on first start into {@value #KEY_FILE_NAME} beside the SQLite file
 * ({@code ./data/} for PostgreSQL), created with mode 0600, and reuses it afterwards. Losing that file makes every
 * stored provider key unreadable.
 */
public final class SecretCipher {
    public static final String KEY_FILE_NAME = "secret.key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretCipher.class);
    private static final String VERSION_PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Path POSTGRES_KEY_DIR = Path.of("data");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The cipher for these settings: {@code GATEWAY_SECRET_KEY} if set, otherwise the generated key file. */
    public static SecretCipher fromSettings(Settings settings) {
        if (settings.secretKey().isEmpty() && settings.database().sqliteFile().isEmpty()) {
            // Every instance on a shared database must decrypt what any other one encrypted.
            LOG.warn("GATEWAY_SECRET_KEY is not set: provider keys are encrypted with this instance's own key file;"
                    + " set the same GATEWAY_SECRET_KEY on every instance that shares the database");
        }
        return settings.secretKey()
                .map(SecretCipher::fromSecret)
                .orElseGet(() -> fromKeyFile(keyFileFor(settings.database())));
    }

    /** A key given as base64 of exactly 32 bytes is used as is; any other string is hashed with SHA-256. */
    public static SecretCipher fromSecret(String secret) {
        return new SecretCipher(decodeKey(secret.trim()).orElseGet(() -> GatewayKeys.sha256(bytes(secret))));
    }

    /** Reads the key in {@code file}, or creates the file with a new random key (mode 0600) when it does not exist. */
    public static SecretCipher fromKeyFile(Path file) {
        if (!Files.exists(file)) {
            try {
                return new SecretCipher(createKeyFile(file));
            } catch (FileAlreadyExistsException e) {
                // Another process created it between our check and our create: use theirs.
            } catch (IOException e) {
                throw new SecretCipherException("Cannot create the master key file " + file + ": " + e, e);
            }
        }
        return new SecretCipher(readKeyFile(file));
    }

    /** Beside the SQLite database, or {@code ./data/secret.key} for PostgreSQL. */
    public static Path keyFileFor(DatabaseConfig database) {
        Path dir = database.sqliteFile()
                .map(file -> file.toAbsolutePath().getParent())
                .orElse(POSTGRES_KEY_DIR.toAbsolutePath());
        return dir.resolve(KEY_FILE_NAME).normalize();
    }

    public String encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(bytes(plaintext));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return VERSION_PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plaintext of a value made by {@link #encrypt}; fails if it was changed or encrypted under another key. */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(VERSION_PREFIX)) {
            throw new SecretCipherException("Stored secret is not in the v1 format");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored.substring(VERSION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("Stored secret is not valid base64", e);
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("Stored secret is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException(
                    "Cannot decrypt a stored secret: it was encrypted with another master key"
                            + " (GATEWAY_SECRET_KEY or " + KEY_FILE_NAME + " changed) or it was altered",
                    e);
        }
    }

    private static byte[] createKeyFile(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        byte[] content = bytes(Base64.getEncoder().encodeToString(key) + "\n");
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // The mode is part of the create call, so the key is never readable by others, not even for a moment.
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly())) {
            channel.write(ByteBuffer.wrap(content));
        }
        LOG.info("Generated a new master key in {}; back it up: provider keys cannot be decrypted without it", file);
        return key;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static byte[] readKeyFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new SecretCipherException(
                    "Cannot read the master key file " + file + " (" + e
                            + "); fix its permissions or set GATEWAY_SECRET_KEY",
                    e);
        }
        warnIfShared(file);
        return decodeKey(content)
                .orElseThrow(() -> new SecretCipherException(
                        "The master key file " + file + " does not hold base64 of 32 bytes; restore it from a backup"));
    }

    private static void warnIfShared(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("The master key file {} is readable by others ({}); chmod 600 it", file, permissions);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    private static Optional<byte[]> decodeKey(String text) {
        try {
            byte[] key = Base64.getDecoder().decode(text);
            return key.length == KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key=***]";
    }
}
