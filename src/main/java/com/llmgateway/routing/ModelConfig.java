package com.llmgateway.routing;

import com.llmgateway.health.ErrorPolicy;
import com.llmgateway.health.Timeouts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A requested model name with its strategy, model-level rules and its mappings (all of them, active or not, ordered by
 * priority then id).
 *
 * @param inputPrice USD per million input tokens, or {@code null} when the model has no input price
 * @param outputPrice USD per million output tokens, or {@code null} when the model has no output price
 * @param errorPolicy what the exchange does after each kind of failed attempt
 * @param timeouts the model's attempt bounds, which win over its providers' ({@link Timeouts#effective})
 */
public record ModelConfig(
        String name,
        String strategy,
        RuleSet rules,
        boolean active,
        List<MappingConfig> mappings,
        BigDecimal inputPrice,
        BigDecimal outputPrice,
        ErrorPolicy errorPolicy,
        Timeouts timeouts) {

    public ModelConfig {
        mappings = List.copyOf(mappings);
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** A model with the default routing policy. */
    public ModelConfig(
            String name,
            String strategy,
            RuleSet rules,
            boolean active,
            List<MappingConfig> mappings,
            BigDecimal inputPrice,
            BigDecimal outputPrice) {
        this(name, strategy, rules, active, mappings, inputPrice, outputPrice, ErrorPolicy.DEFAULT, Timeouts.NONE);
    }

    /** A model without prices, with the default routing policy. */
    public ModelConfig(String name, String strategy, RuleSet rules, boolean active, List<MappingConfig> mappings) {
        this(name, strategy, rules, active, mappings, null, null);
    }
}
