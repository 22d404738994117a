package com.llmgateway.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Inserts {@link LogRow}s into {@code request_logs} with one JDBC batch per transaction, in SQL that SQLite and
 * PostgreSQL both accept.
 *
 * <p>The key and the provider are referenced through a sub-select, so a row whose key or provider was deleted in the
 * meantime is stored with a {@code null} reference (and its name) instead of failing its whole batch on the foreign
 * key. {@link #insertNew} skips rows whose trace id is already stored: replaying the spill file after a crash, or after
 * a commit whose acknowledgement was lost, does not duplicate them.
 */
final class RequestLogInserts {
    /** Every column a row writes (all of request_logs but the generated id); {@link LogSort} sorts on these too. */
    static final List<String> COLUMNS = List.of(
            "request_time",
            "api_key_id",
            "api_key_name",
            "requested_model",
            "target_model",
            "provider_id",
            "provider_name",
            "retry_count",
            "matched_provider_count",
            "first_byte_delay_ms",
            "total_time_ms",
            "input_tokens",
            "output_tokens",
            "request_headers",
            "request_body",
            "response_status",
            "response_body",
            "error_info",
            "trace_id",
            "is_stream",
            "endpoint",
            "attempts",
            "usage_source",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "input_cost",
            "output_cost",
            "total_cost",
            "price_source",
            "request_body_truncated",
            "response_body_truncated");

    private static final String VALUES = COLUMNS.stream()
            .map(column -> switch (column) {
                case "api_key_id" -> "(SELECT id FROM api_keys WHERE id = ?)";
                case "provider_id" -> "(SELECT id FROM service_providers WHERE id = ?)";
                default -> "?";
            })
            .collect(Collectors.joining(", "));

    private static final String INTO = "INSERT INTO request_logs (" + String.join(", ", COLUMNS) + ") ";

    static final String INSERT = INTO + "VALUES (" + VALUES + ")";

    static final String INSERT_NEW =
            INTO + "SELECT " + VALUES + " WHERE NOT EXISTS (SELECT 1 FROM request_logs WHERE trace_id = ?)";

    // SQLSTATE classes of errors caused by the data rather than by the database (PostgreSQL, and the SQL standard).
    private static final String DATA_EXCEPTION = "22";
    private static final String INTEGRITY_VIOLATION = "23";

    private RequestLogInserts() {}

    /** Inserts every row in one transaction; rolls back and throws if any fails. */
    static void insert(Connection connection, List<LogRow> rows) throws SQLException {
        inTransaction(connection, INSERT, rows, false);
    }

    /** Like {@link #insert}, skipping rows whose trace id is already in the table; returns how many were inserted. */
    static int insertNew(Connection connection, List<LogRow> rows) throws SQLException {
        return inTransaction(connection, INSERT_NEW, rows, true);
    }

    /**
     * Whether {@code e} was caused by a row's content (a value the column refuses, a constraint) rather than by the
     * database being unavailable: such a row would fail again however often it is retried.
     */
    static boolean isDataError(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current instanceof SQLiteException sqlite && isSqliteDataError(sqlite.getResultCode())) {
                return true;
            }
            String state = current.getSQLState();
            if (!(current instanceof SQLiteException)
                    && state != null
                    && (state.startsWith(DATA_EXCEPTION) || state.startsWith(INTEGRITY_VIOLATION))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSqliteDataError(SQLiteErrorCode code) {
        // Extended result codes (SQLITE_CONSTRAINT_NOTNULL, ...) keep the primary code in their low byte.
        return (code.code & 0xFF) == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                || code == SQLiteErrorCode.SQLITE_TOOBIG
                || code == SQLiteErrorCode.SQLITE_MISMATCH;
    }

    /**
     * SQLite: an explicit {@code BEGIN IMMEDIATE} on an auto-commit connection, so that the write lock is taken (and
     * waited for) first, and released at {@code COMMIT}. sqlite-jdbc in manual-commit mode would begin the next
     * transaction right after each commit instead, which can hold the lock between batches.
     */
    private static int inTransaction(Connection connection, String sql, List<LogRow> rows, boolean onlyNew)
            throws SQLException {
        boolean sqlite = connection.isWrapperFor(SQLiteConnection.class);
        if (!sqlite && connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        try (Statement control = connection.createStatement()) {
            if (sqlite) {
                control.execute("BEGIN IMMEDIATE");
            }
            try {
                int inserted = batch(connection, sql, rows, onlyNew);
                commit(connection, control, sqlite);
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, control, sqlite, e);
                throw e;
            }
        }
    }

    private static int batch(Connection connection, String sql, List<LogRow> rows, boolean onlyNew)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (LogRow row : rows) {
                int next = bind(statement, row);
                if (onlyNew) {
                    statement.setString(next, row.traceId());
                }
                statement.addBatch();
            }
            return count(statement.executeBatch());
        }
    }

    private static void commit(Connection connection, Statement control, boolean sqlite) throws SQLException {
        if (sqlite) {
            control.execute("COMMIT");
        } else {
            connection.commit();
        }
    }

    private static void rollBack(Connection connection, Statement control, boolean sqlite, Exception cause) {
        try {
            if (sqlite) {
                control.execute("ROLLBACK");
            } else {
                connection.rollback();
            }
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    /** Drivers may answer {@link Statement#SUCCESS_NO_INFO} for batched rows: then each is counted as inserted. */
    private static int count(int[] updates) {
        int inserted = 0;
        for (int update : updates) {
            inserted += update == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, update);
        }
        return inserted;
    }

    /** Binds {@code row} in {@link #COLUMNS} order; returns the next parameter index. */
    private static int bind(PreparedStatement statement, LogRow row) throws SQLException {
        Binder binder = new Binder(statement);
        binder.bigint(row.requestTime())
                .bigint(row.apiKeyId())
                .text(row.apiKeyName())
                .text(row.requestedModel())
                .text(row.targetModel())
                .bigint(row.providerId())
                .text(row.providerName())
                .bigint((long) row.retryCount())
                .bigint((long) row.matchedProviderCount())
                .bigint(row.firstByteDelayMs())
                .bigint(row.totalTimeMs())
                .bigint(row.inputTokens())
                .bigint(row.outputTokens())
                .text(row.requestHeaders())
                .text(row.requestBody())
                .bigint(
                        row.responseStatus() == null
                                ? null
                                : row.responseStatus().longValue())
                .text(row.responseBody())
                .text(row.errorInfo())
                .text(row.traceId())
                .bool(row.stream())
                .text(row.endpoint())
                .text(row.attempts())
                .text(row.usageSource())
                .bigint(row.cacheReadTokens())
                .bigint(row.cacheWriteTokens())
                .bigint(row.reasoningTokens())
                .decimal(row.inputCost())
                .decimal(row.outputCost())
                .decimal(row.totalCost())
                .text(row.priceSource())
                .bool(row.requestBodyTruncated())
                .bool(row.responseBodyTruncated());
        return binder.next;
    }

    /**
     * Binds parameters in order with their SQL type, nulls included: PostgreSQL refuses a null typed as text for an
     * integer column, and in {@code INSERT ... SELECT} it cannot infer a type from the target column.
     */
    private static final class Binder {
        private final PreparedStatement statement;
        private int next = 1;

        Binder(PreparedStatement statement) {
            this.statement = statement;
        }

        Binder bigint(Long value) throws SQLException {
            if (value == null) {
                statement.setNull(next++, Types.BIGINT);
            } else {
                statement.setLong(next++, value);
            }
            return this;
        }

        Binder text(String value) throws SQLException {
            if (value == null) {
                statement.setNull(next++, Types.VARCHAR);
            } else {
                statement.setString(next++, value);
            }
            return this;
        }

        Binder bool(boolean value) throws SQLException {
            statement.setBoolean(next++, value);
            return this;
        }

        Binder decimal(BigDecimal value) throws SQLException {
            if (value == null) {
                statement.setNull(next++, Types.NUMERIC);
            } else {
                statement.setBigDecimal(next++, value);
            }
            return this;
        }
    }
}
