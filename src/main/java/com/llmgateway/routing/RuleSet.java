package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed, immutable rule set (seed-spec section 4): {@code {"rules":[{"field","operator","value"}],
 * "logic":"AND"|"OR"}}.
 *
 * <p>Unlike the seed, which silently never matched a rule it could not evaluate, {@link #parse} refuses such a rule
 * set with a {@link RuleSetException} naming the rule, so the admin API can answer 422. A parsed rule set therefore
 * always evaluates; comparisons that fail at request time (say a string ordered against a number) do not match.
 */
public final class RuleSet {
    /** No rules: matches every request. */
    public static final RuleSet EMPTY = new RuleSet(List.of(), Logic.AND, NullNode.getInstance());

    private final List<Rule> rules;
    private final Logic logic;
    private final JsonNode json;

    private RuleSet(List<Rule> rules, Logic logic, JsonNode json) {
        this.rules = List.copyOf(rules);
        this.logic = logic;
        this.json = json;
    }

    /**
     * Parses stored or submitted JSON; {@code null} or JSON null gives {@link #EMPTY}.
     *
     * @throws RuleSetException if the engine could not evaluate it; the message names the place, e.g. {@code
     *     rules[2].operator: unknown operator 'eqq'; accepted: ...}
     */
    public static RuleSet parse(JsonNode json) throws RuleSetException {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return EMPTY;
        }
        if (!json.isObject()) {
            throw new RuleSetException("rule set must be an object like {\"rules\":[...],\"logic\":\"AND\"}, got "
                    + Operator.describe(json));
        }
        List<Rule> rules = parseRules(json.get("rules"));
        Logic logic = Logic.parse(json.get("logic"));
        return new RuleSet(rules, logic, normalized(rules, logic));
    }

    private static List<Rule> parseRules(JsonNode node) throws RuleSetException {
        if (node == null || !node.isArray()) {
            throw new RuleSetException("rules: must be a list of rules, got " + Operator.describe(node));
        }
        List<Rule> rules = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            rules.add(Rule.parse(node.get(i), "rules[" + i + "]"));
        }
        return rules;
    }

    private static JsonNode normalized(List<Rule> rules, Logic logic) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode list = node.putArray("rules");
        rules.forEach(rule -> list.add(rule.json()));
        node.put("logic", logic.name());
        return node;
    }

    /** True when there are no rules, so every request matches. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether this request satisfies the rule set; an empty rule set matches whatever the logic. */
    public boolean matches(RuleContext context) {
        return rules.isEmpty() || logic.combine(rules, context);
    }

    /**
     * The normalized JSON, as the admin API stores and echoes it: lower-case operators and roots, upper-case logic,
     * every rule with a {@code value} (null when it had none), unknown keys dropped. {@link #EMPTY} gives JSON null.
     * Each call returns a fresh copy.
     */
    public JsonNode json() {
        return json.deepCopy();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RuleSet that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        if (rules.isEmpty()) {
            return "RuleSet[empty]";
        }
        return rules.stream().map(Rule::toString).collect(Collectors.joining(", ", "RuleSet[" + logic + ": ", "]"));
    }
}
