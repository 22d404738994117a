package com.llmgateway.proxy;

/**
 * What is in flight on the request path right now, for gauges: upstream attempts per provider and open event
 * streams. Called on event loops, so implementations only update counters and return.
 *
 * <p>Contract: every {@link #attemptStarted} is followed by exactly one {@link #attemptEnded} with the same provider
 * name, and every {@link #streamOpened} by exactly one {@link #streamClosed}, however the exchange ends.
 */
public interface ProxyActivity {
    /** Nothing is observed. */
    ProxyActivity NONE = new ProxyActivity() {
        @Override
        public void attemptStarted(String provider) {}

        @Override
        public void attemptEnded(String provider) {}

        @Override
        public void streamOpened() {}

        @Override
        public void streamClosed() {}
    };

    /** A call to {@code provider} (its configured name) begins: it holds a pooled connection until it ends. */
    void attemptStarted(String provider);

    /** That call failed, or the response it produced has been relayed to the end (or abandoned). */
    void attemptEnded(String provider);

    /** An event-stream response began to be relayed to a client. */
    void streamOpened();

    /** That relay ended: completed, broken off, or abandoned by the client. */
    void streamClosed();
}
