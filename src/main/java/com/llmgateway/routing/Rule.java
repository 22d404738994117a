package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/** One parsed rule: where to look, how to compare, and the compiled test. */
record Rule(FieldPath path, Operator operator, JsonNode value, Predicate<JsonNode> test) {

    /** Parses {@code {"field","operator","value"}}; unknown keys are ignored, as the seed engine did. */
    static Rule parse(JsonNode json, String where) throws RuleSetException {
        if (json == null || !json.isObject()) {
            throw new RuleSetException(where + ": must be an object with 'field', 'operator' and 'value'");
        }
        FieldPath path = FieldPath.parse(field(json.get("field"), where), where + ".field");
        Operator operator = Operator.parse(json.get("operator"), where);
        // A missing value is Python's None: it matters for eq, ne and exists.
        JsonNode value = PythonValues.isNone(json.get("value"))
                ? NullNode.getInstance()
                : json.get("value").deepCopy();
        return new Rule(path, operator, value, operator.compile(value, where));
    }

    private static String field(JsonNode node, String where) throws RuleSetException {
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw new RuleSetException(
                    where + ".field: must be a non-empty string such as 'body.messages[0].role', got "
                            + Operator.describe(node));
        }
        return node.textValue();
    }

    boolean matches(RuleContext context) {
        JsonNode actual = path.resolve(context);
        try {
            return test.test(actual);
        } catch (RuntimeException e) {
            // Seed-spec section 4: any error during comparison counts as no match.
            return false;
        }
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("field", path.text());
        node.put("operator", operator.wireName());
        node.set("value", value.deepCopy());
        return node;
    }

    @Override
    public String toString() {
        return path.text() + " " + operator.wireName() + " " + value;
    }
}
