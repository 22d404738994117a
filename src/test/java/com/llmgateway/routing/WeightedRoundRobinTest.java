package com.llmgateway.routing;

import static com.llmgateway.routing.Candidates.sequence;
import static com.llmgateway.routing.Candidates.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {
    private final WeightedRoundRobin weighted = new WeightedRoundRobin();

    @Test
    void aNewCandidateSetStartsFromZeroAndAKnownOneResumes() {
        List<Candidate> three = weighted(5, 1, 1);
        List<Candidate> two = weighted(5, 1);

        assertThat(sequence(weighted, three, 2)).containsExactly(0, 0);
        // Provider 3 left (its circuit opened, say): the pair has its own scores.
        assertThat(sequence(weighted, two, 4)).containsExactly(0, 0, 0, 1);
        // Provider 3 is back: the triple continues where it stopped, with b.
        assertThat(sequence(weighted, three, 5)).containsExactly(1, 0, 2, 0, 0);
    }

    @Test
    void aChangedWeightIsANewSet() {
        assertThat(sequence(weighted, weighted(1, 1), 1)).containsExactly(0);

        assertThat(sequence(weighted, weighted(1, 3), 2)).containsExactly(1, 0);
    }

    @Test
    void setsBeyondTheBoundAreForgottenLeastRecentlyUsedFirst() {
        List<Candidate> first = weighted(1, 1);
        weighted.firstIndex("m", first);
        for (int i = 2; i < 2 + WeightedRoundRobin.MAX_SETS_PER_MODEL; i++) {
            weighted.firstIndex("m", weighted(1, i));
        }

        // Evicted, so it starts again at the first candidate rather than continuing with the second.
        assertThat(weighted.firstIndex("m", first)).isZero();
    }

    @Test
    void modelsHaveTheirOwnScores() {
        List<Candidate> candidates = weighted(1, 1);

        assertThat(weighted.firstIndex("a", candidates)).isZero();
        assertThat(weighted.firstIndex("b", candidates)).isZero();
        assertThat(weighted.firstIndex("a", candidates)).isOne();
    }

    @Test
    void concurrentRequestsGetExactlyTheirWeightsShare() throws Exception {
        List<Candidate> candidates = weighted(5, 1, 1);
        int threads = 8;
        int perThread = 7 * 1_000;
        AtomicIntegerArray hits = new AtomicIntegerArray(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        hits.incrementAndGet(weighted.firstIndex("m", candidates));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }

        // Each turn is taken under the model's lock and the scores repeat every 7 turns: shares are exact.
        int cycles = threads * perThread / 7;
        assertThat(List.of(hits.get(0), hits.get(1), hits.get(2))).containsExactly(5 * cycles, cycles, cycles);
    }
}
