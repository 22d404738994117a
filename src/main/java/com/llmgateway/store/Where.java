package com.llmgateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The optional filters of a list query, as SQL text and the values to bind in order. Column names come from code, never
 * from a client; only values are bound.
 */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    Where equal(String column, Optional<?> value) {
        value.ifPresent(v -> {
            conditions.add(column + " = ?");
            values.add(v);
        });
        return this;
    }

    Where atLeast(String column, Optional<?> min) {
        return compare(column, ">=", min);
    }

    Where atMost(String column, Optional<?> max) {
        return compare(column, "<=", max);
    }

    /**
     * A case-insensitive substring match, as the original's {@code ILIKE '%x%'}, written portably: both sides
     * lower-cased, and {@code %}, {@code _} and the escape character in the text matched literally.
     */
    Where containsIgnoringCase(String column, Optional<String> text) {
        text.ifPresent(t -> {
            conditions.add("LOWER(" + column + ") LIKE ? ESCAPE '\\'");
            values.add("%" + escapeLike(t.toLowerCase(Locale.ROOT)) + "%");
        });
        return this;
    }

    /** A fixed condition without values, e.g. {@code error_info IS NULL}. */
    Where condition(String sql) {
        conditions.add("(" + sql + ")");
        return this;
    }

    private Where compare(String column, String operator, Optional<?> value) {
        value.ifPresent(v -> {
            conditions.add(column + " " + operator + " ?");
            values.add(v);
        });
        return this;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The filter values followed by {@code more} (for example LIMIT and OFFSET). */
    List<Object> values(Object... more) {
        List<Object> all = new ArrayList<>(values);
        all.addAll(List.of(more));
        return all;
    }
}
