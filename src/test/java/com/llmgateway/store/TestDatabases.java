package com.llmgateway.store;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.DatabaseType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;

/**
 * Fresh, migrated databases for store tests: always a temporary SQLite file, and a throw-away PostgreSQL schema when
 * {@code LGW_TEST_POSTGRES_URL} (a JDBC URL, with {@code LGW_TEST_POSTGRES_USER} and {@code
 * LGW_TEST_POSTGRES_PASSWORD}) names a server the tests may use.
 */
final class TestDatabases {
    private TestDatabases() {}

    /** Argument source for {@code @MethodSource("com.llmgateway.store.TestDatabases#all")}. */
    static List<Named<Supplier<Database>>> all() {
        List<Named<Supplier<Database>>> databases = new ArrayList<>();
        databases.add(Named.of("sqlite", TestDatabases::sqlite));
        Optional.ofNullable(System.getenv("LGW_TEST_POSTGRES_URL"))
                .filter(url -> !url.isBlank())
                .ifPresent(url -> databases.add(Named.of("postgresql", () -> postgres(url))));
        return databases;
    }

    static Database sqlite() {
        try {
            Path dir = Files.createTempDirectory("lgw-store");
            Path file = dir.resolve("gateway.db");
            return Database.open(new DatabaseConfig(
                    DatabaseType.SQLITE, "jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), Optional.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new schema per database, so tests never see each other's rows; dropped with the server's test database. */
    private static Database postgres(String url) {
        Optional<String> user = Optional.ofNullable(System.getenv("LGW_TEST_POSTGRES_USER"));
        Optional<String> password = Optional.ofNullable(System.getenv("LGW_TEST_POSTGRES_PASSWORD"));
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection =
                        java.sql.DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in " + url, e);
        }
        String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Database.open(new DatabaseConfig(DatabaseType.POSTGRESQL, withSchema, user, password, Optional.empty()));
    }
}
