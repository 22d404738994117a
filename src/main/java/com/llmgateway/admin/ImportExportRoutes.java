package com.llmgateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.Timeouts;
import com.llmgateway.store.ImportResult;
import com.llmgateway.store.Mapping;
import com.llmgateway.store.ModelDetail;
import com.llmgateway.store.ModelImport;
import com.llmgateway.store.ModelStore;
import com.llmgateway.store.Provider;
import com.llmgateway.store.ProviderStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Backup and restore of the configuration as JSON (seed-spec section 14): {@code GET /api/admin/providers/export},
 * {@code POST /api/admin/providers/import}, {@code GET /api/admin/models/export}, {@code POST
 * /api/admin/models/import}. An export imported into another gateway reproduces its providers, models and mappings;
 * mappings name their provider, so ids need not match. Import providers first, then models.
 *
 * <p><b>The provider export contains every provider's API key in clear text</b>, so that a restore works without
 * re-entering them. It is an admin-only backup (behind the admin guard like every {@code /api/admin} path) and must be
 * stored like the keys themselves. A key that cannot be decrypted (the master key changed) is exported as null.
 *
 * <p>An import takes a JSON array in the export's shape and creates only what does not exist by name: existing
 * providers and models are skipped and left as they are, never merged. Every item is validated with the rules of the
 * create endpoints before anything is written; one invalid item refuses the whole import with a 422 naming it by index
 * (for example {@code [3].base_url} or {@code [0].providers[1].weight}), because a backup with a hand-edited mistake
 * is better fixed and re-sent than half applied. The valid import is then written in one transaction (whole or not at
 * all), and the routing snapshot is reloaded before the answer. A model's mapping that names a missing provider (or the
 * same provider twice) is the one failure that does not refuse the import: it is left out and reported in {@code
 * errors}, as the original did.
 *
 * <p>Imports are bounded by the admin body limit ({@link AdminApi#BODY_LIMIT_BYTES}); larger ones answer 413. {@code
 * GET /api/admin/models/export} takes precedence over reading a model literally named "export"; such a model is still
 * listed, updated and deleted by the model routes.
 */
final class ImportExportRoutes {
    private final ProviderStore providers;
    private final ModelStore models;
    private final Blocking blocking;

    ImportExportRoutes(ProviderStore providers, ModelStore models, Blocking blocking) {
        this.providers = providers;
        this.models = models;
        this.blocking = blocking;
    }

    /** Mount before the routes with a path parameter, which would take "export" for an id or a model name. */
    void mount(Router router) {
        router.get("/admin/providers/export").handler(this::exportProviders);
        router.post("/admin/providers/import").handler(this::importProviders);
        router.get("/admin/models/export").handler(this::exportModels);
        router.post("/admin/models/import").handler(this::importModels);
    }

    private void exportProviders(RoutingContext ctx) {
        blocking.read(ctx, providers::exportAll, all -> array(all, ImportExportRoutes::provider));
    }

    private void importProviders(RoutingContext ctx) {
        List<Provider.Draft> drafts = JsonBody.list(ctx, ProviderRoutes::draft);
        blocking.write(ctx, 200, () -> providers.importAll(drafts), ImportExportRoutes::counts);
    }

    private void exportModels(RoutingContext ctx) {
        blocking.read(ctx, models::exportAll, all -> array(all, ImportExportRoutes::model));
    }

    private void importModels(RoutingContext ctx) {
        List<ModelImport> imports = JsonBody.list(ctx, ImportExportRoutes::modelImport);
        blocking.write(ctx, 200, () -> models.importAll(imports), ImportExportRoutes::withErrors);
    }

    private static ModelImport modelImport(JsonBody body) {
        return new ModelImport(ModelRoutes.draft(body), body.list("providers", ImportExportRoutes::mappingItem));
    }

    /** The fields and defaults of a mapping's create, with the provider named instead of numbered. */
    private static ModelImport.MappingItem mappingItem(JsonBody body) {
        return new ModelImport.MappingItem(
                body.requiredText("provider_name", Fields.NAME),
                body.requiredText("target_model_name", Fields.MODEL_NAME),
                body.ruleSet("provider_rules").value(),
                body.integer("priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                body.integer("weight", 1, 1, Fields.MAX_WEIGHT),
                body.bool("is_active", true),
                body.price("input_price").value(),
                body.price("output_price").value());
    }

    /** The create body of the provider, with its key in clear text. */
    private static ObjectNode provider(Provider provider) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("name", provider.name())
                .put("base_url", provider.baseUrl())
                .put("protocol", provider.protocol())
                .put("api_type", provider.apiType())
                .put("api_key", provider.apiKey().orElse(null));
        json.set("extra_headers", Responses.orNull(provider.extraHeaders().map(Responses.JSON::valueToTree)));
        json.put("is_active", provider.active())
                .put("include_stream_usage", provider.includeStreamUsage())
                .put("responses_api", provider.responsesApi());
        json.set(Timeouts.FIELD, Responses.orNull(provider.timeouts()));
        json.set(HealthThresholds.FIELD, Responses.orNull(provider.health()));
        return json;
    }

    /** The create body of the model plus its mappings, each naming its provider. */
    private static ObjectNode model(ModelDetail detail) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("requested_model", detail.model().requestedModel())
                .put("strategy", detail.model().strategy());
        json.set("matching_rules", Responses.orNull(detail.model().matchingRules()));
        json.set("capabilities", Responses.orNull(detail.model().capabilities()));
        json.put("input_price", detail.model().inputPrice().orElse(null))
                .put("output_price", detail.model().outputPrice().orElse(null))
                .put("is_active", detail.model().active());
        json.set(ErrorPolicy.FIELD, Responses.orNull(detail.model().errorPolicy()));
        json.set(Timeouts.FIELD, Responses.orNull(detail.model().timeouts()));
        ArrayNode mappings = json.putArray("providers");
        detail.mappings().forEach(mapping -> mappings.add(mapping(mapping)));
        return json;
    }

    private static ObjectNode mapping(Mapping mapping) {
        ObjectNode json = Responses.JSON
                .createObjectNode()
                .put("provider_name", mapping.providerName())
                .put("target_model_name", mapping.targetModelName());
        json.set("provider_rules", Responses.orNull(mapping.providerRules()));
        return json.put("input_price", mapping.inputPrice().orElse(null))
                .put("output_price", mapping.outputPrice().orElse(null))
                .put("priority", mapping.priority())
                .put("weight", mapping.weight())
                .put("is_active", mapping.active());
    }

    private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> render) {
        ArrayNode array = Responses.JSON.createArrayNode();
        items.forEach(item -> array.add(render.apply(item)));
        return array;
    }

    private static ObjectNode counts(ImportResult result) {
        return Responses.JSON
                .createObjectNode()
                .put("success", result.success())
                .put("skipped", result.skipped());
    }

    private static ObjectNode withErrors(ImportResult result) {
        ObjectNode json = counts(result);
        ArrayNode errors = json.putArray("errors");
        result.errors().forEach(errors::add);
        return json;
    }
}
