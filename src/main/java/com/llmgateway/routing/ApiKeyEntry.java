package com.llmgateway.routing;

/** A gateway API key as authentication sees it; the secret itself is known only by its SHA-256 hash. */
public record ApiKeyEntry(long id, String name, boolean active) {}
