package com.llmgateway.routing;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code cost_first}: the cheapest candidate first, by input plus output price per million tokens (the mapping's own
 * price, else the model's). Ties and unpriced candidates keep priority order; when nothing is priced this is {@code
 * priority}. Failover then walks the rest in priority order, like every strategy.
 */
final class CostFirst implements SelectionStrategy {

    @Override
    public String name() {
        return Strategies.COST_FIRST;
    }

    @Override
    public int firstIndex(String model, List<Candidate> candidates) {
        SelectionStrategy.requireCandidates(candidates);
        int best = 0;
        BigDecimal bestPrice = candidates.get(0).unitPrice();
        for (int i = 1; i < candidates.size(); i++) {
            BigDecimal price = candidates.get(i).unitPrice();
            if (isCheaper(price, bestPrice)) {
                best = i;
                bestPrice = price;
            }
        }
        return best;
    }

    /** A known price beats an unknown one; among known prices the strictly lower wins (ties keep priority order). */
    static boolean isCheaper(BigDecimal price, BigDecimal than) {
        if (price == null) {
            return false;
        }
        return than == null || price.compareTo(than) < 0;
    }
}
