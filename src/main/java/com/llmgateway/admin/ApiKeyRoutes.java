package com.llmgateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.store.ApiKey;
import com.llmgateway.store.ApiKeyStore;
import com.llmgateway.store.PageRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code /api/admin/api-keys} (seed-spec section 9.5). Answers show {@code key_value} masked, except the answer to the
 * POST that created the key: the only time its full value exists outside the client.
 */
final class ApiKeyRoutes {
    private static final String PATH = "/admin/api-keys";

    private final ApiKeyStore store;
    private final Blocking blocking;

    ApiKeyRoutes(ApiKeyStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::list);
        router.post(PATH).handler(this::create);
        router.get(PATH + "/:id").handler(this::get);
        router.put(PATH + "/:id").handler(this::update);
        router.delete(PATH + "/:id").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Optional<Boolean> active = QueryParams.bool(ctx, "is_active");
        PageRequest page = QueryParams.page(ctx);
        blocking.read(ctx, () -> store.list(active, page), keys -> Responses.page(keys, page, ApiKeyRoutes::masked));
    }

    private void get(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        blocking.read(ctx, () -> store.get(id), ApiKeyRoutes::masked);
    }

    private void create(RoutingContext ctx) {
        String name = JsonBody.of(ctx).requiredText("key_name", Fields.KEY_NAME);
        blocking.write(ctx, 201, () -> store.create(name), created -> json(created.key(), created.keyValue()));
    }

    private void update(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        JsonBody body = JsonBody.of(ctx);
        ApiKey.Patch patch = new ApiKey.Patch(body.text("key_name", Fields.KEY_NAME), body.bool("is_active"));
        blocking.write(ctx, 200, () -> store.update(id, patch), ApiKeyRoutes::masked);
    }

    private void delete(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        blocking.delete(ctx, () -> store.delete(id));
    }

    private static ObjectNode masked(ApiKey key) {
        return json(key, key.keyMask());
    }

    private static ObjectNode json(ApiKey key, String keyValue) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("id", key.id())
                .put("key_name", key.keyName())
                .put("key_value", keyValue)
                .put("is_active", key.active())
                .put("created_at", Responses.time(key.createdAt()));
        json.set("last_used_at", Responses.time(key.lastUsedAt()));
        return json;
    }
}
