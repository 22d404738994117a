package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed rule set (seed-spec section 4). STUB: the real engine replaces this file.
 */
public final class RuleSet {
    public static final RuleSet EMPTY = new RuleSet();

    private RuleSet() {}

    /** Parses stored or submitted JSON; {@code null} or JSON null gives {@link #EMPTY}. */
    public static RuleSet parse(JsonNode json) throws RuleSetException {
        if (json == null || json.isNull()) {
            return EMPTY;
        }
        if (!json.isObject()) {
            throw new RuleSetException("rules must be an object with a 'rules' list");
        }
        return EMPTY;
    }

    public boolean isEmpty() {
        return true;
    }

    public boolean matches(RuleContext context) {
        return true;
    }
}
