package com.llmgateway.testing;

import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.HealthThresholds;
import com.llmgateway.health.Timeouts;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.RuleSet;
import com.llmgateway.security.GatewayKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Builds routing snapshots for proxy tests without going through the admin API. */
public final class Routing {
    public static final String KEY = "lgw-test-0123456789abcdef0123456789abcdef";
    public static final String DISABLED_KEY = "lgw-disabled-0123456789abcdef012345678";
    public static final String PROVIDER_KEY = "sk-provider-secret-never-leak-1234";

    private final Map<Long, ProviderConfig> providers = new HashMap<>();
    private final Map<String, List<MappingConfig>> mappings = new HashMap<>();
    private final Map<String, Boolean> modelActive = new HashMap<>();
    private final Map<String, RuleSet> modelRules = new HashMap<>();
    private final Map<String, BigDecimal[]> modelPrices = new HashMap<>();
    private final Map<String, String> modelStrategies = new HashMap<>();
    private final Map<String, ErrorPolicy> modelErrorPolicies = new HashMap<>();
    private final Map<String, Timeouts> modelTimeouts = new HashMap<>();
    /**
     * Mapping ids are unique in the test JVM, not per builder: latency averages and circuits are kept per mapping id,
     * and two snapshots of one test must not share them by accident.
     */
    private static final AtomicLong MAPPING_IDS = new AtomicLong();

    public static Routing builder() {
        return new Routing();
    }

    public Routing provider(long id, String baseUrl, Protocol protocol) {
        return provider(id, baseUrl, protocol, Map.of());
    }

    public Routing provider(long id, String baseUrl, Protocol protocol, Map<String, String> extraHeaders) {
        providers.put(
                id,
                new ProviderConfig(
                        id,
                        "provider-" + id,
                        baseUrl,
                        protocol,
                        "chat",
                        Optional.of(PROVIDER_KEY),
                        extraHeaders,
                        true,
                        false));
        return this;
    }

    /** Turns on the stream-usage option of a provider added before. */
    public Routing includeStreamUsage(long providerId) {
        ProviderConfig p = providers.get(providerId);
        return replace(p, true, p.responsesApi(), p.timeouts(), p.health());
    }

    /** Marks an OpenAI-protocol provider added before as offering Chat Completions but not the Responses API. */
    public Routing withoutResponsesApi(long providerId) {
        ProviderConfig p = providers.get(providerId);
        return replace(p, p.includeStreamUsage(), false, p.timeouts(), p.health());
    }

    /** Sets the timeouts of a provider added before. */
    public Routing providerTimeouts(long providerId, Timeouts timeouts) {
        ProviderConfig p = providers.get(providerId);
        return replace(p, p.includeStreamUsage(), p.responsesApi(), timeouts, p.health());
    }

    /** Sets the health thresholds of a provider added before. */
    public Routing providerHealth(long providerId, HealthThresholds health) {
        ProviderConfig p = providers.get(providerId);
        return replace(p, p.includeStreamUsage(), p.responsesApi(), p.timeouts(), health);
    }

    private Routing replace(
            ProviderConfig p,
            boolean includeStreamUsage,
            boolean responsesApi,
            Timeouts timeouts,
            HealthThresholds health) {
        providers.put(
                p.id(),
                new ProviderConfig(
                        p.id(),
                        p.name(),
                        p.baseUrl(),
                        p.protocol(),
                        p.apiType(),
                        p.apiKey(),
                        p.extraHeaders(),
                        p.active(),
                        includeStreamUsage,
                        responsesApi,
                        timeouts,
                        health,
                        p.revision()));
        return this;
    }

    /** The model's selection strategy ({@code round_robin} unless set). */
    public Routing strategy(String model, String strategy) {
        modelStrategies.put(model, strategy);
        return this;
    }

    /** The model's error policy ({@link ErrorPolicy#DEFAULT} unless set). */
    public Routing errorPolicy(String model, ErrorPolicy policy) {
        modelErrorPolicies.put(model, policy);
        return this;
    }

    /** The model's own timeouts (none unless set). */
    public Routing modelTimeouts(String model, Timeouts timeouts) {
        modelTimeouts.put(model, timeouts);
        return this;
    }

