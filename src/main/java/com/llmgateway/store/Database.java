package com.llmgateway.store;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.DatabaseType;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the schema. {@link #open} creates the SQLite folder if needed, configures the pool and runs
 * the migrations of the database's own folder ({@code db/migration/sqlite} or {@code db/migration/postgresql}).
 *
 * <p>All JDBC calls block: callers run them on worker threads, never on an event loop.
 */
public final class Database implements AutoCloseable {
    /** Pool size: admin writes and snapshot loads are rare; the log writer owns one more connection later. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    private final DatabaseType type;
    private final HikariDataSource dataSource;

    private Database(DatabaseType type, HikariDataSource dataSource) {
        this.type = type;
        this.dataSource = dataSource;
    }

    public static Database open(DatabaseConfig config) {
        config.sqliteFile().ifPresent(Database::createParentFolder);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setPoolName("gateway-db");
        hikari.setMaximumPoolSize(DEFAULT_POOL_SIZE);
        hikari.setMinimumIdle(1);
        if (config.type() == DatabaseType.SQLITE) {
            // sqlite-jdbc reads PRAGMAs from connection properties, so every pooled connection gets them.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            hikari.addDataSourceProperty("foreign_keys", "true");
        } else {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + config.type().settingValue())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(config.type(), dataSource);
    }

    private static void createParentFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the database folder " + parent, e);
            }
        }
    }

    public DatabaseType type() {
        return type;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
