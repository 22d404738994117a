package com.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.llmgateway.protocol.Protocol;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenEstimatorTest {
    private static final String JAPANESE = "日本語のテキスト 🎉";

    static Stream<Arguments> estimates() {
        return Stream.of(
                // The encoding follows the model family: the same text counts differently.
                arguments(Protocol.OPENAI, "gpt-4o", JAPANESE, 8),
                arguments(Protocol.OPENAI, "gpt-4", JAPANESE, 11),
                arguments(Protocol.OPENAI, "text-davinci-003", JAPANESE, 13),
                arguments(Protocol.OPENAI, "unknown-alias", JAPANESE, 11),
                arguments(Protocol.OPENAI, null, JAPANESE, 11),
                arguments(Protocol.OPENAI, "gpt-4o", "Hello, world!", 4),
                arguments(Protocol.OPENAI, "gpt-4o", "tiktoken is great!", 6),
                // Special-token text in an answer is ordinary text.
                arguments(Protocol.OPENAI, "gpt-4", "<|endoftext|> is special", 9),
                arguments(Protocol.OPENAI, "gpt-4o", "", 0),
                arguments(Protocol.OPENAI, "gpt-4o", null, 0),
                // Claude: code points // 4, whatever the model.
                arguments(Protocol.ANTHROPIC, "claude-sonnet-4", "Hello, world!", 3),
                arguments(Protocol.ANTHROPIC, "claude-sonnet-4", JAPANESE, 2),
                arguments(Protocol.ANTHROPIC, "claude-sonnet-4", "🎉🎉🎉🎉", 1),
                arguments(Protocol.ANTHROPIC, "claude-sonnet-4", "abc", 0),
                arguments(Protocol.ANTHROPIC, null, "x".repeat(4000), 1000));
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
    @MethodSource("estimates")
    void countsGeneratedText(Protocol protocol, String model, String text, long expected) {
        assertThat(TokenEstimator.outputTokens(protocol, model, text)).isEqualTo(expected);
    }
}
