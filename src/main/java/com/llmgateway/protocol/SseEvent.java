package com.llmgateway.protocol;

/** TEMP STUB */
public record SseEvent(String event, String data, String id) {}
