package com.llmgateway.testing;

import com.llmgateway.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts {@code request_logs} rows with chosen columns straight through JDBC, for tests of what reads the log. Unset
 * columns stay NULL (or their schema default); {@link #with} sets any column by name.
 */
public final class LogSeed {
    private final Map<String, Object> columns = new LinkedHashMap<>();

    private LogSeed(Instant requestTime) {
        columns.put("request_time", requestTime.toEpochMilli());
    }

    public static LogSeed at(Instant requestTime) {
        return new LogSeed(requestTime);
    }

    public LogSeed with(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    public LogSeed model(String requested, String target) {
        return with("requested_model", requested).with("target_model", target);
    }

    public LogSeed provider(long id, String name) {
        return with("provider_id", id).with("provider_name", name);
    }

    public LogSeed key(long id, String name) {
        return with("api_key_id", id).with("api_key_name", name);
    }

    public LogSeed status(int status) {
        return with("response_status", status);
    }

    public LogSeed retries(int retries) {
        return with("retry_count", retries);
    }

    public LogSeed tokens(long input, long output) {
        return with("input_tokens", input).with("output_tokens", output).with("usage_source", "provider");
    }

    public LogSeed times(long firstByteMs, long totalMs) {
        return with("first_byte_delay_ms", firstByteMs).with("total_time_ms", totalMs);
    }

    public LogSeed cost(String input, String output, String total) {
        return with("input_cost", new BigDecimal(input))
                .with("output_cost", new BigDecimal(output))
                .with("total_cost", new BigDecimal(total))
                .with("price_source", "ModelFallback");
    }

    public LogSeed unpriced() {
        return with("price_source", "unpriced");
    }

    public LogSeed error(String errorInfo) {
        return with("error_info", errorInfo);
    }

    /** Inserts the row and returns its id. */
    public long insert(Database database) {
        List<String> names = List.copyOf(columns.keySet());
        String sql = "INSERT INTO request_logs (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ") RETURNING id";
        return insertReturningId(database, sql, List.copyOf(columns.values()));
    }

    /** A provider row to point logs at (request_logs.provider_id is a foreign key). */
    public static long provider(Database database, String name) {
        long now = Instant.now().toEpochMilli();
        return insertReturningId(
                database,
                "INSERT INTO service_providers (name, base_url, protocol, api_type, created_at, updated_at)"
                        + " VALUES (?, 'http://127.0.0.1:9/v1', 'openai', 'chat', ?, ?) RETURNING id",
                List.of(name, now, now));
    }

    /** A gateway key row to point logs at (request_logs.api_key_id is a foreign key). */
    public static long apiKey(Database database, String name) {
        return insertReturningId(
                database,
                "INSERT INTO api_keys (key_name, key_hash, key_mask, is_active, created_at)"
                        + " VALUES (?, ?, 'lgw-***...***00', TRUE, ?) RETURNING id",
                List.of(
                        name,
                        String.format("%064x", name.hashCode() & 0xffffffffL),
                        Instant.now().toEpochMilli()));
    }

    private static long insertReturningId(Database database, String sql, List<Object> values) {
        try (Connection connection = database.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert: " + sql, e);
        }
    }
}
