package com.llmgateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.store.Page;
import com.llmgateway.store.PageRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;

/** JSON answers of the admin API: bodies, pages, the error envelope, auth failures and validation failures. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    /** ISO-8601 in UTC with milliseconds, e.g. {@code 2026-11-29T16:12:00.123Z}. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private static final String CONTENT_TYPE = "application/json";

    private Responses() {}

    static void json(RoutingContext ctx, int status, JsonNode body) {
        send(ctx, status, bytes(body));
    }

    static void noContent(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(204).end();
        }
    }

    /** The envelope of seed-spec section 5.3: {@code {"error":{"message","type","code","param"}}}. */
    static void error(RoutingContext ctx, GatewayError error) {
        send(ctx, error.status(), error.openAiBody());
    }

    /** Admin-auth failures keep FastAPI's shape, {@code {"detail":"..."}}, which the console reads. */
    static void detail(RoutingContext ctx, int status, String detail) {
        send(ctx, status, bytes(JSON.createObjectNode().put("detail", detail)));
    }

    /** 422 in the error envelope plus FastAPI's {@code detail} list, naming the field. */
    static void invalid(RoutingContext ctx, ValidationException e) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error")
                .put("message", e.field() + ": " + e.problem())
                .put("type", "invalid_request_error")
                .put("code", "validation_error")
                .put("param", e.field());
        ObjectNode detail = root.putArray("detail").addObject();
        ArrayNode loc = detail.putArray("loc").add(e.location());
        if (!e.field().equals(e.location())) {
            loc.add(e.field());
        }
        detail.put("msg", e.problem()).put("type", "value_error");
        send(ctx, 422, bytes(root));
    }

    static <T> ObjectNode page(Page<T> page, PageRequest request, Function<T, JsonNode> item) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("items");
        page.items().forEach(row -> items.add(item.apply(row)));
        return root.put("total", page.total()).put("page", request.page()).put("page_size", request.pageSize());
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static JsonNode time(Optional<Instant> instant) {
        return instant.<JsonNode>map(i -> JSON.getNodeFactory().textNode(time(i)))
                .orElse(JSON.getNodeFactory().nullNode());
    }

    static JsonNode orNull(Optional<? extends JsonNode> node) {
        return node.isPresent() ? node.get() : JSON.getNodeFactory().nullNode();
    }

    private static void send(RoutingContext ctx, int status, byte[] body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .end(Buffer.buffer(body));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }
}
