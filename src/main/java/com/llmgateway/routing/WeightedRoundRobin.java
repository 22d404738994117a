package com.llmgateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code weighted}: smooth weighted round robin over {@link Candidate#weight()}, the algorithm of nginx's upstream
 * module (ngx_http_upstream_get_peer). Each turn every candidate's running score grows by its weight, the highest
 * score wins (ties to the earlier, better-priority candidate) and pays back the total weight. Weights 5:1:1 thus give
 * a, a, b, a, c, a, a: the heavy candidate's turns are spread out instead of coming in a burst of five.
 *
 * <p>The scores belong to one model and one candidate set (providers and weights). Provider rules and open circuits
 * can make the set vary from request to request, so a model keeps the scores of its {@value #MAX_SETS_PER_MODEL} most
 * recently used sets; a set seen for the first time, or again after it was evicted, starts from zero. Weights below 1
 * count as 1 (the admin API stores 1 to 1,000,000), so no candidate starves.
 */
final class WeightedRoundRobin implements SelectionStrategy {
    static final int MAX_SETS_PER_MODEL = 16;

    private final ConcurrentHashMap<String, Wheels> byModel = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return Strategies.WEIGHTED;
    }

    @Override
    public int firstIndex(String model, List<Candidate> candidates) {
        SelectionStrategy.requireCandidates(candidates);
        if (candidates.size() == 1) {
            return 0;
        }
        return byModel.computeIfAbsent(model, name -> new Wheels()).next(candidates);
    }

    @Override
    public void retainOnly(Set<String> models) {
        byModel.keySet().retainAll(models);
    }

    /** What identifies a candidate set: who is in it and with which weight. */
    private record Member(long providerId, int weight) {}

    /** The scores of one model's recent candidate sets; guarded by its own lock, held for a few array additions. */
    private static final class Wheels {
        private final Map<List<Member>, Wheel> wheels = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Member>, Wheel> eldest) {
                return size() > MAX_SETS_PER_MODEL;
            }
        };

        synchronized int next(List<Candidate> candidates) {
            List<Member> members = new ArrayList<>(candidates.size());
            for (Candidate candidate : candidates) {
                members.add(new Member(candidate.providerId(), Math.max(1, candidate.weight())));
            }
            return wheels.computeIfAbsent(List.copyOf(members), Wheel::new).next();
        }
    }

    /** nginx's smooth weighted round robin over one fixed candidate set. */
    private static final class Wheel {
        private final int[] weights;
        private final long[] scores;
        private final long total;

        Wheel(List<Member> members) {
            weights = members.stream().mapToInt(Member::weight).toArray();
            scores = new long[weights.length];
            // At most a few hundred candidates of weight <= 1,000,000: scores stay far inside a long.
            total = members.stream().mapToLong(Member::weight).sum();
        }

        int next() {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                scores[i] += weights[i];
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            scores[best] -= total;
            return best;
        }
    }
}
