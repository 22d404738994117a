package com.llmgateway.bench;

/** How one request ended: HTTP status (0 for a transport failure) and when its first and last body bytes came. */
record Outcome(int status, long firstByteNanos, long endNanos, String failure) {
    static Outcome failed(String failure, long now) {
        return new Outcome(0, 0, now, failure);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
