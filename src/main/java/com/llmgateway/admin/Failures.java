package com.llmgateway.admin;

import com.llmgateway.protocol.GatewayError;
import com.llmgateway.store.StoreException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's one failure handler: every failure becomes a JSON answer, and an unexpected one is logged here, once,
 * and answered with a plain 500 {@code internal_error} that shows no stack trace.
 */
final class Failures implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private final long bodyLimit;

    Failures(long bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ValidationException invalid) {
            Responses.invalid(ctx, invalid);
        } else if (failure instanceof StoreException refused) {
            Responses.error(ctx, storeError(refused));
        } else if (failure instanceof HttpException http) {
            Responses.error(ctx, statusError(http.getStatusCode(), ctx));
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            Responses.error(ctx, statusError(ctx.statusCode(), ctx));
        } else {
            LOG.error(
                    "Admin request {} {} failed",
                    ctx.request().method(),
                    ctx.request().path(),
                    failure);
            Responses.error(ctx, GatewayError.of(500, "internal_error", "internal_error", "Internal server error"));
        }
    }

    static GatewayError storeError(StoreException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> GatewayError.of(404, "not_found_error", e.code(), e.getMessage());
            case CONFLICT -> GatewayError.of(409, "conflict_error", e.code(), e.getMessage());
        };
    }

    /** Failures raised by vertx-web itself with a status: body too large, undecodable parameters, and so on. */
    private GatewayError statusError(int status, RoutingContext ctx) {
        return switch (status) {
            case 413 ->
                GatewayError.of(
                        413,
                        "invalid_request_error",
                        "request_too_large",
                        "Request body is larger than " + bodyLimit + " bytes");
            case 404 ->
                GatewayError.of(
                        404,
                        "not_found_error",
                        "not_found",
                        "Unknown path: " + ctx.request().method() + " "
                                + ctx.request().path());
            case 405 -> GatewayError.of(405, "invalid_request_error", "method_not_allowed", "Method not allowed");
            default ->
                status >= 400 && status < 500
                        ? GatewayError.of(status, "invalid_request_error", "bad_request", "Bad request")
                        : GatewayError.of(500, "internal_error", "internal_error", "Internal server error");
        };
    }
}
