package com.llmgateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.Timeouts;
import com.llmgateway.security.Redaction;
import com.llmgateway.store.Change;
import com.llmgateway.store.PageRequest;
import com.llmgateway.store.Provider;
import com.llmgateway.store.ProviderStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code /api/admin/providers} (seed-spec section 9.2). Answers show the provider key masked, never in full and never
 * encrypted. {@code include_stream_usage} (default false) and {@code responses_api} (default true: the provider offers
 * OpenAI's Responses API; false: the gateway translates {@code /v1/responses} to its Chat Completions) are accepted
 * for every provider and act only on OpenAI-protocol ones, so a protocol change never makes a stored provider invalid.
 *
 * <p>Routing policy (issue 4): {@code timeouts} ({@link Timeouts}, e.g. {@code {"connect_ms":5000,"idle_ms":60000}})
 * and {@code health} ({@link HealthThresholds}, e.g. {@code {"min_requests":20,"error_ratio":0.5}}), each null for
 * the defaults and stored as sent; a value the gateway could not use is refused with a 422 naming the field. Every
 * answer also shows the provider's live {@code health_status} ({@link HealthView}); any edit of a provider gives it
 * a fresh one, which is how a key marked invalid after a 401 or 403 is tried again.
 */
final class ProviderRoutes {
    private static final String PATH = "/admin/providers";

    private final ProviderStore store;
    private final Blocking blocking;
    private final HealthView health;

    ProviderRoutes(ProviderStore store, Blocking blocking, HealthView health) {
        this.store = store;
        this.blocking = blocking;
        this.health = health;
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
        blocking.read(ctx, () -> store.list(active, page), providers -> {
            HealthView.Circuits circuits = health.circuits();
            return Responses.page(providers, page, provider -> json(provider, circuits));
        });
    }

    private void get(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        blocking.read(ctx, () -> store.get(id), this::json);
    }

    private void create(RoutingContext ctx) {
        Provider.Draft draft = draft(JsonBody.of(ctx));
        blocking.write(ctx, 201, () -> store.create(draft), this::json);
    }

    /** The fields of a new provider, with their defaults; shared with the import. */
    static Provider.Draft draft(JsonBody body) {
        return new Provider.Draft(
                body.requiredText("name", Fields.NAME),
                body.requiredText("base_url", Fields.BASE_URL),
                body.requiredText("protocol", Fields.PROTOCOL),
                body.requiredText("api_type", Fields.API_TYPE),
                apiKey(body).value(),
                body.headers("extra_headers").value(),
                body.bool("is_active", true),
                body.bool("include_stream_usage", false),
                body.bool("responses_api", true),
                body.policy(Timeouts.FIELD, Timeouts::parse).value(),
                body.policy(HealthThresholds.FIELD, HealthThresholds::parse).value());
    }

    private void update(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        JsonBody body = JsonBody.of(ctx);
        Provider.Patch patch = new Provider.Patch(
                body.text("name", Fields.NAME),
                body.text("base_url", Fields.BASE_URL),
                body.text("protocol", Fields.PROTOCOL),
                body.text("api_type", Fields.API_TYPE),
                apiKey(body),
                body.headers("extra_headers"),
                body.bool("is_active"),
                body.bool("include_stream_usage"),
                body.bool("responses_api"),
                body.policy(Timeouts.FIELD, Timeouts::parse),
                body.policy(HealthThresholds.FIELD, HealthThresholds::parse));
        blocking.write(ctx, 200, () -> store.update(id, patch), this::json);
    }

    private void delete(RoutingContext ctx) {
        long id = QueryParams.pathId(ctx, "id");
        blocking.delete(ctx, () -> store.delete(id));
    }

    /**
     * An empty string means "no new key": edit forms cannot show the stored key, so they send it blank when the operator
     * leaves it alone. Only {@code null} removes a key.
     */
    private static Change<String> apiKey(JsonBody body) {
        return body.isEmptyText("api_key") ? Change.keep() : body.nullableText("api_key", Fields.API_KEY);
    }

    private ObjectNode json(Provider provider) {
        return json(provider, health.circuits());
    }

    private static ObjectNode json(Provider provider, HealthView.Circuits circuits) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("id", provider.id())
                .put("name", provider.name())
                .put("base_url", provider.baseUrl())
                .put("protocol", provider.protocol())
                .put("api_type", provider.apiType())
                .put("api_key", provider.apiKey().map(Redaction::mask).orElse(null));
        json.set("extra_headers", Responses.orNull(provider.extraHeaders().map(Responses.JSON::valueToTree)));
        json.put("is_active", provider.active())
                .put("include_stream_usage", provider.includeStreamUsage())
                .put("responses_api", provider.responsesApi());
        json.set(Timeouts.FIELD, Responses.orNull(provider.timeouts()));
        json.set(HealthThresholds.FIELD, Responses.orNull(provider.health()));
        json.set("health_status", circuits.provider(provider.id()));
        return json.put("created_at", Responses.time(provider.createdAt()))
                .put("updated_at", Responses.time(provider.updatedAt()));
    }
}
