package com.llmgateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.Timeouts;
import com.llmgateway.routing.Strategies;
import com.llmgateway.store.Model;
import com.llmgateway.store.ModelDetail;
import com.llmgateway.store.ModelStore;
import com.llmgateway.store.PageRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code /api/admin/models} (seed-spec section 9.3). A model name may contain {@code /} (for example {@code
 * meta-llama/Llama-3-8B}); clients send it percent-encoded as {@code %2F}.
 *
 * <p>Routing policy (issue 4): {@code strategy} is one of {@link Strategies#NAMES}; {@code error_policy} ({@link
 * ErrorPolicy}: a preset name such as {@code "original"}, or {@code {"preset":"default","on_5xx":"fail_over"}}) and
 * {@code timeouts} ({@link Timeouts}, overriding the providers', e.g. {@code {"first_byte_ms":300000}}), each null for
 * the defaults and stored as sent; a value the gateway could not use is refused with a 422 naming the field.
 */
final class ModelRoutes {
    private static final String PATH = "/admin/models";

    private final ModelStore store;
    private final Blocking blocking;

    ModelRoutes(ModelStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::list);
        router.post(PATH).handler(this::create);
        router.get(PATH + "/:requested_model").handler(this::get);
        router.put(PATH + "/:requested_model").handler(this::update);
        router.delete(PATH + "/:requested_model").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Optional<Boolean> active = QueryParams.bool(ctx, "is_active");
        PageRequest page = QueryParams.page(ctx);
        blocking.read(ctx, () -> store.list(active, page), models -> Responses.page(models, page, ModelRoutes::item));
    }

    private void get(RoutingContext ctx) {
        String name = QueryParams.pathText(ctx, "requested_model", Fields.MODEL_NAME);
        blocking.read(ctx, () -> store.get(name), ModelRoutes::detail);
    }

    private void create(RoutingContext ctx) {
        Model.Draft draft = draft(JsonBody.of(ctx));
        blocking.write(ctx, 201, () -> store.create(draft), ModelRoutes::detail);
    }

    /** The fields of a new model, with their defaults; shared with the import. */
    static Model.Draft draft(JsonBody body) {
        return new Model.Draft(
                body.requiredText("requested_model", Fields.MODEL_NAME),
                body.text("strategy", Fields.STRATEGY).orElse(Fields.DEFAULT_STRATEGY),
                body.ruleSet("matching_rules").value(),
                body.object("capabilities").value(),
                body.bool("is_active", true),
                body.price("input_price").value(),
                body.price("output_price").value(),
                body.policy(ErrorPolicy.FIELD, ErrorPolicy::parse).value(),
                body.policy(Timeouts.FIELD, Timeouts::parse).value());
    }

    private void update(RoutingContext ctx) {
        String name = QueryParams.pathText(ctx, "requested_model", Fields.MODEL_NAME);
        JsonBody body = JsonBody.of(ctx);
        Model.Patch patch = new Model.Patch(
                body.text("strategy", Fields.STRATEGY),
                body.ruleSet("matching_rules"),
                body.object("capabilities"),
                body.bool("is_active"),
                body.price("input_price"),
                body.price("output_price"),
                body.policy(ErrorPolicy.FIELD, ErrorPolicy::parse),
                body.policy(Timeouts.FIELD, Timeouts::parse));
        blocking.write(ctx, 200, () -> store.update(name, patch), ModelRoutes::detail);
    }

    private void delete(RoutingContext ctx) {
        String name = QueryParams.pathText(ctx, "requested_model", Fields.MODEL_NAME);
        blocking.delete(ctx, () -> store.delete(name));
    }

    /** A list item: {@code providers} is null, {@code provider_count} counts all mappings. */
    private static ObjectNode item(Model model) {
        ObjectNode json = Responses.JSON.createObjectNode().put("requested_model", model.requestedModel());
        json.put("strategy", model.strategy());
        json.set("matching_rules", Responses.orNull(model.matchingRules()));
        json.set("capabilities", Responses.orNull(model.capabilities()));
        json.put("input_price", model.inputPrice().orElse(null))
                .put("output_price", model.outputPrice().orElse(null));
        json.set(ErrorPolicy.FIELD, Responses.orNull(model.errorPolicy()));
        json.set(Timeouts.FIELD, Responses.orNull(model.timeouts()));
        json.put("is_active", model.active())
                .put("created_at", Responses.time(model.createdAt()))
                .put("updated_at", Responses.time(model.updatedAt()))
                .put("provider_count", model.providerCount())
                .putNull("providers");
        return json;
    }

    /** One model with all its mappings, ordered by priority then id. */
    private static ObjectNode detail(ModelDetail detail) {
        ObjectNode json = item(detail.model());
        ArrayNode providers = json.putArray("providers");
        detail.mappings().forEach(mapping -> providers.add(MappingRoutes.json(mapping)));
        return json;
    }
}
