package com.llmgateway.protocol;

/** An event stream the parser refuses to buffer, such as a line longer than its limit. */
public final class SseException extends IllegalStateException {
    SseException(String message) {
        super(message);
    }
}
