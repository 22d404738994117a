package com.llmgateway.config;

import static com.llmgateway.config.DatabaseType.POSTGRESQL;
import static com.llmgateway.config.DatabaseType.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUrlsTest {
    private static final String SECRET = "s3cret";

    /** DATABASE_URL, DATABASE_TYPE, then the expected JDBC URL, user, password and SQLite file (null: none). */
    static Stream<Arguments> acceptedUrls() {
        return Stream.of(
                Arguments.of(
                        "sqlite+aiosqlite:///./llm_gateway.db",
                        SQLITE,
                        "jdbc:sqlite:./llm_gateway.db",
                        null,
                        null,
                        "./llm_gateway.db"),
                Arguments.of("sqlite:////data/x.db", SQLITE, "jdbc:sqlite:/data/x.db", null, null, "/data/x.db"),
                Arguments.of(
                        "sqlite:///rel/x.db?check_same_thread=false",
                        SQLITE,
                        "jdbc:sqlite:rel/x.db",
                        null,
                        null,
                        "rel/x.db"),
                Arguments.of("  sqlite:///./x.db \n", SQLITE, "jdbc:sqlite:./x.db", null, null, "./x.db"),
                Arguments.of("jdbc:sqlite:/tmp/x.db", SQLITE, "jdbc:sqlite:/tmp/x.db", null, null, "/tmp/x.db"),
                Arguments.of("jdbc:sqlite:data/x.db", SQLITE, "jdbc:sqlite:data/x.db", null, null, "data/x.db"),
                Arguments.of(
                        "jdbc:sqlite:file:/tmp/x.db?mode=rwc",
                        SQLITE,
                        "jdbc:sqlite:file:/tmp/x.db?mode=rwc",
                        null,
                        null,
                        "/tmp/x.db"),
                Arguments.of(
                        "postgresql+asyncpg://user:p%40ss@host:5432/db",
                        POSTGRESQL, "jdbc:postgresql://host:5432/db", "user", "p@ss", null),
                Arguments.of("postgresql://host/db", POSTGRESQL, "jdbc:postgresql://host/db", null, null, null),
                Arguments.of("postgresql://host", POSTGRESQL, "jdbc:postgresql://host/", null, null, null),
                Arguments.of(
                        "postgres://u:pw@db.example.com:6543/gw?sslmode=require",
                        POSTGRESQL,
                        "jdbc:postgresql://db.example.com:6543/gw?sslmode=require",
                        "u",
                        "pw",
                        null),
                Arguments.of(
                        "postgresql+psycopg2://only-user@host/db",
                        POSTGRESQL,
                        "jdbc:postgresql://host/db",
                        "only-user",
                        null,
                        null),
                Arguments.of("postgresql://u:@host/db", POSTGRESQL, "jdbc:postgresql://host/db", "u", "", null),
                Arguments.of(
                        "postgresql://u:pa+ss@host/db", POSTGRESQL, "jdbc:postgresql://host/db", "u", "pa+ss", null),
                Arguments.of(
                        "postgresql://u:pa/ss:w@host/db",
                        POSTGRESQL,
                        "jdbc:postgresql://host/db",
                        "u",
                        "pa/ss:w",
                        null),
                Arguments.of(
                        "postgresql://us%3Aer:%2Fp%20w%C3%A9@host/db",
                        POSTGRESQL, "jdbc:postgresql://host/db", "us:er", "/p wé", null),
                Arguments.of(
                        "postgresql://u:pw@[::1]:5432/db",
                        POSTGRESQL,
                        "jdbc:postgresql://[::1]:5432/db",
                        "u",
                        "pw",
                        null),
                Arguments.of(
                        "jdbc:postgresql://host:5432/db",
                        POSTGRESQL,
                        "jdbc:postgresql://host:5432/db",
                        null,
                        null,
                        null),
                Arguments.of(
                        "jdbc:postgresql://host/db?user=u&password=pw",
                        POSTGRESQL,
                        "jdbc:postgresql://host/db?user=u&password=pw",
                        null,
                        null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedUrls")
    void acceptsTheOriginalsUrlsAndJdbcUrls(
            String url, DatabaseType type, String jdbcUrl, String user, String password, String sqliteFile) {
        DatabaseConfig config = DatabaseUrls.parse(type, url);

        assertThat(config.type()).isEqualTo(type);
        assertThat(config.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(config.user()).isEqualTo(Optional.ofNullable(user));
        assertThat(config.password()).isEqualTo(Optional.ofNullable(password));
        assertThat(config.sqliteFile())
                .isEqualTo(Optional.ofNullable(sqliteFile).map(Path::of));
    }

    @Test
    void relativeSqlitePathsStayRelativeToTheWorkingDirectory() {
        assertThat(DatabaseUrls.parse(SQLITE, "sqlite+aiosqlite:///./llm_gateway.db")
                        .sqliteFile()
                        .orElseThrow()
                        .isAbsolute())
                .isFalse();
        assertThat(DatabaseUrls.parse(SQLITE, "sqlite:////data/x.db")
                        .sqliteFile()
                        .orElseThrow()
                        .isAbsolute())
                .isTrue();
    }

    /** DATABASE_TYPE, DATABASE_URL, and the DATABASE_TYPE the message must suggest. */
    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of(SQLITE, "postgresql+asyncpg://user:" + SECRET + "@host:5432/db", "postgresql"),
                Arguments.of(SQLITE, "postgres://host/db", "postgresql"),
                Arguments.of(SQLITE, "jdbc:postgresql://host/db?user=u&password=" + SECRET, "postgresql"),
                Arguments.of(POSTGRESQL, "sqlite+aiosqlite:///./llm_gateway.db", "sqlite"),
                Arguments.of(POSTGRESQL, "jdbc:sqlite:/tmp/x.db", "sqlite"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("mismatches")
    void aTypeThatContradictsTheUrlIsRejectedWithBothNames(DatabaseType type, String url, String suggested) {
        assertThatThrownBy(() -> DatabaseUrls.parse(type, url))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("DATABASE_TYPE is " + type.settingValue())
                .hasMessageContaining("set DATABASE_TYPE=" + suggested)
                .message()
                .doesNotContain(SECRET);
    }

    static Stream<String> garbageUrls() {
        return Stream.of(
                "not a url",
                "",
                "sqlite:/one-slash-too-few.db",
                "sqlite+aiosqlite//./missing-colon.db",
                "mysql://root:" + SECRET + "@localhost/db",
                "https://user:" + SECRET + "@example.com/db",
                "root:" + SECRET + "@localhost/db",
                "jdbc:mysql://h/db?user=root&password=" + SECRET,
                "postgresql://user:" + SECRET + "@with-at@host/db",
                "postgresql://user:%zz" + SECRET + "@host/db",
                "postgresql://user:" + SECRET + "@");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageUrls")
    void garbageIsRejectedWithTheAcceptedFormsAndNeverThePassword(String url) {
        for (DatabaseType type : DatabaseType.values()) {
            assertThatThrownBy(() -> DatabaseUrls.parse(type, url))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("DATABASE_URL")
                    .hasMessageContaining("sqlite+aiosqlite:///")
                    .hasMessageContaining("sqlite:////")
                    .hasMessageContaining("jdbc:sqlite:")
                    .hasMessageContaining("postgresql+asyncpg://")
                    .hasMessageContaining("jdbc:postgresql://")
                    .message()
                    .doesNotContain(SECRET);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inMemoryUrls")
    void inMemorySqliteIsRejectedBecauseEverythingWouldBeLostAtRestart(String url) {
        assertThatThrownBy(() -> DatabaseUrls.parse(SQLITE, url))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("a SQLite file URL");
    }

    static Stream<String> inMemoryUrls() {
        return Stream.of("sqlite:///:memory:", "jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file::memory:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redactions")
    void redactHidesPasswordsOnly(String url, String redacted) {
        assertThat(DatabaseUrls.redact(url)).isEqualTo(redacted);
    }

    static Stream<Arguments> redactions() {
        return Stream.of(
                Arguments.of("postgresql://u:pw@host/db", "postgresql://u:***@host/db"),
                Arguments.of("postgresql://u:p/w:x@host/db", "postgresql://u:***@host/db"),
                Arguments.of("postgresql://u@host/db", "postgresql://u@host/db"),
                Arguments.of("postgresql://host:5432/db", "postgresql://host:5432/db"),
                Arguments.of(
                        "jdbc:postgresql://h/db?user=u&password=pw&ssl=true",
                        "jdbc:postgresql://h/db?user=u&password=***&ssl=true"),
                Arguments.of("jdbc:postgresql://h/db?PASSWORD=pw", "jdbc:postgresql://h/db?PASSWORD=***"),
                Arguments.of("jdbc:sqlite:/tmp/x.db", "jdbc:sqlite:/tmp/x.db"));
    }

    @Test
    void databaseConfigNeverPrintsThePassword() {
        DatabaseConfig fromUserInfo = DatabaseUrls.parse(POSTGRESQL, "postgresql://u:" + SECRET + "@h/db");
        DatabaseConfig fromParameter = DatabaseUrls.parse(POSTGRESQL, "jdbc:postgresql://h/db?password=" + SECRET);

        assertThat(fromUserInfo.toString()).doesNotContain(SECRET).contains("jdbc:postgresql://h/db", "u");
        assertThat(fromParameter.toString()).doesNotContain(SECRET).contains("password=***");
    }

    @Test
    void settingsLoaderReadsBothVariablesTogether() {
        Settings settings = SettingsLoader.load(
                Map.of("DATABASE_TYPE", "postgresql", "DATABASE_URL", "postgresql+asyncpg://gw:pw@db:5432/gw"),
                Path.of("no-such-dir", ".env"));

        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/gw");
        assertThat(settings.database().user()).hasValue("gw");
        assertThat(settings.database().password()).hasValue("pw");
    }
}
