package com.llmgateway.proxy;

import com.llmgateway.protocol.OpenAiChunks;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.RequestBody;
import com.llmgateway.protocol.SseEvent;
import com.llmgateway.protocol.SseException;
import com.llmgateway.protocol.SseFramer;
import com.llmgateway.protocol.SseParser;
import com.llmgateway.routing.ProviderConfig;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-provider stream-usage option (issue 3, "Tokens"): an OpenAI-protocol stream reports usage only when the
 * client sends {@code stream_options.include_usage}, so for a provider with the option on the gateway asks for it
 * itself, and takes the extra usage-only chunk back out of what the client receives (its usage is still recorded).
 * Off by default, because it changes the body the provider receives.
 */
final class StreamUsage {
    private StreamUsage() {}

    /**
     * Whether to ask {@code provider} for stream usage on the client's behalf: the option is on, the provider speaks
     * OpenAI, the endpoint streams chunks with usage ({@code /v1/chat/completions}, {@code /v1/completions}), the
     * client asked for a stream and did not ask for usage itself (then the usage chunk is its own, and kept).
     */
    static boolean shouldRequest(ProviderConfig provider, Endpoint endpoint, RequestBody body) {
        return provider.includeStreamUsage()
                && provider.protocol() == Protocol.OPENAI
                && (endpoint == Endpoint.CHAT_COMPLETIONS || endpoint == Endpoint.COMPLETIONS)
                && body.isStream()
                && !body.requestsStreamUsage();
    }

    /**
     * Passes a stream on event by event, leaving out usage-only chunks. Holds only the bytes of an incomplete event;
     * events are forwarded byte for byte.
     */
    static final class ChunkFilter {
        private final SseFramer framer = new SseFramer(SseParser.DEFAULT_MAX_LINE_BYTES);

        /** The bytes to write now for {@code chunk}: the events it completes, minus usage-only chunks. */
        Buffer filter(Buffer chunk) {
            Buffer out = Buffer.buffer(chunk.length());
            framer.feed(chunk.getBytes(), (event, whole) -> {
                if (!whole || !isUsageOnly(event)) {
                    out.appendBytes(event);
                }
            });
            return out;
        }

        /** What is held of an event that never ended (the stream ended without its blank line). */
        Buffer rest() {
            return Buffer.buffer(framer.rest());
        }

        private static boolean isUsageOnly(byte[] event) {
            List<SseEvent> parsed = new ArrayList<>(1);
            try {
                new SseParser().feed(event, 0, event.length, parsed::add);
            } catch (SseException e) {
                return false;
            }
            return parsed.size() == 1 && OpenAiChunks.isUsageOnly(parsed.get(0).data());
        }
    }
}
