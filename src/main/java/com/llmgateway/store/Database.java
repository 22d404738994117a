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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the schema. {@link #open} creates the SQLite folder if needed, configures the pool and runs
 * the migrations of the database's own folder ({@code db/migration/sqlite} or {@code db/migration/postgresql}).
 *
 * <p>All JDBC calls block: callers run them on worker threads, never on an event loop.
 */
public final class Database implements AutoCloseable {
    /** Pool size: admin writes and snapshot loads are rare; the request log writer has its own connection besides. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    /** PostgreSQL, unpooled connections: seconds to connect, and to wait for any one answer of the server. */
    static final int UNPOOLED_CONNECT_TIMEOUT_SECONDS = 5;

    static final int UNPOOLED_SOCKET_TIMEOUT_SECONDS = 15;

    /** How the gateway's connections name themselves to PostgreSQL ({@code pg_stat_activity.application_name}). */
    static final String APPLICATION_NAME = "llm-gateway";

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
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
        driverProperties(config.type(), Duration.ofMillis(SQLITE_BUSY_TIMEOUT_MS))
                .forEach((name, value) -> hikari.addDataSourceProperty((String) name, value));
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
        return new Database(config, dataSource);
    }

    /** sqlite-jdbc reads PRAGMAs from connection properties, so every connection, pooled or not, gets them. */
    private static Properties driverProperties(DatabaseType type, Duration sqliteBusyTimeout) {
        Properties properties = new Properties();
        if (type == DatabaseType.SQLITE) {
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("synchronous", "NORMAL");
            properties.setProperty("busy_timeout", String.valueOf(sqliteBusyTimeout.toMillis()));
            properties.setProperty("foreign_keys", "true");
        } else {
            properties.setProperty("reWriteBatchedInserts", "true");
            properties.setProperty("ApplicationName", APPLICATION_NAME);
        }
        return properties;
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
        return config.type();
    }

    public DatabaseConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * A connection of its own, outside the pool, for a long-lived single user (the request log writer) that must not
     * take a pooled connection from admin requests nor wait for one. On SQLite {@code sqliteBusyTimeout} bounds how
     * long a write waits for another writer's lock. On PostgreSQL connecting and each network read are bounded
     * ({@link #UNPOOLED_CONNECT_TIMEOUT_SECONDS}, {@link #UNPOOLED_SOCKET_TIMEOUT_SECONDS}) so that a lost server is
     * noticed rather than waited for forever. {@code user} names the user in PostgreSQL's {@code application_name}
     * ("llm-gateway log writer"). The caller closes it.
     */
    Connection openUnpooled(Duration sqliteBusyTimeout, String user) throws SQLException {
        Properties properties = driverProperties(config.type(), sqliteBusyTimeout);
        if (config.type() == DatabaseType.POSTGRESQL) {
            properties.setProperty("ApplicationName", APPLICATION_NAME + " " + user);
            properties.setProperty("connectTimeout", String.valueOf(UNPOOLED_CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("socketTimeout", String.valueOf(UNPOOLED_SOCKET_TIMEOUT_SECONDS));
        }
        config.user().ifPresent(name -> properties.setProperty("user", name));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        return DriverManager.getConnection(config.jdbcUrl(), properties);
    }

    /**
     * Proves the database usable for readiness: a pooled connection answers a read of {@code config_version} (so the
     * schema is there too) within {@code timeout} per statement. Blocking; throws {@link DatabaseFailure} otherwise.
     * Waiting for a pooled connection is bounded by the pool's own timeout, not by {@code timeout}: callers that must
     * answer sooner wait for the result with their own timer.
     */
    public void ping(Duration timeout) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement
                    .executeQuery("SELECT version FROM config_version WHERE id = 1")
                    .close();
        } catch (SQLException e) {
            throw new DatabaseFailure("database check", e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
