package com.llmgateway.protocol;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** TEMP STUB */
public final class SseParser {
    public void feed(Buffer buffer, Consumer<SseEvent> sink) {}

    public boolean hasPartialEvent() {
        return false;
    }
}
