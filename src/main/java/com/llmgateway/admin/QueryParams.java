package com.llmgateway.admin;

import com.llmgateway.store.PageRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Query and path parameters of the admin API, validated; a bad one answers 422 naming it. */
final class QueryParams {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private QueryParams() {}

    /** {@code page} ≥ 1 (default 1) and {@code page_size} 1–100 (default 20). */
    static PageRequest page(RoutingContext ctx) {
        long page = integer(ctx, "page", 1, Integer.MAX_VALUE).orElse(1L);
        long size = integer(ctx, "page_size", 1, MAX_PAGE_SIZE).orElse((long) DEFAULT_PAGE_SIZE);
        return new PageRequest(Math.toIntExact(page), Math.toIntExact(size));
    }

    /** Accepts the spellings pydantic accepted: true/false, 1/0, yes/no, on/off, in any case. */
    static Optional<Boolean> bool(RoutingContext ctx, String name) {
        return last(ctx, name).map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ValidationException("query", name, "must be a boolean");
        });
    }

    static Optional<Long> integer(RoutingContext ctx, String name, long min, long max) {
        return last(ctx, name).map(value -> parseLong("query", name, value, min, max));
    }

    static Optional<String> text(RoutingContext ctx, String name, TextRule rule) {
        return last(ctx, name).map(value -> checked("query", name, value, rule));
    }

    static long pathId(RoutingContext ctx, String name) {
        return parseLong("path", name, ctx.pathParam(name), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Checked like the body field it names: a NUL, for one, would make PostgreSQL fail the query. */
    static String pathText(RoutingContext ctx, String name, TextRule rule) {
        return checked("path", name, ctx.pathParam(name), rule);
    }

    private static String checked(String location, String name, String value, TextRule rule) {
        rule.problem(value).ifPresent(problem -> {
            throw new ValidationException(location, name, problem);
        });
        return value;
    }

    private static long parseLong(String location, String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(location, name, "must be an integer");
        }
        if (parsed < min) {
            throw new ValidationException(location, name, "must be at least " + min);
        }
        if (parsed > max) {
            throw new ValidationException(location, name, "must be at most " + max);
        }
        return parsed;
    }

    /** With a repeated parameter the last one wins, as in FastAPI. */
    private static Optional<String> last(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }
}
