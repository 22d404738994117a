package com.llmgateway.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests may use, named by {@code LGW_TEST_POSTGRES_URL} (a JDBC URL of a database the tests may
 * fill with schemas), with {@code LGW_TEST_POSTGRES_USER} and {@code LGW_TEST_POSTGRES_PASSWORD}. {@code .ci/run} sets
 * them to a fresh database; without them every PostgreSQL test is skipped.
 *
 * <p>{@code LGW_TEST_DATABASE=postgresql} (an environment variable or a system property) makes {@link TestGateway} put
 * every gateway on PostgreSQL instead of a temporary SQLite file: the second Surefire execution sets it, so the
 * integration tests run against both databases.
 */
public final class TestPostgres {
    private TestPostgres() {}

    /** The server's JDBC URL, when one is configured. */
    public static Optional<String> url() {
        return setting("LGW_TEST_POSTGRES_URL");
    }

    public static Optional<String> user() {
        return setting("LGW_TEST_POSTGRES_USER");
    }

    public static Optional<String> password() {
        return setting("LGW_TEST_POSTGRES_PASSWORD");
    }

    /** Skips the calling test (a JUnit assumption) when no PostgreSQL server is configured. */
    public static String require() {
        Assumptions.assumeTrue(url().isPresent(), "LGW_TEST_POSTGRES_URL is not set: no PostgreSQL to test against");
        return url().orElseThrow();
    }

    /** Whether {@link TestGateway} should start gateways on PostgreSQL ({@code LGW_TEST_DATABASE=postgresql}). */
    public static boolean selectedForGateways() {
        return setting("LGW_TEST_DATABASE")
                .map(value -> value.trim().toLowerCase(Locale.ROOT).equals("postgresql"))
                .orElse(false);
    }

    /** A new empty schema in the test database; tests in different schemas never see each other's rows. */
    public static Schema freshSchema() {
        String url = require();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE SCHEMA " + name);
        return new Schema(name, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
    }

    /**
     * A schema of the test database.
     *
     * @param jdbcUrl the test database's URL with this schema as the current one (no credentials)
     */
    public record Schema(String name, String jdbcUrl) {
        /** The URL with the test credentials in it, for settings that take only a URL ({@code DATABASE_URL}). */
        public String jdbcUrlWithCredentials() {
            StringBuilder url = new StringBuilder(jdbcUrl);
            user().ifPresent(user -> url.append("&user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8)));
            password()
                    .ifPresent(password ->
                            url.append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8)));
            return url.toString();
        }

        /** Drops the schema and everything in it. */
        public void drop() {
            execute(url().orElseThrow(), "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(
                jdbcUrl, user().orElse(null), password().orElse(null));
    }

    private static void execute(String url, String sql) {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(name)))
                .filter(value -> !value.isBlank());
    }
}
