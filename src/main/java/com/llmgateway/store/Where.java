package com.llmgateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The optional equality filters of a list query, as SQL text and the values to bind in order. */
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
