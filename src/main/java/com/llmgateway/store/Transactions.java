package com.llmgateway.store;

import com.llmgateway.config.DatabaseType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one unit of JDBC work in its own connection and transaction, committing on success and rolling back on any
 * exception. {@link SQLException}s that the work does not translate itself become {@link DatabaseFailure}s.
 *
 * <p>SQLite write transactions start with {@code BEGIN IMMEDIATE}: a deferred transaction that reads before it writes
 * fails at once with {@code SQLITE_BUSY} when another connection (the request log writer) committed in between, while
 * an immediate one takes the write lock first and waits for it under {@code busy_timeout}.
 */
final class Transactions {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    /** A consistent read: one snapshot of the database for every statement of {@code work}. */
    static <T> T read(Database database, String what, Work<T> work) {
        try (Connection connection = database.connection()) {
            if (database.type() == DatabaseType.POSTGRESQL) {
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            connection.setAutoCommit(false);
            return commitOrRollBack(connection, work);
        } catch (SQLException e) {
            throw new DatabaseFailure(what, e);
        }
    }

    /**
     * A write to the routing configuration (providers, models, mappings, keys): {@link #write} plus a bump of {@link
     * ConfigVersion} at the end of the same transaction, which tells every gateway instance on the database to reload
     * its snapshot. A write that fails changes no version.
     */
    static <T> T configWrite(Database database, String what, Work<T> work) {
        return write(database, what, connection -> {
            T result = work.run(connection);
            ConfigVersion.bump(connection, database.type());
            return result;
        });
    }

    static <T> T write(Database database, String what, Work<T> work) {
        try (Connection connection = database.connection()) {
            if (database.type() == DatabaseType.SQLITE) {
                return immediateSqlite(connection, work);
            }
            connection.setAutoCommit(false);
            return commitOrRollBack(connection, work);
        } catch (SQLException e) {
            throw new DatabaseFailure(what, e);
        }
    }

    // Hikari restores auto-commit, read-only and isolation when the connection goes back to the pool.
    private static <T> T commitOrRollBack(Connection connection, Work<T> work) throws SQLException {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollBackQuietly(connection, e);
            throw e;
        }
    }

    private static <T> T immediateSqlite(Connection connection, Work<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(connection);
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private static void rollBackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }
}
