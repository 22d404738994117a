package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** How a rule set combines its rules. */
enum Logic {
    /** Every rule must match. */
    AND,
    /** At least one rule must match. */
    OR;

    /**
     * The seed evaluated every rule without short-circuit; rules have no side effects, so stopping early gives the
     * same answer and spares computing the body or token count for rules that cannot change it.
     */
    boolean combine(List<Rule> rules, RuleContext context) {
        return this == AND
                ? rules.stream().allMatch(rule -> rule.matches(context))
                : rules.stream().anyMatch(rule -> rule.matches(context));
    }

    /** Reads {@code logic}: case-insensitive, AND when missing. */
    static Logic parse(JsonNode node) throws RuleSetException {
        if (PythonValues.isNone(node)) {
            return AND;
        }
        if (node.isTextual()) {
            String name = node.textValue().toUpperCase(Locale.ROOT);
            if (name.equals("AND") || name.equals("OR")) {
                return valueOf(name);
            }
        }
        throw new RuleSetException("logic: must be \"AND\" or \"OR\", got " + Operator.describe(node));
    }
}
