package com.llmgateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.config.DatabaseType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few places where SQLite and PostgreSQL differ, and the column conversions every store shares: times are epoch
 * milliseconds, JSON is text.
 */
final class Sql {
    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Decimal places of the price columns, {@code NUMERIC(12, 4)}. */
    static final int DECIMAL_SCALE = 4;

    /** A null bound with an explicit SQL type. */
    record TypedNull(int sqlType) {}

    private static final TypedNull NULL_DECIMAL = new TypedNull(Types.NUMERIC);

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Sql() {}

    static <T> List<T> query(Connection connection, String sql, List<Object> values, RowReader<T> reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        }
    }

    static <T> Optional<T> queryOne(Connection connection, String sql, List<Object> values, RowReader<T> reader)
            throws SQLException {
        return query(connection, sql, values, reader).stream().findFirst();
    }

    static long count(Connection connection, String sql, List<Object> values) throws SQLException {
        return queryOne(connection, sql, values, row -> row.getLong(1)).orElse(0L);
    }

    static int update(Connection connection, String sql, List<Object> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    /** Runs an {@code INSERT ... RETURNING id}, which SQLite (3.35+) and PostgreSQL both understand. */
    static long insertReturningId(Connection connection, String sql, List<Object> values) throws SQLException {
        return queryOne(connection, sql + " RETURNING id", values, row -> row.getLong(1))
                .orElseThrow(() -> new SQLException("INSERT returned no id"));
    }

    /**
     * Locks the selected row until commit on PostgreSQL, so a check ("no mapping uses this provider") still holds when
     * the write that depends on it runs. SQLite needs nothing: {@code BEGIN IMMEDIATE} already serialises writers.
     */
    static String forUpdate(DatabaseType type) {
        return type == DatabaseType.POSTGRESQL ? " FOR UPDATE" : "";
    }

    /** Like {@link #forUpdate} but only keeps the row from being deleted or re-keyed. */
    static String forShare(DatabaseType type) {
        return type == DatabaseType.POSTGRESQL ? " FOR SHARE" : "";
    }

    /** Orders by the code points of a text column, as SQLite does, rather than by PostgreSQL's locale collation. */
    static String byCodePoint(DatabaseType type, String column) {
        return type == DatabaseType.POSTGRESQL ? column + " COLLATE \"C\"" : column;
    }

    static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else if (value instanceof TypedNull typed) {
                statement.setNull(i + 1, typed.sqlType());
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(i + 1, flag);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /**
     * A NUMERIC parameter; absent becomes a null typed as a number, because PostgreSQL refuses to assign a VARCHAR
     * null (what {@link #bind} sends for a plain {@code null}) to a NUMERIC column.
     */
    static Object decimal(Optional<BigDecimal> value) {
        return value.<Object>map(decimal -> decimal).orElse(NULL_DECIMAL);
    }

    /**
     * A NUMERIC column in its shortest plain form ({@code 2.5}, {@code 100}), whichever way the database stored it:
     * SQLite's NUMERIC affinity keeps {@code 2.5000} as the REAL 2.5, PostgreSQL returns the declared scale. Rounding
     * to {@link #DECIMAL_SCALE} places removes the binary noise a REAL may carry.
     */
    static Optional<BigDecimal> decimal(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        return value == null
                ? Optional.empty()
                : Optional.of(plain(value.setScale(DECIMAL_SCALE, RoundingMode.HALF_UP)));
    }

    /** Without trailing zeros, and never in exponent notation ({@code 1E+2} becomes {@code 100}). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static String jsonText(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise JSON", e);
        }
    }

    /** Stored JSON; text that no longer parses is logged and read as absent rather than failing the whole list. */
    static Optional<JsonNode> json(ResultSet row, String column, String owner) throws SQLException {
        String text = row.getString(column);
        if (text == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            LOG.error("Stored {} of {} is not valid JSON; ignoring it", column, owner);
            return Optional.empty();
        }
    }
}