    /** Sets the weight of the mapping of {@code model} to {@code providerId}, added before with {@code map}. */
    public Routing weight(String model, long providerId, int weight) {
        List<MappingConfig> list = mappings.getOrDefault(model, List.of());
        for (int i = 0; i < list.size(); i++) {
            MappingConfig m = list.get(i);
            if (m.providerId() == providerId) {
                list.set(
                        i,
                        new MappingConfig(
                                m.id(),
                                m.requestedModel(),
                                m.providerId(),
                                m.targetModel(),
                                m.rules(),
                                m.priority(),
                                weight,
                                m.active(),
                                m.inputPrice(),
                                m.outputPrice()));
                return this;
            }
        }
        throw new IllegalStateException("no mapping of " + model + " to provider " + providerId);
    }

    public Routing inactiveProvider(long id, String baseUrl, Protocol protocol) {
        providers.put(
                id,
                new ProviderConfig(
                        id,
                        "provider-" + id,
                        baseUrl,
                        protocol,
                        "chat",
                        Optional.of(PROVIDER_KEY),
                        Map.of(),
                        false,
                        false));
        return this;
    }

    public Routing model(String name, boolean active) {
        modelActive.put(name, active);
        mappings.computeIfAbsent(name, n -> new ArrayList<>());
        return this;
    }

    public Routing modelRules(String name, RuleSet rules) {
        modelRules.put(name, rules);
        return this;
    }

    /** The model's prices in USD per million tokens; either may be null (no price). */
    public Routing modelPrices(String name, BigDecimal input, BigDecimal output) {
        modelActive.putIfAbsent(name, true);
        mappings.computeIfAbsent(name, n -> new ArrayList<>());
        modelPrices.put(name, new BigDecimal[] {input, output});
        return this;
    }

    /** Sets the own prices of the mapping of {@code model} to {@code providerId}, added before with {@code map}. */
    public Routing mappingPrices(String model, long providerId, BigDecimal input, BigDecimal output) {
        List<MappingConfig> list = mappings.getOrDefault(model, List.of());
        for (int i = 0; i < list.size(); i++) {
            MappingConfig m = list.get(i);
            if (m.providerId() == providerId) {
                list.set(
                        i,
                        new MappingConfig(
                                m.id(),
                                m.requestedModel(),
                                m.providerId(),
                                m.targetModel(),
                                m.rules(),
                                m.priority(),
                                m.weight(),
                                m.active(),
                                input,
                                output));
                return this;
            }
        }
        throw new IllegalStateException("no mapping of " + model + " to provider " + providerId);
    }

    public Routing map(String model, long providerId, String target, int priority) {
        return map(model, providerId, target, priority, RuleSet.EMPTY);
    }

    public Routing map(String model, long providerId, String target, int priority, RuleSet rules) {
        modelActive.putIfAbsent(model, true);
        mappings.computeIfAbsent(model, n -> new ArrayList<>())
                .add(new MappingConfig(
                        MAPPING_IDS.incrementAndGet(), model, providerId, target, rules, priority, 1, true));
        return this;
    }

    /** A mapping that exists but is switched off. */
    public Routing inactiveMap(String model, long providerId, String target, int priority) {
        modelActive.putIfAbsent(model, true);
        mappings.computeIfAbsent(model, n -> new ArrayList<>())
                .add(new MappingConfig(
                        MAPPING_IDS.incrementAndGet(), model, providerId, target, RuleSet.EMPTY, priority, 1, false));
        return this;
    }

    public RoutingSnapshot build() {
        Map<String, ModelConfig> models = new HashMap<>();
        modelActive.forEach((name, active) -> {
            BigDecimal[] prices = modelPrices.getOrDefault(name, new BigDecimal[2]);
            models.put(
                    name,
                    new ModelConfig(
                            name,
                            modelStrategies.getOrDefault(name, "round_robin"),
                            modelRules.getOrDefault(name, RuleSet.EMPTY),
                            active,
                            mappings.get(name),
                            prices[0],
                            prices[1],
                            modelErrorPolicies.getOrDefault(name, ErrorPolicy.DEFAULT),
                            modelTimeouts.getOrDefault(name, Timeouts.NONE)));
        });
        return new RoutingSnapshot(
                providers,
                models,
                Map.of(
                        sha256(KEY),
                        new ApiKeyEntry(1, "test-key", true),
                        sha256(DISABLED_KEY),
                        new ApiKeyEntry(2, "disabled-key", false)));
    }

    public static String sha256(String value) {
        return GatewayKeys.sha256Hex(value);
    }
}
