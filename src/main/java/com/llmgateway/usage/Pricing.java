package com.llmgateway.usage;

import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.RoutingSnapshot;
import java.util.function.Supplier;

/**
 * The cost part of a request's {@link Accounting}: the exchange's tokens priced at the prices of the live routing
 * snapshot ({@link PriceQuotes#forRecord}). Thread-safe; meant for the log writer's thread, next to the token count.
 */
public final class Pricing {
    private final Supplier<RoutingSnapshot> snapshots;
    private final CostCalculator calculator = new CostCalculator();

    /** {@code snapshots} is typically {@code snapshotHolder::get}. */
    public Pricing(Supplier<RoutingSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    public Cost cost(ExchangeRecord record, TokenUsage usage) {
        return calculator.cost(usage, PriceQuotes.forRecord(snapshots.get(), record));
    }
}
