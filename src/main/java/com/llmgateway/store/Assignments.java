package com.llmgateway.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The SET list of a partial update: only the columns the caller wants changed, and the values to bind in order. */
final class Assignments {
    private final List<String> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    Assignments set(String column, Object value) {
        columns.add(column + " = ?");
        values.add(value);
        return this;
    }

    Assignments setIfPresent(String column, Optional<?> value) {
        value.ifPresent(v -> set(column, v));
        return this;
    }

    <T> Assignments setIfChanged(String column, Change<T> change, Function<T, Object> toColumn) {
        if (change.isSet()) {
            set(column, change.value().map(toColumn).orElse(null));
        }
        return this;
    }

    /** A NUMERIC column: a cleared value is bound as a null PostgreSQL accepts for it. */
    Assignments setDecimalIfChanged(String column, Change<BigDecimal> change) {
        if (change.isSet()) {
            set(column, Sql.decimal(change.value()));
        }
        return this;
    }

    String sql() {
        return String.join(", ", columns);
    }

    /** The assigned values followed by {@code more} (the key of the WHERE clause). */
    List<Object> values(Object... more) {
        List<Object> all = new ArrayList<>(values);
        all.addAll(List.of(more));
        return all;
    }
}
