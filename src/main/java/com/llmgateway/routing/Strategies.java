package com.llmgateway.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selection strategies by name, one shared instance each, and the rule for a model's {@code strategy} value.
 *
 * <p>A name that is not known (a row written before the admin API validated names, or by hand) falls back to
 * {@code round_robin}, the original behaviour, and is logged once per name rather than failing the request.
 *
 * <p>A new strategy is one more {@link SelectionStrategy}, one more constant in {@link #NAMES}, and one more entry in
 * {@link #standard}.
 */
public final class Strategies {
    private static final Logger LOG = LoggerFactory.getLogger(Strategies.class);

    public static final String ROUND_ROBIN = "round_robin";
    public static final String WEIGHTED = "weighted";
    public static final String PRIORITY = "priority";
    public static final String LEAST_LATENCY = "least_latency";
    public static final String COST_FIRST = "cost_first";

    /** What a model without a (known) strategy uses: the original's rotation. */
    public static final String DEFAULT = ROUND_ROBIN;

    /** Every name a model may use, in the order operators see them; the admin API validates against it. */
    public static final List<String> NAMES = List.of(ROUND_ROBIN, WEIGHTED, PRIORITY, LEAST_LATENCY, COST_FIRST);

    private final Map<String, SelectionStrategy> byName;
    private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

    /**
     * @throws IllegalArgumentException if two strategies share a name or none is {@value #DEFAULT}
     */
    public Strategies(List<SelectionStrategy> strategies) {
        Map<String, SelectionStrategy> map = new LinkedHashMap<>();
        for (SelectionStrategy strategy : strategies) {
            if (map.putIfAbsent(strategy.name(), strategy) != null) {
                throw new IllegalArgumentException("two strategies are named " + strategy.name());
            }
        }
        if (!map.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("the fallback strategy " + DEFAULT + " is missing");
        }
        this.byName = Map.copyOf(map);
    }

    /** Every strategy of {@link #NAMES}; {@code least_latency} reads {@code latency} and explores 5% of requests. */
    public static Strategies standard(LatencyTracker latency) {
        return new Strategies(List.of(
                new RoundRobin(),
                new WeightedRoundRobin(),
                new PriorityFirst(),
                new LeastLatency(latency, LeastLatency.DEFAULT_EXPLORATION, ThreadLocalRandom::current),
                new CostFirst()));
    }

    /** Whether a model may name this strategy. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /** The strategy the model names, or {@code round_robin} when the name is unknown. */
    public SelectionStrategy forModel(ModelConfig model) {
        return forName(model.strategy());
    }

    /** The strategy of that name, or {@code round_robin} when the name is unknown or null. */
    public SelectionStrategy forName(String name) {
        SelectionStrategy strategy = name == null ? null : byName.get(name);
        if (strategy != null) {
            return strategy;
        }
        if (reportedUnknown.add(String.valueOf(name))) {
            LOG.warn("Unknown routing strategy '{}', using {}; accepted: {}", name, DEFAULT, NAMES);
        }
        return byName.get(DEFAULT);
    }

    /** Forgets every strategy's state of models not in {@code models}; call it when the snapshot changes. */
    public void retainOnly(Set<String> models) {
        byName.values().forEach(strategy -> strategy.retainOnly(models));
    }
}
