package com.llmgateway.proxy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each record to several listeners in order; one that throws does not keep the record from the others. */
public final class CompositeExchangeListener implements ExchangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeExchangeListener.class);

    private final List<ExchangeListener> listeners;

    public CompositeExchangeListener(List<ExchangeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static ExchangeListener of(ExchangeListener... listeners) {
        return new CompositeExchangeListener(List.of(listeners));
    }

    @Override
    public void exchangeFinished(ExchangeRecord record) {
        for (ExchangeListener listener : listeners) {
            try {
                listener.exchangeFinished(record);
            } catch (RuntimeException e) {
                LOG.error("Exchange listener {} failed for trace {}", listener, record.traceId(), e);
            }
        }
    }
}
