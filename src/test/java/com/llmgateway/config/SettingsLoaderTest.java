package com.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Settings load(Map<String, String> env) {
        return SettingsLoader.load(env, dir.resolve(".env"));
    }

    private Settings loadOne(String name, String value) {
        return load(Map.of(name, value));
    }

    private Settings loadWithDotEnv(String dotEnv, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve(".env"), dotEnv, StandardCharsets.UTF_8);
        return load(env);
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                setting("APP_NAME", Settings::appName, "LLM Gateway"),
                setting("DEBUG", Settings::debug, false),
                setting("DATABASE_TYPE", s -> s.database().type(), DatabaseType.SQLITE),
                // The README promises ./data/llm_gateway.db (the original used ./llm_gateway.db).
                setting("DATABASE_URL", s -> s.database().jdbcUrl(), "jdbc:sqlite:./data/llm_gateway.db"),
                setting("RETRY_MAX_ATTEMPTS", Settings::retryMaxAttempts, 3),
                setting("RETRY_DELAY_MS", Settings::retryDelay, Duration.ofMillis(1000)),
                setting("HTTP_TIMEOUT", Settings::httpTimeout, Duration.ofSeconds(60)),
                setting("API_KEY_PREFIX", Settings::apiKeyPrefix, "lgw-"),
                setting("API_KEY_LENGTH", Settings::apiKeyLength, 32),
                setting("ADMIN_USERNAME/ADMIN_PASSWORD", Settings::admin, Optional.empty()),
                setting("ADMIN_TOKEN_TTL_SECONDS", Settings::adminTokenTtl, Duration.ofSeconds(86_400)),
                setting("LOG_RETENTION_DAYS", s -> s.logs().retentionDays(), 7),
                setting("LOG_CLEANUP_HOUR", s -> s.logs().cleanupHour(), 4),
                setting("LOG_QUEUE_MAX_BYTES", s -> s.logs().queueMaxBytes(), 64L * 1024 * 1024),
                setting("FRONTEND_DIST_DIR", Settings::frontendDistDir, Optional.empty()),
                setting("HOST", Settings::host, "0.0.0.0"),
                setting("PORT", Settings::port, 8000),
                setting("GATEWAY_SECRET_KEY", Settings::secretKey, Optional.empty()),
                setting("MAX_REQUEST_BYTES", Settings::maxRequestBytes, 32L * 1024 * 1024),
                setting("UPSTREAM_MAX_CONNECTIONS", Settings::upstreamMaxConnections, 512),
                setting("UPSTREAM_MAX_WAIT_QUEUE", Settings::upstreamMaxWaitQueue, 1024),
                setting("LOG_FORMAT", Settings::logFormat, LogFormat.TEXT));
    }

    private static Arguments setting(String name, Function<Settings, Object> read, Object expected) {
        return Arguments.of(name, read, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void everyVariableHasItsDefault(String name, Function<Settings, Object> read, Object expected) {
        assertThat(read.apply(load(Map.of()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void aBlankValueMeansTheDefault(String name, Function<Settings, Object> read, Object expected) {
        Map<String, String> blank = new HashMap<>();
        for (String variable : name.split("/")) {
            blank.put(variable, "  ");
        }
        assertThat(read.apply(load(blank))).isEqualTo(expected);
    }

    @Test
    void theDefaultSqliteFileIsRelativeToTheWorkingDirectory() {
        assertThat(load(Map.of()).database().sqliteFile()).hasValue(Path.of("./data/llm_gateway.db"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            RETRY_MAX_ATTEMPTS       | abc                  | a whole number from 1 to 100
            RETRY_MAX_ATTEMPTS       | 0                    | a whole number from 1 to 100
            RETRY_MAX_ATTEMPTS       | 101                  | a whole number from 1 to 100
            RETRY_MAX_ATTEMPTS       | 2.5                  | a whole number from 1 to 100
            RETRY_MAX_ATTEMPTS       | -1                   | a whole number from 1 to 100
            RETRY_MAX_ATTEMPTS       | 99999999999999999999 | a whole number from 1 to 100
            RETRY_DELAY_MS           | 1s                   | a whole number from 0 to 600000
            RETRY_DELAY_MS           | -1                   | a whole number from 0 to 600000
            RETRY_DELAY_MS           | 600001               | a whole number from 0 to 600000
            HTTP_TIMEOUT             | abc                  | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 0                    | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 0.0001               | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | -5                   | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 86401                | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | NaN                  | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | Infinity             | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 60s                  | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 60d                  | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 0x3C                 | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 6e1                  | a number of seconds from 0.001 to 86400
            HTTP_TIMEOUT             | 1,5                  | a number of seconds from 0.001 to 86400
            API_KEY_LENGTH           | 15                   | a whole number from 16 to 128
            API_KEY_LENGTH           | 129                  | a whole number from 16 to 128
            API_KEY_LENGTH           | thirty-two           | a whole number from 16 to 128
            ADMIN_TOKEN_TTL_SECONDS  | 0                    | a whole number from 1 to 31536000
            ADMIN_TOKEN_TTL_SECONDS  | 31536001             | a whole number from 1 to 31536000
            ADMIN_TOKEN_TTL_SECONDS  | 1d                   | a whole number from 1 to 31536000
            LOG_RETENTION_DAYS       | 0                    | a whole number from 1 to 36500
            LOG_RETENTION_DAYS       | 36501                | a whole number from 1 to 36500
            LOG_RETENTION_DAYS       | seven                | a whole number from 1 to 36500
            LOG_CLEANUP_HOUR         | 24                   | a whole number from 0 to 23
            LOG_CLEANUP_HOUR         | -1                   | a whole number from 0 to 23
            LOG_CLEANUP_HOUR         | 4am                  | a whole number from 0 to 23
            LOG_QUEUE_MAX_BYTES      | 1048575              | a whole number from 1048576 to 1099511627776
            LOG_QUEUE_MAX_BYTES      | 64MiB                | a whole number from 1048576 to 1099511627776
            PORT                     | 65536                | a whole number from 0 to 65535
            PORT                     | -1                   | a whole number from 0 to 65535
            PORT                     | http                 | a whole number from 0 to 65535
            MAX_REQUEST_BYTES        | 1023                 | a whole number from 1024 to 1073741824
            MAX_REQUEST_BYTES        | 2147483648           | a whole number from 1024 to 1073741824
            MAX_REQUEST_BYTES        | 32MB                 | a whole number from 1024 to 1073741824
            UPSTREAM_MAX_CONNECTIONS | 0                    | a whole number from 1 to 100000
            UPSTREAM_MAX_CONNECTIONS | 100001               | a whole number from 1 to 100000
            UPSTREAM_MAX_CONNECTIONS | many                 | a whole number from 1 to 100000
            UPSTREAM_MAX_WAIT_QUEUE  | -1                   | a whole number from 0 to 1000000
            UPSTREAM_MAX_WAIT_QUEUE  | 1000001              | a whole number from 0 to 1000000
            UPSTREAM_MAX_WAIT_QUEUE  | none                 | a whole number from 0 to 1000000
            DEBUG                    | maybe                | true or false
            DEBUG                    | 2                    | true or false
            DEBUG                    | tru                  | true or false
            DATABASE_TYPE            | mysql                | sqlite or postgresql
            DATABASE_TYPE            | postgres             | sqlite or postgresql
            DATABASE_TYPE            | sqlite3              | sqlite or postgresql
            LOG_FORMAT               | logfmt               | text or json
            """)
    void anInvalidValueNamesTheVariableAndWhatItAccepts(String name, String value, String accepted) {
        assertThatThrownBy(() -> loadOne(name, value))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("accepted: " + accepted);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            RETRY_MAX_ATTEMPTS       | 1
            RETRY_MAX_ATTEMPTS       | 100
            RETRY_DELAY_MS           | 0
            RETRY_DELAY_MS           | 600000
            HTTP_TIMEOUT             | 0.001
            HTTP_TIMEOUT             | 86400
            API_KEY_LENGTH           | 16
            API_KEY_LENGTH           | 128
            ADMIN_TOKEN_TTL_SECONDS  | 1
            ADMIN_TOKEN_TTL_SECONDS  | 31536000
            LOG_RETENTION_DAYS       | 1
            LOG_RETENTION_DAYS       | 36500
            LOG_CLEANUP_HOUR         | 0
            LOG_CLEANUP_HOUR         | 23
            PORT                     | 0
            PORT                     | 65535
            MAX_REQUEST_BYTES        | 1024
            MAX_REQUEST_BYTES        | 1073741824
            UPSTREAM_MAX_CONNECTIONS | 1
            UPSTREAM_MAX_CONNECTIONS | 100000
            UPSTREAM_MAX_WAIT_QUEUE  | 0
            UPSTREAM_MAX_WAIT_QUEUE  | 1000000
            """)
    void theBoundsOfEachRangeAreAccepted(String name, String value) {
        assertThatCode(() -> loadOne(name, value)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "true,true",
        "TRUE,true",
        "1,true",
        "yes,true",
        "on,true",
        "' true ',true",
        "false,false",
        "False,false",
        "0,false",
        "no,false",
        "off,false"
    })
    void debugAcceptsTheUsualBooleanSpellings(String value, boolean expected) {
        assertThat(loadOne("DEBUG", value).debug()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2.5,2500", "0.001,1", ".5,500", "60,60000", "1.,1000", "' 30 ',30000", "0.0015,2"})
    void httpTimeoutAcceptsDecimalSeconds(String value, long millis) {
        assertThat(loadOne("HTTP_TIMEOUT", value).httpTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sqlite,SQLITE", "SQLite,SQLITE", "' postgresql ',POSTGRESQL"})
    void databaseTypeIgnoresCaseAndSpaces(String value, DatabaseType expected) {
        String url = expected == DatabaseType.SQLITE ? "jdbc:sqlite:x.db" : "jdbc:postgresql://h/db";
        assertThat(load(Map.of("DATABASE_TYPE", value, "DATABASE_URL", url))
                        .database()
                        .type())
                .isEqualTo(expected);
    }

    @Test
    void theOtherVariablesAreRead() {
        Settings settings = load(Map.ofEntries(
                Map.entry("APP_NAME", "My Gateway"),
                Map.entry("RETRY_MAX_ATTEMPTS", " 5 "),
                Map.entry("RETRY_DELAY_MS", "250"),
                Map.entry("API_KEY_PREFIX", "sk-gw-"),
                Map.entry("API_KEY_LENGTH", "48"),
                Map.entry("ADMIN_TOKEN_TTL_SECONDS", "3600"),
                Map.entry("LOG_RETENTION_DAYS", "30"),
                Map.entry("LOG_CLEANUP_HOUR", "0"),
                Map.entry("FRONTEND_DIST_DIR", "/app/static"),
                Map.entry("HOST", "127.0.0.1"),
                Map.entry("PORT", "9000"),
                Map.entry("GATEWAY_SECRET_KEY", "k"),
                Map.entry("MAX_REQUEST_BYTES", "2048"),
                Map.entry("UPSTREAM_MAX_CONNECTIONS", "64"),
                Map.entry("UPSTREAM_MAX_WAIT_QUEUE", "0")));

        assertThat(settings.appName()).isEqualTo("My Gateway");
        assertThat(settings.retryMaxAttempts()).isEqualTo(5);
        assertThat(settings.retryDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.apiKeyPrefix()).isEqualTo("sk-gw-");
        assertThat(settings.apiKeyLength()).isEqualTo(48);
        assertThat(settings.adminTokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.logs().retentionDays()).isEqualTo(30);
        assertThat(settings.logs().cleanupHour()).isZero();
        assertThat(settings.frontendDistDir()).hasValue("/app/static");
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.secretKey()).hasValue("k");
        assertThat(settings.maxRequestBytes()).isEqualTo(2048);
        assertThat(settings.upstreamMaxConnections()).isEqualTo(64);
        assertThat(settings.upstreamMaxWaitQueue()).isZero();
    }

    /** ADMIN_USERNAME, ADMIN_PASSWORD (empty cell: unset) and whether admin login is enforced. */
    @ParameterizedTest(name = "user={0} password={1}")
    @CsvSource(delimiter = '|', textBlock = """
            admin |           | false
                  | secret    | false
            '   ' | secret    | false
            admin | '  '      | false
                  |           | false
            admin | secret    | true
            admin | ' pa ss ' | true
            """)
    void adminLoginIsEnforcedOnlyWhenBothCredentialsAreSet(String user, String password, boolean enabled) {
        Map<String, String> env = new HashMap<>();
        if (user != null) {
            env.put("ADMIN_USERNAME", user);
        }
        if (password != null) {
            env.put("ADMIN_PASSWORD", password);
        }
        Settings settings = load(env);

        assertThat(settings.adminAuthEnabled()).isEqualTo(enabled);
        if (enabled) {
            assertThat(settings.admin()).hasValue(new Settings.AdminCredentials(user, password));
        }
    }

    @Test
    void secretsAreNeverPrinted() {
        Settings settings = load(Map.of(
                "ADMIN_USERNAME", "admin",
                "ADMIN_PASSWORD", "s3cret-admin",
                "GATEWAY_SECRET_KEY", "s3cret-key",
                "DATABASE_TYPE", "postgresql",
                "DATABASE_URL", "postgresql://gw:s3cret-db@h/db?password=s3cret-param"));

        assertThat(settings.admin().orElseThrow().toString()).contains("admin").doesNotContain("s3cret");
        assertThat(settings.toString())
                .contains("admin", "jdbc:postgresql://h/db", "retryMaxAttempts=3")
                .doesNotContain("s3cret");
    }

    @Test
    void theDotEnvFileIsRead() throws IOException {
        Settings settings = loadWithDotEnv("""
                # gateway settings
                export RETRY_MAX_ATTEMPTS=5
                APP_NAME="Team Gateway"   # shown on GET /

                DATABASE_URL=sqlite+aiosqlite:///./team.db?check_same_thread=false
                """, Map.of());

        assertThat(settings.retryMaxAttempts()).isEqualTo(5);
        assertThat(settings.appName()).isEqualTo("Team Gateway");
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:sqlite:./team.db");
    }

    @Test
    void theEnvironmentWinsOverTheDotEnvFile() throws IOException {
        Settings settings =
                loadWithDotEnv("RETRY_MAX_ATTEMPTS=5\nRETRY_DELAY_MS=10\n", Map.of("RETRY_MAX_ATTEMPTS", "7"));

        assertThat(settings.retryMaxAttempts()).isEqualTo(7);
        assertThat(settings.retryDelay()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void anInvalidDotEnvValueHiddenByTheEnvironmentIsHarmless() throws IOException {
        Settings settings = loadWithDotEnv("PORT=not-a-port\n", Map.of("PORT", "9000"));

        assertThat(settings.port()).isEqualTo(9000);
    }

    @Test
    void anInvalidDotEnvValueIsReportedLikeAnEnvironmentOne() throws IOException {
        assertThatThrownBy(() -> loadWithDotEnv("LOG_CLEANUP_HOUR=25\n", Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("LOG_CLEANUP_HOUR")
                .hasMessageContaining("from 0 to 23");
    }

    @Test
    void aMissingDotEnvFileIsFine() {
        assertThat(SettingsLoader.load(Map.of(), dir.resolve("absent").resolve(".env"))
                        .retryMaxAttempts())
                .isEqualTo(3);
    }

    @Test
    void aDotEnvThatIsNotUtf8IsReportedAsASettingsError() throws IOException {
        Files.write(dir.resolve(".env"), new byte[] {'A', '=', (byte) 0xFF, '\n'});

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(".env");
    }
}
