package com.llmgateway.usage;

import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.RoutingSnapshot;
import java.util.function.Supplier;

/**
 * The gateway's {@link Accountant}: tokens as the provider reported them (or counted locally, flagged {@code
 * estimate}), priced with the prices in force when the row is written.
 */
public final class RequestAccountant implements Accountant {
    private final UsageAccountant tokens = new UsageAccountant();
    private final Pricing pricing;

    public RequestAccountant(Supplier<RoutingSnapshot> snapshots) {
        this.pricing = new Pricing(snapshots);
    }

    @Override
    public Accounting account(ExchangeRecord record) {
        TokenAccount counted = tokens.account(record);
        return new Accounting(counted.usage(), counted.source(), pricing.cost(record, counted.usage()));
    }
}
