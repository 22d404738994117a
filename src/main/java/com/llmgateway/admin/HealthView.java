package com.llmgateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.HealthSnapshot;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.SnapshotHolder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider health as operators see it (issue 4, item 6): {@code GET /api/admin/providers/health}, and the {@code
 * health_status} of each provider in the provider answers. Read from memory only (the live circuits and the routing
 * snapshot), so it answers on the event loop.
 *
 * <p>One object per provider: its own circuit, with the circuits of its mappings (a model it serves) listed under
 * {@code mappings} where they differ from it: another state, or failures in their window. Rate limits, 5xx and
 * timeouts are charged to mappings, so a provider can be {@code closed} while one of its models is {@code
 * rate_limited}.
 *
 * <pre>{@code
 * {"provider_id": 1, "provider_name": "openai", "state": "closed", "error_ratio": 0.0, "requests_in_window": 12,
 *  "latency_ewma_ms": 412.5, "open_until": null, "last_error": null, "last_error_at": null, "consecutive_trips": 0,
 *  "mappings": [{"mapping_id": 7, "requested_model": "gpt-4o", "target_model": "gpt-4o-2024-08-06",
 *                "state": "rate_limited", "open_until": "2026-11-29T16:12:02.000Z", ...}]}
 * }</pre>
 */
final class HealthView {
    private static final String PATH = "/admin/providers/health";

    private final ProviderHealth health;
    private final SnapshotHolder snapshots;

    HealthView(ProviderHealth health, SnapshotHolder snapshots) {
        this.health = health;
        this.snapshots = snapshots;
    }

    /** Mount before the provider routes, whose {@code /:id} would take "health" for an id. */
    void mount(Router router) {
        router.get(PATH).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        RoutingSnapshot snapshot = snapshots.get();
        Circuits circuits = circuits();
        ArrayNode array = Responses.JSON.createArrayNode();
        snapshot.providers().values().stream()
                .sorted(Comparator.comparingLong(ProviderConfig::id))
                .forEach(provider -> array.add(circuits.provider(provider.id())));
        Responses.json(ctx, 200, array);
    }

    /** Every circuit now, to render several providers from one reading. */
    Circuits circuits() {
        return new Circuits(health.snapshot(), snapshots.get());
    }

    /** One reading of the circuits, with the routing snapshot that names providers and mappings. */
    final class Circuits {
        private final List<HealthSnapshot> all;
        private final RoutingSnapshot snapshot;
        private final Map<Long, MappingConfig> mappings = new HashMap<>();

        private Circuits(List<HealthSnapshot> all, RoutingSnapshot snapshot) {
            this.all = all;
            this.snapshot = snapshot;
            for (ModelConfig model : snapshot.models().values()) {
                model.mappings().forEach(mapping -> mappings.put(mapping.id(), mapping));
            }
        }

        ObjectNode provider(long providerId) {
            HealthSnapshot own = health.snapshot(HealthKey.provider(providerId));
            ObjectNode json = Responses.JSON.createObjectNode().put("provider_id", providerId);
            json.put(
                    "provider_name",
                    snapshot.provider(providerId).map(ProviderConfig::name).orElse(null));
            circuit(json, own);
            ArrayNode list = json.putArray("mappings");
            for (HealthSnapshot circuit : all) {
                if (circuit.key().providerId() == providerId
                        && !circuit.key().isProviderWide()
                        && differs(circuit, own)) {
                    list.add(mapping(circuit));
                }
            }
            return json;
        }

        private ObjectNode mapping(HealthSnapshot circuit) {
            MappingConfig mapping = mappings.get(circuit.key().mappingId());
            ObjectNode json = Responses.JSON
                    .createObjectNode()
                    .put("mapping_id", circuit.key().mappingId());
            json.put("requested_model", mapping == null ? null : mapping.requestedModel());
            json.put("target_model", mapping == null ? null : mapping.targetModel());
            return circuit(json, circuit);
        }
    }

    /** A mapping is worth showing when it is not where its provider is, or it has been failing lately. */
    private static boolean differs(HealthSnapshot mapping, HealthSnapshot provider) {
        return mapping.state() != provider.state() || mapping.errorRatio() > 0;
    }

    private static ObjectNode circuit(ObjectNode json, HealthSnapshot circuit) {
        json.put("state", circuit.state().wireName())
                .put("error_ratio", circuit.errorRatio())
                .put("requests_in_window", circuit.requestsInWindow());
        if (circuit.latencyEwmaMillis().isPresent()) {
            json.put("latency_ewma_ms", circuit.latencyEwmaMillis().getAsDouble());
        } else {
            json.putNull("latency_ewma_ms");
        }
        json.set("open_until", Responses.time(circuit.openUntil()));
        json.put("last_error", circuit.lastError().orElse(null));
        json.set("last_error_at", Responses.time(circuit.lastErrorAt()));
        return json.put("consecutive_trips", circuit.consecutiveTrips());
    }
}
