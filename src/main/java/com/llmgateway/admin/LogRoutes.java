package com.llmgateway.admin;

import com.llmgateway.store.Database;
import com.llmgateway.store.LogFilter;
import com.llmgateway.store.LogRetention;
import com.llmgateway.store.LogSort;
import com.llmgateway.store.PageRequest;
import com.llmgateway.store.RequestLogStats;
import com.llmgateway.store.RequestLogStore;
import com.llmgateway.store.StatsQuery;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code /api/admin/logs} (seed-spec section 9.6): the filtered list, one row in full, the statistics of section 14 and
 * the manual cleanup. Reads run on worker threads; the cleanup deletes in the same short chunks as the daily job.
 */
final class LogRoutes {
    private static final String PATH = "/admin/logs";

    private final RequestLogStore store;
    private final RequestLogStats stats;
    private final LogRetention retention;
    private final Blocking blocking;
    private final int retentionDays;
    private final Clock clock;

    /** {@code retentionDays} is the cleanup's default ({@code LOG_RETENTION_DAYS}). */
    LogRoutes(Vertx vertx, Database database, Blocking blocking, int retentionDays) {
        this.clock = Clock.systemUTC();
        this.store = new RequestLogStore(database);
        this.stats = new RequestLogStats(database, clock);
        this.retention = new LogRetention(vertx, store, clock);
        this.blocking = blocking;
        this.retentionDays = retentionDays;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::list);
        // Before "/:id", which would otherwise take "stats" for an id.
        router.get(PATH + "/stats").handler(this::stats);
        router.post(PATH + "/cleanup").handler(this::cleanup);
        router.get(PATH + "/:id").handler(this::get);
    }

    private void list(RoutingContext ctx) {
        LogFilter filter = LogParams.filter(ctx);
        LogSort sort = LogParams.sort(ctx);
        PageRequest page = QueryParams.page(ctx);
        blocking.read(ctx, () -> store.list(filter, sort, page), rows -> Responses.page(rows, page, LogJson::entry));
    }

    private void get(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        blocking.read(ctx, () -> store.get(id), LogJson::detail);
    }

    private void stats(RoutingContext ctx) {
        StatsQuery query = LogParams.stats(ctx, clock.instant());
        blocking.read(ctx, () -> stats.compute(query), result -> LogJson.stats(query, result));
    }

    private void cleanup(RoutingContext ctx) {
        int days = LogParams.cleanupDays(ctx, retentionDays);
        retention
                .deleteOlderThan(days)
                .onSuccess(deleted -> Responses.json(
                        ctx,
                        200,
                        Responses.JSON
                                .createObjectNode()
                                .put("deleted_count", deleted)
                                .put(
                                        "message",
                                        "Successfully deleted " + deleted + " logs older than " + days + " days")))
                .onFailure(ctx::fail);
    }
}
