package com.llmgateway.protocol;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which headers cross the gateway, in each direction (seed-spec section 5.4 and departure 3).
 *
 * <p>Upstream: the client's headers minus its credentials, framing and hop-by-hop headers; then the provider's
 * credential; then the provider's extra headers, which win. Downstream: the provider's headers minus framing and
 * hop-by-hop headers (the gateway frames the body itself).
 */
public final class HeaderRules {
    /** The default Anthropic API version, sent when the client did not choose one. */
    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    private static final Set<String> CLIENT_CREDENTIALS = Set.of("authorization", "x-api-key", "api-key");

    /** RFC 9110 section 7.6.1 hop-by-hop headers, plus framing that the gateway recomputes. */
    private static final Set<String> HOP_BY_HOP_AND_FRAMING = Set.of(
            "connection",
            "keep-alive",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "host",
            "http2-settings");

    private HeaderRules() {}

    /**
     * Headers for the upstream request.
     *
     * <p>{@code accept-encoding} is dropped so that providers answer uncompressed: the gateway reads usage from the
     * bodies it relays, and relays them without decoding.
     */
    public static MultiMap upstreamHeaders(
            MultiMap client,
            Protocol providerProtocol,
            Optional<String> providerKey,
            Map<String, String> extraHeaders) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        Set<String> nominated = nominatedByConnection(client);
        for (Map.Entry<String, String> header : client) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (CLIENT_CREDENTIALS.contains(name)
                    || isHopByHopOrFraming(name)
                    || nominated.contains(name)
                    || name.equals("content-type")
                    || name.equals("accept-encoding")) {
                continue;
            }
            out.add(header.getKey(), header.getValue());
        }
        out.set("content-type", "application/json");
        if (providerProtocol == Protocol.ANTHROPIC) {
            providerKey.ifPresent(key -> out.set("x-api-key", key));
            if (!out.contains("anthropic-version")) {
                out.set("anthropic-version", DEFAULT_ANTHROPIC_VERSION);
            }
        } else {
            providerKey.ifPresent(key -> out.set("authorization", "Bearer " + key));
        }
        extraHeaders.forEach(out::set);
        return out;
    }

    /** Copies the provider's response headers that may reach the client. */
    public static void copyDownstream(MultiMap upstream, MultiMap client) {
        Set<String> nominated = nominatedByConnection(upstream);
        for (Map.Entry<String, String> header : upstream) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!isHopByHopOrFraming(name) && !nominated.contains(name)) {
                client.add(header.getKey(), header.getValue());
            }
        }
    }

    /** RFC 9110 section 7.6.1: the fields a {@code Connection} header names are hop-by-hop too. */
    static Set<String> nominatedByConnection(MultiMap headers) {
        List<String> values = headers.getAll("connection");
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static boolean isHopByHopOrFraming(String lowerCaseName) {
        return HOP_BY_HOP_AND_FRAMING.contains(lowerCaseName) || lowerCaseName.startsWith("proxy-");
    }
}
