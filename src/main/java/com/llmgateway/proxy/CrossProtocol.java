package com.llmgateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.llmgateway.protocol.GatewayException;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.translate.AnthropicToOpenAiStream;
import com.llmgateway.protocol.translate.ChatToMessages;
import com.llmgateway.protocol.translate.ErrorTranslation;
import com.llmgateway.protocol.translate.MessagesToChat;
import com.llmgateway.protocol.translate.OpenAiToAnthropicStream;
import com.llmgateway.protocol.translate.ResponsesToChat;
import com.llmgateway.protocol.translate.StreamTranslator;
import com.llmgateway.protocol.translate.Translated;
import com.llmgateway.protocol.translate.TranslatedError;
import com.llmgateway.protocol.translate.TranslationOptions;
import com.llmgateway.routing.Candidate;
import com.llmgateway.routing.ProviderConfig;
import java.io.IOException;
import java.util.Optional;

/**
 * One attempt whose provider does not offer the client's API: an OpenAI Chat Completions client served by an
 * Anthropic Messages provider, or the reverse; an OpenAI Responses client served by an Anthropic provider, or by an
 * OpenAI-protocol provider without the Responses API ({@link ProviderConfig#responsesApi()}), through its Chat
 * Completions. This class only decides when to translate and what with; the translating itself is
 * {@code protocol.translate}'s. Every other endpoint, and every attempt on the client's own API, is passed through byte
 * for byte.
 */
final class CrossProtocol {
    /** A translated response is read whole before it is translated; a larger one is treated as a broken answer. */
    static final int MAX_TRANSLATED_BODY_BYTES = 32 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Endpoint clientEndpoint;
    private final Endpoint upstreamEndpoint;
    private final JsonNode clientRequest;
    private final Translated upstreamRequest;
    private final TranslationOptions options;

    private CrossProtocol(
            Endpoint clientEndpoint,
            Endpoint upstreamEndpoint,
            JsonNode clientRequest,
            Translated upstreamRequest,
            TranslationOptions options) {
        this.clientEndpoint = clientEndpoint;
        this.upstreamEndpoint = upstreamEndpoint;
        this.clientRequest = clientRequest;
        this.upstreamRequest = upstreamRequest;
        this.options = options;
    }

    /** The endpoint {@code provider} serves a client of {@code endpoint} on, if the gateway translates. */
    static Optional<Endpoint> upstreamEndpoint(Endpoint endpoint, ProviderConfig provider) {
        Protocol protocol = provider.protocol();
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> protocol == Protocol.ANTHROPIC ? Optional.of(Endpoint.MESSAGES) : Optional.empty();
            case MESSAGES -> protocol == Protocol.OPENAI ? Optional.of(Endpoint.CHAT_COMPLETIONS) : Optional.empty();
            case RESPONSES -> {
                if (protocol == Protocol.ANTHROPIC) {
                    yield Optional.of(Endpoint.MESSAGES);
                }
                yield provider.responsesApi() ? Optional.empty() : Optional.of(Endpoint.CHAT_COMPLETIONS);
            }
            default -> Optional.empty();
        };
    }

    /** Whether {@code provider} can serve a client of {@code endpoint}, as it is or translated. */
    static boolean canServe(Endpoint endpoint, ProviderConfig provider) {
        return endpoint.protocol() == provider.protocol()
                || upstreamEndpoint(endpoint, provider).isPresent();
    }

    /**
     * The translation for sending {@code request} to {@code candidate}, or empty when the candidate speaks the client's
     * protocol.
     *
     * @throws GatewayException a 400 when the request cannot be translated, to be answered to the client as it is
     */
    static Optional<CrossProtocol> forAttempt(ProxyRequest request, Candidate candidate) {
        Optional<Endpoint> upstream = upstreamEndpoint(request.endpoint(), candidate.provider());
        if (upstream.isEmpty()) {
            return Optional.empty();
        }
        TranslationOptions options = TranslationOptions.defaults();
        JsonNode client = request.body().tree();
        boolean toMessages = upstream.get() == Endpoint.MESSAGES;
        Translated translated = switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> ChatToMessages.request(client, options);
            case MESSAGES -> MessagesToChat.request(client, options);
            case RESPONSES ->
                toMessages
                        ? ResponsesToChat.requestForAnthropic(client, options)
                        : ResponsesToChat.request(client, options);
            default -> throw new IllegalStateException("no translation for " + request.endpoint());
        };
        translated.json().put("model", candidate.targetModel());
        return Optional.of(new CrossProtocol(request.endpoint(), upstream.get(), client, translated, options));
    }

    /** The endpoint called on the provider (its path, and the shape of its answer for usage). */
    Endpoint upstreamEndpoint() {
        return upstreamEndpoint;
    }

    /** The request body in the provider's protocol. */
    byte[] requestBody() {
        return upstreamRequest.bytes();
    }

    /** The request fields the provider's protocol could not carry, as the header value, if any. */
    Optional<String> requestDroppedFields() {
        return upstreamRequest.droppedFieldsHeader();
    }

    /**
     * A provider's successful JSON answer in the client's protocol.
     *
     * @throws GatewayException a 502 when the provider's body is not the answer its protocol promises
     */
    Translated response(byte[] upstreamBody) {
        JsonNode body = parse(upstreamBody);
        return switch (clientEndpoint) {
            case CHAT_COMPLETIONS -> ChatToMessages.response(body, options);
            case MESSAGES -> MessagesToChat.response(body, options);
            default ->
                fromMessages()
                        ? ResponsesToChat.responseFromAnthropic(body, clientRequest, options)
                        : ResponsesToChat.response(body, clientRequest, options);
        };
    }

    /** A provider's error answer in the client's protocol and status. */
    TranslatedError error(int status, byte[] upstreamBody) {
        return clientEndpoint.protocol() == Protocol.OPENAI
                ? ErrorTranslation.toOpenAi(status, upstreamBody)
                : ErrorTranslation.toAnthropic(status, upstreamBody);
    }

    /** A new translator for the provider's event stream, naming what it drops as it goes. */
    StreamTranslator stream() {
        return StreamTranslator.reportingDrops(translator());
    }

    private StreamTranslator translator() {
        return switch (clientEndpoint) {
            case CHAT_COMPLETIONS -> AnthropicToOpenAiStream.forRequest(clientRequest, options);
            case MESSAGES -> new OpenAiToAnthropicStream();
            default ->
                fromMessages()
                        ? ResponsesToChat.streamFromAnthropic(clientRequest, options)
                        : ResponsesToChat.stream(clientRequest, options);
        };
    }

    private boolean fromMessages() {
        return upstreamEndpoint == Endpoint.MESSAGES;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }
}
