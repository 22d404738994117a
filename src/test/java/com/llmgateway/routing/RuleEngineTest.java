package com.llmgateway.routing;

import static com.llmgateway.routing.Json.context;
import static com.llmgateway.routing.Json.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.llmgateway.protocol.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleEngineTest {
    private static final RuleContext HIGH_PRIORITY = context("chat", Map.of("x-priority", "high"), "{}", 10);
    private static final RuleSet ONLY_HIGH = rule("headers.x-priority", "eq", "'high'");
    private static final RuleSet ONLY_LOW = rule("headers.x-priority", "eq", "'low'");

    private static final Map<Long, ProviderConfig> PROVIDERS = Stream.of(
                    provider(1, true), provider(2, true), provider(3, true), provider(4, false))
            .collect(Collectors.toMap(ProviderConfig::id, Function.identity()));

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(
                        "sorted by priority, then provider id",
                        RuleSet.EMPTY,
                        List.of(mapping(10, 3, 1), mapping(11, 1, 2), mapping(12, 2, 1)),
                        List.of(2L, 3L, 1L)),
                arguments(
                        "inactive mapping skipped",
                        RuleSet.EMPTY,
                        List.of(mapping(10, 1, 1), inactive(mapping(11, 2, 0))),
                        List.of(1L)),
                arguments(
                        "inactive provider skipped",
                        RuleSet.EMPTY,
                        List.of(mapping(10, 4, 0), mapping(11, 1, 1)),
                        List.of(1L)),
                arguments(
                        "missing provider skipped",
                        RuleSet.EMPTY,
                        List.of(mapping(10, 99, 0), mapping(11, 2, 1)),
                        List.of(2L)),
                arguments(
                        "provider rules filter mappings",
                        RuleSet.EMPTY,
                        List.of(withRules(mapping(10, 1, 1), ONLY_LOW), withRules(mapping(11, 2, 1), ONLY_HIGH)),
                        List.of(2L)),
                arguments(
                        "model rules that match keep every mapping",
                        ONLY_HIGH,
                        List.of(mapping(10, 1, 1), mapping(11, 2, 1)),
                        List.of(1L, 2L)),
                arguments(
                        "model rules that fail block everything",
                        ONLY_LOW,
                        List.of(mapping(10, 1, 1), mapping(11, 2, 1)),
                        List.of()),
                arguments("no mappings", RuleSet.EMPTY, List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesAndOrdersCandidates(
            String description, RuleSet modelRules, List<MappingConfig> mappings, List<Long> expectedProviders) {
        ModelConfig model = new ModelConfig("chat", "round_robin", modelRules, true, mappings);

        List<Candidate> candidates = RuleEngine.candidates(model, PROVIDERS, HIGH_PRIORITY);

        assertThat(candidates).extracting(Candidate::providerId).containsExactlyElementsOf(expectedProviders);
    }

    @Test
    void candidateCarriesTheMapping() {
        MappingConfig mapping = new MappingConfig(7, "chat", 2, "gpt-4o-mini", RuleSet.EMPTY, 5, 30, true);
        ModelConfig model = new ModelConfig("chat", "round_robin", RuleSet.EMPTY, true, List.of(mapping));

        List<Candidate> candidates = RuleEngine.candidates(model, PROVIDERS, HIGH_PRIORITY);

        assertThat(candidates).containsExactly(new Candidate(PROVIDERS.get(2L), "gpt-4o-mini", 5, 30, 7));
    }

    private static ProviderConfig provider(long id, boolean active) {
        return new ProviderConfig(
                id,
                "p" + id,
                "http://p" + id + ".test",
                Protocol.OPENAI,
                "openai",
                Optional.of("sk-" + id),
                Map.of(),
                active,
                false);
    }

    private static MappingConfig mapping(long id, long providerId, int priority) {
        return new MappingConfig(id, "chat", providerId, "target-" + id, RuleSet.EMPTY, priority, 1, true);
    }

    private static MappingConfig inactive(MappingConfig m) {
        return new MappingConfig(
                m.id(),
                m.requestedModel(),
                m.providerId(),
                m.targetModel(),
                m.rules(),
                m.priority(),
                m.weight(),
                false);
    }

    private static MappingConfig withRules(MappingConfig m, RuleSet rules) {
        return new MappingConfig(
                m.id(),
                m.requestedModel(),
                m.providerId(),
                m.targetModel(),
                rules,
                m.priority(),
                m.weight(),
                m.active());
    }
}
