package com.llmgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.DatabaseType;
import com.llmgateway.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sk-1234567890abcdef", "", "ünïcødé 密钥 🔑", "x"})
    void roundTrips(String plaintext) {
        SecretCipher cipher = SecretCipher.fromSecret("a passphrase");

        String stored = cipher.encrypt(plaintext);

        assertThat(stored).startsWith("v1:");
        assertThat(cipher.decrypt(stored)).isEqualTo(plaintext);
    }

    @Test
    void neverStoresThePlaintext() {
        String stored = SecretCipher.fromSecret("k").encrypt("sk-1234567890abcdef");

        assertThat(new String(
                        Base64.getDecoder().decode(stored.substring(3)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("sk-1234567890abcdef");
    }

    @Test
    void usesAFreshIvEveryTime() {
        SecretCipher cipher = SecretCipher.fromSecret("a passphrase");

        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void storesTwelveByteIvThenCiphertextAndSixteenByteTag() {
        String stored = SecretCipher.fromSecret("k").encrypt("12345");

        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        assertThat(raw).hasSize(12 + 5 + 16);
    }

    @Test
    void detectsTampering() {
        SecretCipher cipher = SecretCipher.fromSecret("a passphrase");
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("sk-secret").substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("Cannot decrypt");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"plain-text-key", "v1:", "v1:not base64!", "v1:AAAA", "v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void rejectsValuesItDidNotWrite(String stored) {
        assertThatThrownBy(() -> SecretCipher.fromSecret("k").decrypt(stored))
                .isInstanceOf(SecretCipherException.class);
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String stored = SecretCipher.fromSecret("one").encrypt("sk-secret");

        assertThatThrownBy(() -> SecretCipher.fromSecret("two").decrypt(stored))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("another master key");
    }

    @Test
    void acceptsABase64KeyOf32BytesAsIsAndHashesAnythingElse() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        String base64 = Base64.getEncoder().encodeToString(raw);
        String stored = SecretCipher.fromSecret(base64).encrypt("v");

        assertThat(SecretCipher.fromSecret(" " + base64 + "\n").decrypt(stored)).isEqualTo("v");
        // The same text used as a passphrase would be hashed, giving another key.
        assertThatThrownBy(() -> SecretCipher.fromSecret(base64 + "x").decrypt(stored))
                .isInstanceOf(SecretCipherException.class);
    }

    @Test
    void createsTheKeyFileWithMode0600AndReusesIt() throws IOException {
        Path file = dir.resolve("nested/secret.key");

        String stored = SecretCipher.fromKeyFile(file).encrypt("sk-secret");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(SecretCipher.fromKeyFile(file).decrypt(stored)).isEqualTo("sk-secret");
    }

    @Test
    void refusesAKeyFileThatDoesNotHoldAKey() throws IOException {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "not a key");

        assertThatThrownBy(() -> SecretCipher.fromKeyFile(file))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("base64 of 32 bytes");
    }

    @Test
    void explainsAnUnreadableKeyFile() throws IOException {
        Path file = dir.resolve("secret.key");
        Files.createDirectory(file); // exists, but reading it fails

        assertThatThrownBy(() -> SecretCipher.fromKeyFile(file))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("Cannot read the master key file")
                .hasMessageContaining("GATEWAY_SECRET_KEY");
    }

    @Test
    void keepsTheKeyFileBesideTheSqliteDatabaseOrInDataForPostgres() {
        DatabaseConfig sqlite = new DatabaseConfig(
                DatabaseType.SQLITE,
                "jdbc:sqlite:x",
                Optional.empty(),
                Optional.empty(),
                Optional.of(dir.resolve("db/gateway.db")));
        DatabaseConfig postgres = new DatabaseConfig(
                DatabaseType.POSTGRESQL,
                "jdbc:postgresql://h/db",
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(SecretCipher.keyFileFor(sqlite)).isEqualTo(dir.resolve("db/secret.key"));
        assertThat(SecretCipher.keyFileFor(postgres))
                .isEqualTo(Path.of("data/secret.key").toAbsolutePath());
    }

    @Test
    void gatewaySecretKeyWinsOverTheKeyFile() {
        Path database = dir.resolve("gateway.db");
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:sqlite:" + database, "GATEWAY_SECRET_KEY", "env key");
        SecretCipher fromEnv = SecretCipher.fromSettings(SettingsLoader.load(env, dir.resolve("no.env")));

        String stored = fromEnv.encrypt("sk-secret");

        assertThat(dir.resolve("secret.key")).doesNotExist();
        assertThat(SecretCipher.fromSecret("env key").decrypt(stored)).isEqualTo("sk-secret");
    }

    @Test
    void withoutGatewaySecretKeyTheFileBesideTheDatabaseIsUsed() {
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("gateway.db"));

        String stored = SecretCipher.fromSettings(SettingsLoader.load(env, dir.resolve("no.env")))
                .encrypt("v");

        assertThat(SecretCipher.fromKeyFile(dir.resolve("secret.key")).decrypt(stored))
                .isEqualTo("v");
    }
}
