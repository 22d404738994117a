package com.llmgateway.protocol.translate;

/**
 * A provider's error in the client's protocol.
 *
 * @param status the HTTP status for the client
 * @param body the error body in the client's protocol's shape
 */
public record TranslatedError(int status, byte[] body) {}
