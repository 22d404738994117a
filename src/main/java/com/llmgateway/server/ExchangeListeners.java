package com.llmgateway.server;

import com.llmgateway.proxy.ExchangeListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several listeners as one, each isolated from the others' failures (a failing metric must not lose a log row). */
final class ExchangeListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeListeners.class);

    private ExchangeListeners() {}

    static ExchangeListener all(ExchangeListener... listeners) {
        List<ExchangeListener> all = List.of(listeners);
        return record -> {
            for (ExchangeListener listener : all) {
                try {
                    listener.exchangeFinished(record);
                } catch (RuntimeException e) {
                    LOG.error("Exchange listener failed for trace {}", record.traceId(), e);
                }
            }
        };
    }
}
