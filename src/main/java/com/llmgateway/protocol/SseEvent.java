package com.llmgateway.protocol;

/**
 * One dispatched server-sent event.
 *
 * @param event the {@code event} field, or {@code null} when the event had none (a browser would call it "message")
 * @param data the {@code data} lines joined with {@code "\n"}; empty when the event had only an {@code event} field
 * @param id the last event ID seen on the stream so far, as an EventSource reports it, or {@code null} before any
 */
public record SseEvent(String event, String data, String id) {}
