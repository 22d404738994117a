package com.llmgateway.routing;

/** A rule set the engine cannot evaluate; the admin API answers it with 422 and this message. */
public final class RuleSetException extends Exception {
    public RuleSetException(String message) {
        super(message);
    }
}
