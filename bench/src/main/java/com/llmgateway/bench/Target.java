package com.llmgateway.bench;

/**
 * One path under test: where to send requests, and which process to charge its CPU and memory to ({@code pid} 0 for
 * the direct path, which has no proxy).
 */
record Target(String name, String host, int port, long pid) {
    static final String DIRECT = "direct";
    static final String NGINX = "nginx";
    static final String GATEWAY = "gateway";

    boolean hasProxy() {
        return pid > 0;
    }

    /** {@code http://host:port} as given on the command line. */
    static Target parse(String name, String url, long pid) {
        String rest = url.replaceFirst("^http://", "").replaceAll("/+$", "");
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected http://host:port for " + name + ", got " + url);
        }
        return new Target(name, rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)), pid);
    }
}
