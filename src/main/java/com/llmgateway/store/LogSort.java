package com.llmgateway.store;

import com.llmgateway.config.DatabaseType;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The order of a log list: one column of {@code request_logs}, then {@code id} in the same direction so that pages
 * never overlap or skip rows with equal values. Rows without a value come last in both directions, on both databases
 * (SQLite and PostgreSQL disagree on where NULLs go by default).
 */
public record LogSort(String column, boolean ascending) {
    public static final String DEFAULT_COLUMN = "request_time";

    /** Every column of request_logs: the id and what a row writes; the only text ever written into an ORDER BY. */
    static final Set<String> COLUMNS =
            Stream.concat(Stream.of("id"), RequestLogInserts.COLUMNS.stream()).collect(Collectors.toUnmodifiableSet());

    /** Declared NOT NULL: no NULLS clause, so SQLite can walk an index in either direction instead of sorting. */
    private static final Set<String> NOT_NULL = Set.of(
            "id", "request_time", "retry_count", "is_stream", "request_body_truncated", "response_body_truncated");

    private static final Set<String> TEXT = Set.of(
            "api_key_name",
            "requested_model",
            "target_model",
            "provider_name",
            "request_headers",
            "request_body",
            "response_body",
            "error_info",
            "trace_id",
            "endpoint",
            "attempts",
            "usage_source",
            "price_source");

    /** The default order: newest first. */
    public static final LogSort NEWEST_FIRST = new LogSort(DEFAULT_COLUMN, false);

    public LogSort {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a request_logs column: " + column);
        }
    }

    /** Sorts by {@code column} when it is one of the table's, otherwise by {@code request_time} (as the original did). */
    public static LogSort by(String column, boolean ascending) {
        return new LogSort(COLUMNS.contains(column) ? column : DEFAULT_COLUMN, ascending);
    }

    String orderBy(DatabaseType type) {
        String direction = ascending ? " ASC" : " DESC";
        if (column.equals("id")) {
            return " ORDER BY id" + direction;
        }
        String key = TEXT.contains(column) ? Sql.byCodePoint(type, column) : column;
        String nulls = NOT_NULL.contains(column) ? "" : " NULLS LAST";
        return " ORDER BY " + key + direction + nulls + ", id" + direction;
    }
}
