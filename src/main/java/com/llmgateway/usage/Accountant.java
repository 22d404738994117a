package com.llmgateway.usage;

import com.llmgateway.proxy.ExchangeRecord;

/**
 * Works out the tokens and cost of a finished exchange: provider-reported usage first, a local estimate otherwise,
 * priced with the prices in force. Runs on the log writer's thread, never on an event loop (local counting is CPU
 * work).
 */
@FunctionalInterface
public interface Accountant {
    Accounting account(ExchangeRecord record);
}
