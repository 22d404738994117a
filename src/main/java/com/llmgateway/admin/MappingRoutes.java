package com.llmgateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.store.Mapping;
import com.llmgateway.store.MappingStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code /api/admin/model-providers} (seed-spec section 9.4); the list is not paged. */
final class MappingRoutes {
    private static final String PATH = "/admin/model-providers";

    private final MappingStore store;
    private final Blocking blocking;

    MappingRoutes(MappingStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::list);
        router.post(PATH).handler(this::create);
        router.put(PATH + "/:id").handler(this::update);
        router.delete(PATH + "/:id").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Mapping.Filter filter = new Mapping.Filter(
                QueryParams.text(ctx, "requested_model", Fields.MODEL_NAME),
                QueryParams.integer(ctx, "provider_id", Long.MIN_VALUE, Long.MAX_VALUE),
                QueryParams.bool(ctx, "is_active"));
        blocking.read(ctx, () -> store.list(filter), MappingRoutes::list);
    }

    private void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        Mapping.Draft draft = new Mapping.Draft(
                body.requiredText("requested_model", Fields.MODEL_NAME),
                body.requiredLong("provider_id"),
                body.requiredText("target_model_name", Fields.MODEL_NAME),
                body.ruleSet("provider_rules").value(),
                body.integer("priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                body.integer("weight", 1, 1, Fields.MAX_WEIGHT),
                body.bool("is_active", true),
                body.price("input_price").value(),
                body.price("output_price").value());
        blocking.write(ctx, 201, () -> store.create(draft), MappingRoutes::json);
    }

    private void update(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        JsonBody body = JsonBody.of(ctx);
        Mapping.Patch patch = new Mapping.Patch(
                body.text("target_model_name", Fields.MODEL_NAME),
                body.ruleSet("provider_rules"),
                body.integer("priority", Integer.MIN_VALUE, Integer.MAX_VALUE),
                body.integer("weight", 1, Fields.MAX_WEIGHT),
                body.bool("is_active"),
                body.price("input_price"),
                body.price("output_price"));
        blocking.write(ctx, 200, () -> store.update(id, patch), MappingRoutes::json);
    }

    private void delete(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        blocking.delete(ctx, () -> store.delete(id));
    }

    private static ObjectNode list(List<Mapping> mappings) {
        ObjectNode json = Responses.JSON.createObjectNode();
        ArrayNode items = json.putArray("items");
        mappings.forEach(mapping -> items.add(json(mapping)));
        return json.put("total", mappings.size());
    }

    static ObjectNode json(Mapping mapping) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("id", mapping.id())
                .put("requested_model", mapping.requestedModel())
                .put("provider_id", mapping.providerId())
                .put("provider_name", mapping.providerName())
                .put("provider_protocol", mapping.providerProtocol())
                .put("target_model_name", mapping.targetModelName());
        json.set("provider_rules", Responses.orNull(mapping.providerRules()));
        return json.put("input_price", mapping.inputPrice().orElse(null))
                .put("output_price", mapping.outputPrice().orElse(null))
                .put("priority", mapping.priority())
                .put("weight", mapping.weight())
                .put("is_active", mapping.active())
                .put("created_at", Responses.time(mapping.createdAt()))
                .put("updated_at", Responses.time(mapping.updatedAt()));
    }
}
