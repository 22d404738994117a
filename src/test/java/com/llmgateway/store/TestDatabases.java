package com.llmgateway.store;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.DatabaseType;
import com.llmgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        if (TestPostgres.url().isPresent()) {
            databases.add(Named.of("postgresql", TestDatabases::postgres));
        }
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
    static Database postgres() {
        TestPostgres.Schema schema = TestPostgres.freshSchema();
        return Database.open(new DatabaseConfig(
                DatabaseType.POSTGRESQL,
                schema.jdbcUrl(),
                TestPostgres.user(),
                TestPostgres.password(),
                Optional.empty()));
    }
}
