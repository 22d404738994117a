package com.llmgateway.store;

import com.llmgateway.config.DatabaseType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code config_version} row (migration V4): a counter of committed changes to the routing configuration. Every
 * admin write bumps it in its own transaction, so "the version changed" means exactly "some instance committed a
 * change since the snapshot was read".
 *
 * <p>On PostgreSQL the bump also sends {@code NOTIFY lgw_config, '<version>'}. PostgreSQL delivers a notification only
 * when its transaction commits (and not at all when it rolls back), so a listener never reloads before the change is
 * visible to it.
 */
final class ConfigVersion {
    /** The PostgreSQL notification channel every instance listens on. */
    static final String CHANNEL = "lgw_config";

    private ConfigVersion() {}

    /** Inside a write transaction, as its last statement: bumps the version and returns the new one. */
    static long bump(Connection connection, DatabaseType type) throws SQLException {
        // Last in the transaction: the row lock it takes on PostgreSQL is then always the last lock taken, so two
        // admin writes never wait for each other in opposite orders.
        long version = Sql.queryOne(
                        connection,
                        "UPDATE config_version SET version = version + 1 WHERE id = 1 RETURNING version",
                        List.of(),
                        row -> row.getLong(1))
                .orElseThrow(() -> new SQLException("config_version has no row; migration V4 missing?"));
        if (type == DatabaseType.POSTGRESQL) {
            Sql.query(
                    connection,
                    "SELECT pg_notify(?, ?)",
                    List.of(CHANNEL, Long.toString(version)),
                    row -> row.getString(1));
        }
        return version;
    }

    static long read(Connection connection) throws SQLException {
        return Sql.queryOne(
                        connection, "SELECT version FROM config_version WHERE id = 1", List.of(), row -> row.getLong(1))
                .orElseThrow(() -> new SQLException("config_version has no row; migration V4 missing?"));
    }
}
