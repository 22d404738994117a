package com.llmgateway.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Reads and prunes {@code request_logs} for the admin API: the filtered, sorted, paged list, one row in full, and the
 * chunked delete behind retention. Rows are written by the log writer, not here.
 *
 * <p>Blocking: callers run it on worker threads.
 */
public final class RequestLogStore {
    private static final String ENTRY_COLUMNS = "id, request_time, api_key_id, api_key_name, requested_model,"
            + " target_model, provider_id, provider_name, retry_count, matched_provider_count, first_byte_delay_ms,"
            + " total_time_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
            + " response_status, trace_id, is_stream, endpoint, usage_source, total_cost, price_source";
    private static final String DETAIL_COLUMNS = ENTRY_COLUMNS + ", request_headers, request_body,"
            + " request_body_truncated, response_body, response_body_truncated, error_info, attempts, input_cost,"
            + " output_cost";

    private final Database database;

    public RequestLogStore(Database database) {
        this.database = database;
    }

    public Page<LogEntry> list(LogFilter filter, LogSort sort, PageRequest page) {
        Where where = filter.where();
        return Transactions.read(
                database,
                "list request logs",
                connection -> new Page<>(
                        Sql.query(
                                connection,
                                listSql(where, sort),
                                where.values(page.pageSize(), page.offset()),
                                RequestLogStore::entry),
                        Sql.count(connection, "SELECT COUNT(*) FROM request_logs" + where.sql(), where.values())));
    }

    /** Fails with {@code log_not_found} when there is no such row. */
    public LogDetail get(long id) {
        return Transactions.read(
                database,
                "read request log",
                connection -> Sql.queryOne(
                                connection,
                                "SELECT " + DETAIL_COLUMNS + " FROM request_logs WHERE id = ?",
                                List.of(id),
                                RequestLogStore::detail)
                        .orElseThrow(() -> StoreException.notFound("log_not_found", "Log " + id + " not found")));
    }

    /**
     * Deletes at most {@code maxRows} rows received before {@code cutoff}, in one short transaction, and returns how
     * many it deleted. Callers loop while a chunk comes back full: a single huge DELETE would hold SQLite's one write
     * lock for as long as it runs and lock the log writer out. The rows are chosen through the request_time index.
     */
    public int deleteOlderThan(Instant cutoff, int maxRows) {
        return Transactions.write(
                database,
                "delete old request logs",
                connection -> Sql.update(
                        connection,
                        "DELETE FROM request_logs WHERE id IN"
                                + " (SELECT id FROM request_logs WHERE request_time < ? LIMIT ?)",
                        List.of(cutoff.toEpochMilli(), maxRows)));
    }

    String listSql(Where where, LogSort sort) {
        return "SELECT " + ENTRY_COLUMNS + " FROM request_logs" + where.sql() + sort.orderBy(database.type())
                + " LIMIT ? OFFSET ?";
    }

    private static LogEntry entry(ResultSet row) throws SQLException {
        return new LogEntry(
                row.getLong("id"),
                Sql.instant(row, "request_time"),
                nullableLong(row, "api_key_id"),
                row.getString("api_key_name"),
                row.getString("requested_model"),
                row.getString("target_model"),
                nullableLong(row, "provider_id"),
                row.getString("provider_name"),
                row.getInt("retry_count"),
                nullableInt(row, "matched_provider_count"),
                nullableLong(row, "first_byte_delay_ms"),
                nullableLong(row, "total_time_ms"),
                new LogTokens(
                        nullableLong(row, "input_tokens"),
                        nullableLong(row, "output_tokens"),
                        nullableLong(row, "cache_read_tokens"),
                        nullableLong(row, "cache_write_tokens"),
                        nullableLong(row, "reasoning_tokens")),
                nullableInt(row, "response_status"),
                row.getString("trace_id"),
                row.getBoolean("is_stream"),
                row.getString("endpoint"),
                row.getString("usage_source"),
                cost(row, "total_cost"),
                row.getString("price_source"));
    }

    private static LogDetail detail(ResultSet row) throws SQLException {
        return new LogDetail(
                entry(row),
                row.getString("request_headers"),
                row.getString("request_body"),
                row.getBoolean("request_body_truncated"),
                row.getString("response_body"),
                row.getBoolean("response_body_truncated"),
                row.getString("error_info"),
                row.getString("attempts"),
                cost(row, "input_cost"),
                cost(row, "output_cost"));
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /** Costs are stored with four decimals; SQLite hands them back as binary floating point, so they are re-rounded. */
    private static BigDecimal cost(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        return value == null ? null : value.setScale(LogCosts.SCALE, RoundingMode.HALF_UP);
    }
}
