package com.llmgateway.usage;

import java.util.Arrays;

/** Keeps the first {@code limit} bytes of a body and counts the rest. */
final class BodyCapture {
    private final int limit;
    private byte[] bytes = new byte[0];
    private int length;
    private long total;

    BodyCapture(int limit) {
        this.limit = limit;
    }

    void append(byte[] chunk) {
        total += chunk.length;
        int take = Math.min(limit - length, chunk.length);
        if (take <= 0) {
            return;
        }
        if (length + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + take, bytes.length * 2 + 256)));
        }
        System.arraycopy(chunk, 0, bytes, length, take);
        length += take;
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    boolean truncated() {
        return total > length;
    }
}
