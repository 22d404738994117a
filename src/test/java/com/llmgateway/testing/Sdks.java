package com.llmgateway.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;

/**
 * The official SDKs as the gateway's clients: pointed at a gateway's root URL, with its key, never retrying (a retry
 * would hide what the gateway answered) and giving up after 20 seconds rather than hanging a test.
 */
public final class Sdks {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Sdks() {}

    public static OpenAIClient openAi(String gatewayUrl, String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gatewayUrl + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();
    }

    public static AnthropicClient anthropic(String gatewayUrl, String key) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(gatewayUrl)
                .apiKey(key)
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();
    }
}
