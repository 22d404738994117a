package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.usage.ResponseSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositeExchangeListenerTest {
    @Test
    void everyListenerGetsTheRecordInOrderEvenAfterOneThrows() {
        List<String> calls = new ArrayList<>();
        ExchangeListener composite = CompositeExchangeListener.of(
                record -> calls.add("first"),
                record -> {
                    throw new IllegalStateException("broken listener");
                },
                record -> calls.add("third"));

        composite.exchangeFinished(record());

        assertThat(calls).containsExactly("first", "third");
    }

    private static ExchangeRecord record() {
        return new ExchangeRecord(
                "trace",
                Instant.now(),
                Endpoint.CHAT_COMPLETIONS,
                new ApiKeyEntry(1, "k", true),
                "m",
                false,
                new byte[0],
                List.of(),
                0,
                List.of(),
                0,
                404,
                Optional.empty(),
                Optional.empty(),
                0,
                ResponseSummary.EMPTY,
                Optional.of("Model 'm' is not configured"));
    }
}
