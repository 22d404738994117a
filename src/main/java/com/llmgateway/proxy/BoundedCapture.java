package com.llmgateway.proxy;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/** Keeps the first {@code limit} bytes of a body and counts the rest. */
final class BoundedCapture {
    private final int limit;
    private byte[] bytes = new byte[0];
    private int length;
    private long total;

    BoundedCapture(int limit) {
        this.limit = limit;
    }

    void append(Buffer buffer) {
        total += buffer.length();
        int room = limit - length;
        if (room <= 0) {
            return;
        }
        int take = Math.min(room, buffer.length());
        if (length + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + take, bytes.length * 2 + 256)));
        }
        buffer.getBytes(0, take, bytes, length);
        length += take;
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    long total() {
        return total;
    }
}
