package com.llmgateway.proxy;

/**
 * Receives every finished exchange. Called on the event loop: implementations hand the record off (a bounded queue)
 * and return at once.
 */
@FunctionalInterface
public interface ExchangeListener {
    void exchangeFinished(ExchangeRecord record);
}
