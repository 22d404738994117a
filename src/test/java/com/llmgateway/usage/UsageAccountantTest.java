package com.llmgateway.usage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.Endpoint;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.ApiKeyEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsageAccountantTest {
    private static final String OPENAI_BODY =
            "{\"model\":\"my-alias\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world!\"}]}";
    private static final String ANTHROPIC_BODY = "{\"model\":\"claude\",\"max_tokens\":9,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world!\"}]}";
    // OpenAI's recipe: 4 per message + "user" (1) + "Hello, world!" (4) + 3 for priming.
    private static final long OPENAI_INPUT = 12;
    // Anthropic's estimate: 4 per message + len("user") // 4 + len("Hello, world!") // 4.
    private static final long ANTHROPIC_INPUT = 8;
    private static final String JAPANESE = "日本語のテキスト 🎉";

    /** A finished exchange, reduced to what accounting reads. */
    record Case(
            String name,
            Endpoint endpoint,
            String body,
            String targetModel,
            int status,
            ResponseSummary summary,
            TokenAccount expected) {
        @Override
        public String toString() {
            return name;
        }

        ExchangeRecord record() {
            List<AttemptRecord> attempts = targetModel == null
                    ? List.of()
                    : List.of(new AttemptRecord(1, "p", targetModel, status, false, 5, Optional.empty()));
            return new ExchangeRecord(
                    "trace",
                    Instant.EPOCH,
                    endpoint,
                    new ApiKeyEntry(1, "k", true),
                    "my-alias",
                    summary.stream(),
                    body.getBytes(UTF_8),
                    List.of(),
                    1,
                    attempts,
                    0,
                    status,
                    Optional.of(5L),
                    Optional.of(9L),
                    0,
                    summary,
                    Optional.empty());
        }
    }

    static TokenUsage usage(Long input, Long output, Long cacheRead, Long cacheWrite, Long reasoning) {
        return new TokenUsage(input, output, cacheRead, cacheWrite, reasoning);
    }

    static ResponseSummary summary(TokenUsage reported, String text, boolean stream) {
        return new ResponseSummary(reported, text, false, new byte[0], false, stream, 0);
    }

    static Stream<Case> cases() {
        TokenUsage full = usage(20L, 30L, 8L, null, 12L);
        return Stream.of(
                new Case(
                        "provider usage wins over the text",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        200,
                        summary(full, JAPANESE, false),
                        new TokenAccount(full, UsageSource.PROVIDER)),
                new Case(
                        "embeddings report input only: nothing was generated",
                        Endpoint.EMBEDDINGS,
                        "{\"model\":\"e\",\"input\":\"hi\"}",
                        "text-embedding-3-small",
                        200,
                        summary(usage(2L, null, null, null, null), "", false),
                        new TokenAccount(usage(2L, 0L, null, null, null), UsageSource.PROVIDER)),
                new Case(
                        "no usage: input from the request, output from the text, with the target model's encoding",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        200,
                        summary(TokenUsage.NONE, JAPANESE, true),
                        new TokenAccount(usage(OPENAI_INPUT, 8L, null, null, null), UsageSource.ESTIMATE)),
                new Case(
                        "another target model, another encoding",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4",
                        200,
                        summary(TokenUsage.NONE, JAPANESE, false),
                        new TokenAccount(usage(OPENAI_INPUT, 11L, null, null, null), UsageSource.ESTIMATE)),
                new Case(
                        "Anthropic without usage: the documented estimate",
                        Endpoint.MESSAGES,
                        ANTHROPIC_BODY,
                        "claude-sonnet-4",
                        200,
                        summary(TokenUsage.NONE, "Hello, world!", true),
                        new TokenAccount(usage(ANTHROPIC_INPUT, 3L, null, null, null), UsageSource.ESTIMATE)),
                new Case(
                        "reported input, missing output: only the output is counted, and flagged",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        200,
                        summary(usage(100L, null, 50L, null, null), "Hello, world!", true),
                        new TokenAccount(usage(100L, 4L, 50L, null, null), UsageSource.ESTIMATE)),
                new Case(
                        "a stream the client left keeps the text it received",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        200,
                        summary(TokenUsage.NONE, "Hello, world!", true),
                        new TokenAccount(usage(OPENAI_INPUT, 4L, null, null, null), UsageSource.ESTIMATE)),
                new Case(
                        "a success with no text generated counts zero output",
                        Endpoint.COMPLETIONS,
                        "{\"model\":\"m\",\"prompt\":\"hi\"}",
                        "gpt-4o",
                        200,
                        summary(TokenUsage.NONE, "", false),
                        new TokenAccount(usage(0L, 0L, null, null, null), UsageSource.ESTIMATE)),
                new Case(
                        "a relayed error without usage counts nothing",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        429,
                        summary(TokenUsage.NONE, "", false),
                        TokenAccount.NONE),
                new Case(
                        "a relayed error with usage keeps the provider's word",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        400,
                        summary(usage(7L, null, null, null, null), "", false),
                        new TokenAccount(usage(7L, null, null, null, null), UsageSource.PROVIDER)),
                new Case(
                        "no provider answered",
                        Endpoint.CHAT_COMPLETIONS,
                        OPENAI_BODY,
                        "gpt-4o",
                        502,
                        ResponseSummary.EMPTY,
                        TokenAccount.NONE),
                new Case(
                        "the client left before any answer",
                        Endpoint.MESSAGES,
                        ANTHROPIC_BODY,
                        null,
                        0,
                        ResponseSummary.EMPTY,
                        TokenAccount.NONE),
                new Case(
                        "token counting bills nothing",
                        Endpoint.COUNT_TOKENS,
                        ANTHROPIC_BODY,
                        "claude-sonnet-4",
                        200,
                        summary(usage(12L, null, null, null, null), "", false),
                        TokenAccount.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accountsForTheTokens(Case c) {
        assertThat(new UsageAccountant().account(c.record())).isEqualTo(c.expected());
    }
}
