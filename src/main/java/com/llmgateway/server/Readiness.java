package com.llmgateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.store.ConfigSync;
import com.llmgateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health/ready}: whether this instance should receive traffic (a load balancer's or Kubernetes' readiness
 * probe), as opposed to {@code GET /health}, which only says the process is alive. Ready means: the database answers
 * (a read of {@code config_version}, so the schema is there), the migrations ran (they run before the listener opens)
 * and the routing snapshot is loaded. Answers 200 {@code {"status":"ready",...}} or 503 naming the failed check.
 *
 * <p>The database check runs on a worker thread, at most one at a time and at most once per {@link #CACHE} (probes from
 * several balancers share it), and is answered within {@link #DATABASE_TIMEOUT}: a database that does not answer in
 * time counts as unreachable while the check keeps waiting in the background.
 */
final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final Duration CACHE = Duration.ofSeconds(1);
    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    /** The database check's outcome: {@code null} problem when it answered. */
    private record Probe(String problem, long atNanos) {
        boolean fresh(long nowNanos) {
            return nowNanos - atNanos < CACHE.toNanos();
        }
    }

    private final Vertx vertx;
    private final Database database;
    private final ConfigSync config;
    private final Object lock = new Object();
    private Probe last; // guarded by lock
    private boolean probing; // guarded by lock
    private Future<Probe> firstProbe; // guarded by lock

    Readiness(Vertx vertx, Database database, ConfigSync config) {
        this.vertx = vertx;
        this.database = database;
        this.config = config;
    }

    void handle(RoutingContext ctx) {
        database().onComplete(probe -> answer(ctx, probe.result()));
    }

    private void answer(RoutingContext ctx, Probe probe) {
        ObjectNode checks = JSON.createObjectNode()
                .put("database", probe.problem() == null ? "ok" : probe.problem())
                // Database.open migrates before the gateway listens: a serving instance has migrated.
                .put("migrations", "ok")
                .put("snapshot", config.loaded() ? "ok" : "not loaded");
        String failed = probe.problem() != null ? "database" : config.loaded() ? null : "snapshot";
        ObjectNode body = JSON.createObjectNode().put("status", failed == null ? "ready" : "not_ready");
        if (failed != null) {
            body.put("failed", failed);
        }
        body.set("checks", checks);
        body.put("config_version", config.version());
        ctx.response()
                .setStatusCode(failed == null ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toString());
    }

    /** The latest database check, a new one if it is older than {@link #CACHE} and none is running. */
    private Future<Probe> database() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (last != null && (probing || last.fresh(now))) {
                return Future.succeededFuture(last);
            }
            if (probing) {
                return firstProbe;
            }
            probing = true;
            firstProbe = probe(now);
            return firstProbe;
        }
    }

    private Future<Probe> probe(long startNanos) {
        Promise<Probe> answer = Promise.promise();
        long timer = vertx.setTimer(DATABASE_TIMEOUT.toMillis(), id -> {
            Probe timedOut =
                    new Probe("unreachable: no answer within " + DATABASE_TIMEOUT.toSeconds() + " s", startNanos);
            if (answer.tryComplete(timedOut)) {
                record(timedOut, false);
            }
        });
        vertx.executeBlocking(
                        () -> {
                            database.ping(DATABASE_TIMEOUT);
                            return null;
                        },
                        false)
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    Probe probe = new Probe(result.succeeded() ? null : "unreachable", System.nanoTime());
                    if (result.failed()) {
                        LOG.debug(
                                "Readiness: database check failed: {}",
                                result.cause().getMessage());
                    }
                    record(probe, true);
                    answer.tryComplete(probe);
                });
        return answer.future();
    }

    private void record(Probe probe, boolean finished) {
        synchronized (lock) {
            boolean changed = last == null || (last.problem() == null) != (probe.problem() == null);
            if (changed && probe.problem() != null) {
                LOG.warn("Not ready: database {}", probe.problem());
            } else if (changed && last != null) {
                LOG.info("Ready again: the database answers");
            }
            last = probe;
            if (finished) {
                probing = false;
            }
        }
    }
}
