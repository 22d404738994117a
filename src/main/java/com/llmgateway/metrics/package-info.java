/** Prometheus metrics: requests, latency, tokens, retries, upstream errors, the log writer and what is in flight. */
package com.llmgateway.metrics;
