package com.llmgateway.testing;

import com.llmgateway.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;

/** Reads {@code request_logs} with plain JDBC, the same on SQLite and PostgreSQL, for tests of the request log. */
public final class LogTable {
    private LogTable() {}

    /** One row, with accessors that hide how each database returns integers, booleans and decimals. */
    public record Row(Map<String, Object> columns) {
        public String text(String column) {
            Object value = value(column);
            return value == null ? null : value.toString();
        }

        public Long number(String column) {
            Object value = value(column);
            return value == null ? null : ((Number) value).longValue();
        }

        public boolean flag(String column) {
            Object value = value(column);
            return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
        }

        public BigDecimal decimal(String column) {
            Object value = value(column);
            return value == null ? null : new BigDecimal(value.toString());
        }

        private Object value(String column) {
            if (!columns.containsKey(column)) {
                throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
            }
            return columns.get(column);
        }
    }

    /** Every row in insertion order. */
    public static List<Row> all(Database database) {
        return query(database, "SELECT * FROM request_logs ORDER BY id", null);
    }

    public static Optional<Row> byTrace(Database database, String traceId) {
        return query(database, "SELECT * FROM request_logs WHERE trace_id = ?", traceId).stream()
                .findFirst();
    }

    /** The row of {@code traceId}, waiting up to 10 s for the writer to store it. */
    public static Row awaitRow(Database database, String traceId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> byTrace(database, traceId), Optional::isPresent)
                .orElseThrow();
    }

    public static Row awaitRow(TestGateway gw, String traceId) {
        return awaitRow(gw.gateway().database(), traceId);
    }

    public static long count(Database database) {
        try (Connection connection = database.connection();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM request_logs");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> query(Database database, String sql, String parameter) {
        try (Connection connection = database.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of {@code rows}, columns by lower-case name. */
    public static List<Row> read(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Row> result = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> columns = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rows.getObject(i));
            }
            result.add(new Row(columns));
        }
        return result;
    }
}
