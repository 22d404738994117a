package com.llmgateway.proxy;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * What every exchange shares: the event-loop runtime, the upstream pools, the retry rules, the record sink and the
 * observer of what is in flight.
 */
record ProxyServices(
        Vertx vertx,
        UpstreamClient upstream,
        RetryPolicy retryPolicy,
        Duration firstByteTimeout,
        int responseCaptureBytes,
        ExchangeListener listener,
        ProxyActivity activity) {}
