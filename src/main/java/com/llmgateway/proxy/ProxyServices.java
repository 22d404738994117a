package com.llmgateway.proxy;

import com.llmgateway.health.ProviderHealth;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * What every exchange shares: the event-loop runtime, the upstream pools, the retry bounds, {@code HTTP_TIMEOUT} (the
 * default connect and first-byte bound), provider health, the record sink and the observer of what is in flight.
 */
record ProxyServices(
        Vertx vertx,
        UpstreamClient upstream,
        RetryPolicy retryPolicy,
        Duration httpTimeout,
        int responseCaptureBytes,
        ProviderHealth health,
        ExchangeListener listener,
        ProxyActivity activity) {}
