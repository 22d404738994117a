package com.llmgateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.config.Settings;
import com.llmgateway.health.HealthListener;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.protocol.GatewayError;
import com.llmgateway.protocol.GatewayException;
import com.llmgateway.protocol.JsonStrings;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.protocol.RequestBody;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.routing.Candidate;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.RuleContext;
import com.llmgateway.routing.RuleEngine;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.usage.InputTokenCounter;
import com.llmgateway.usage.ResponseSummary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing proxy endpoints: authenticate, read the body within its limit, validate it, route it, and hand
 * it to an {@link Exchange}. Everything here runs on the event loop and reads only the in-memory snapshot.
 */
public final class ProxyHandler implements AutoCloseable {
    static final int MAX_LISTED_MODELS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

    private final SnapshotHolder snapshots;
    private final RoutingState routing;
    private final KeyUsageRecorder keyUsage;
    private final ProxyServices services;
    private final HealthProber prober;
    private final long maxRequestBytes;
    private final LocalTokenCount localCounts = new LocalTokenCount(LocalTokenCount.MAX_IN_FLIGHT);

    public ProxyHandler(
            Vertx vertx,
            Settings settings,
            SnapshotHolder snapshots,
            KeyUsageRecorder keyUsage,
            ExchangeListener listener) {
        this(vertx, settings, snapshots, keyUsage, listener, ProxyActivity.NONE);
    }

    /** As above, with {@code activity} told of upstream attempts and open streams (metrics). */
    public ProxyHandler(
            Vertx vertx,
            Settings settings,
            SnapshotHolder snapshots,
            KeyUsageRecorder keyUsage,
            ExchangeListener listener,
            ProxyActivity activity) {
        this(
                vertx,
                settings,
                snapshots,
                keyUsage,
                listener,
                activity,
                followed(RoutingState.standard(HealthListener.NONE), snapshots));
    }

    /**
     * As above, choosing and judging providers with {@code routing}, which must already follow {@code snapshots}
     * ({@link RoutingState#follow}).
     */
    public ProxyHandler(
            Vertx vertx,
            Settings settings,
            SnapshotHolder snapshots,
            KeyUsageRecorder keyUsage,
            ExchangeListener listener,
            ProxyActivity activity,
            RoutingState routing) {
        this.snapshots = snapshots;
        this.keyUsage = keyUsage;
        this.routing = routing;
        this.maxRequestBytes = settings.maxRequestBytes();
        UpstreamClient upstream = new UpstreamClient(vertx, settings);
        this.prober = new HealthProber(vertx, upstream, routing.health(), snapshots, settings.httpTimeout());
        this.services = new ProxyServices(
                vertx,
                upstream,
                new RetryPolicy(settings.retryMaxAttempts(), settings.retryDelay()),
                settings.httpTimeout(),
                settings.logs().bodyMaxBytes(),
                routing.health(),
                listener,
                activity);
    }

    private static RoutingState followed(RoutingState routing, SnapshotHolder snapshots) {
        routing.follow(snapshots);
        return routing;
    }

    /** Adds the proxy routes to {@code router}. */
    public void mount(Router router) {
        router.get("/v1/models").handler(this::listModels);
        for (Endpoint endpoint : Endpoint.values()) {
            router.post(endpoint.path()).handler(ctx -> handle(ctx, endpoint));
        }
    }

    private void listModels(RoutingContext ctx) {
        RoutingSnapshot snapshot = snapshots.get();
        try {
            authenticate(ctx.request(), snapshot);
        } catch (GatewayException e) {
            reject(ctx.request(), Protocol.OPENAI, e.error(), null);
            return;
        }
        StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        List<String> names = snapshot.models().values().stream()
                .filter(ModelConfig::active)
                .map(ModelConfig::name)
                .sorted()
                .limit(MAX_LISTED_MODELS)
                .toList();
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(JsonStrings.quote(names.get(i)))
                    .append(",\"object\":\"model\",\"created\":0,\"owned_by\":\"system\"}");
        }
        json.append("]}");
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json.toString());
    }

    private void handle(RoutingContext ctx, Endpoint endpoint) {
        HttpServerRequest request = ctx.request();
        String traceId = UUID.randomUUID().toString();
        Instant requestTime = Instant.now();
        long startNanos = System.nanoTime();
        ApiKeyEntry key;
        try {
            key = authenticate(request, snapshots.get());
        } catch (GatewayException e) {
            reject(request, endpoint.protocol(), e.error(), traceId);
            return;
        }
        Arrival arrival = new Arrival(traceId, requestTime, endpoint, key, request.headers());
        Optional<Long> declared = declaredLength(request);
        if (declared.isPresent() && declared.get() > maxRequestBytes) {
            reject(request, endpoint.protocol(), tooLarge(), traceId);
            recordRejection(arrival, null, new byte[0], tooLarge());
            return;
        }
        readBody(request, declared.orElse(0L)).onComplete(read -> {
            if (read.failed()) {
                GatewayError error = read.cause() instanceof GatewayException g
                        ? g.error()
                        : GatewayError.invalidRequest("body_read_error", "Could not read the request body");
                reject(request, endpoint.protocol(), error, traceId);
                recordRejection(arrival, null, new byte[0], error);
                return;
            }
            byte[] bytes = read.result().getBytes();
            ProxyRequest proxyRequest;
            try {
                RequestBody body = RequestBody.parse(bytes);
                proxyRequest = new ProxyRequest(
                        traceId,
                        requestTime,
                        startNanos,
                        endpoint,
                        key,
                        request.headers(),
                        request.query(),
                        body,
                        ctx.response());
            } catch (GatewayException e) {
                ProxyResponses.sendError(ctx.response(), endpoint.protocol(), e.error(), traceId);
                recordRejection(arrival, null, bytes, e.error());
                return;
            }
            route(proxyRequest);
        });
    }

    private ApiKeyEntry authenticate(HttpServerRequest request, RoutingSnapshot snapshot) {
        ApiKeyEntry key = KeyAuthenticator.authenticate(request.headers(), snapshot);
        keyUsage.record(key.id(), System.currentTimeMillis());
        return key;
    }

    /** Chooses the candidates for the request, or answers the routing error of seed-spec section 5.3. */
    private void route(ProxyRequest request) {
        RoutingSnapshot snapshot = snapshots.get();
        String modelName = request.body().model();
        Protocol clientProtocol = request.endpoint().protocol();
        Optional<ModelConfig> found = snapshot.model(modelName);
        if (found.isEmpty()) {
            sendRoutingError(
                    request,
                    GatewayError.of(
                            404, "not_found_error", "model_not_found", "Model '" + modelName + "' is not configured"));
            return;
        }
        ModelConfig model = found.get();
        if (!model.active()) {
            sendRoutingError(
                    request,
                    GatewayError.of(503, "service_error", "model_disabled", "Model '" + modelName + "' is disabled"));
            return;
        }
        if (model.mappings().stream().noneMatch(m -> m.active())) {
            sendRoutingError(
                    request,
                    GatewayError.of(
                            503,
                            "service_error",
                            "no_available_provider",
                            "No active provider is configured for model '" + modelName + "'"));
            return;
        }
        RuleContext context = new RuleContext(
                modelName,
                lowerCaseHeaders(request.headers()),
                () -> request.body().tree(),
                () -> InputTokenCounter.count(
                        clientProtocol, modelName, request.body().tree()));
        List<Candidate> matched = RuleEngine.candidates(model, snapshot.providers(), context);
        if (matched.isEmpty()) {
            sendRoutingError(
                    request,
                    GatewayError.of(503, "service_error", "no_available_provider", "No providers matched the rules"));
            return;
        }
        // Chat Completions, Messages and Responses clients are also served by providers of the other API, translated
        // (CrossProtocol); every other endpoint only by providers that speak the client's protocol.
        List<Candidate> candidates = matched.stream()
                .filter(c -> CrossProtocol.canServe(request.endpoint(), c.provider()))
                .toList();
        if (candidates.isEmpty() && request.endpoint() == Endpoint.COUNT_TOKENS) {
            Optional<Candidate> chat = matched.stream()
                    .filter(c -> c.provider().protocol() == Protocol.OPENAI)
                    .findFirst();
            if (chat.isPresent()) {
                countLocally(request, chat.get());
                return;
            }
        }
        if (candidates.isEmpty()) {
            sendRoutingError(
                    request,
                    GatewayError.of(
                            503,
                            "service_error",
                            "no_available_provider",
                            "No provider of model '" + modelName + "' speaks the " + clientProtocol.wireName()
                                    + " protocol"));
            return;
        }
        startExchange(request, model, candidates);
    }

    /**
     * Health leaves out the candidates it would refuse now (issue 4); the model's strategy picks the first of the rest,
     * and failover walks the others in priority order.
     */
    private void startExchange(ProxyRequest request, ModelConfig model, List<Candidate> candidates) {
        List<Candidate> admitted = routing.admitted(candidates);
        if (admitted.isEmpty()) {
            GatewayError error = coolingDown(model, candidates);
            LOG.warn("Trace {}: {}", request.traceId(), error.message());
            sendRoutingError(request, error);
            return;
        }
        new Exchange(services, request, new Route(model, admitted, candidates.size()))
                .start(routing.firstIndex(model, admitted));
    }

    /** Every candidate's circuit is open, rate limited or waiting for a probe: say until when, if anyone knows. */
    private GatewayError coolingDown(ModelConfig model, List<Candidate> candidates) {
        String message = routing.earliestReadmission(candidates)
                .map(until -> "Every provider of model '" + model.name() + "' is cooling down until " + until)
                .orElse("No provider of model '" + model.name()
                        + "' is available: each has its key refused or a probe in flight");
        return GatewayError.of(503, "service_error", "no_available_provider", message);
    }

    /**
     * A token count for a model that only OpenAI-protocol providers serve, which have no counting endpoint: estimated
     * here ({@link LocalTokenCount}, on a worker thread) and flagged as an estimate, as Claude Code counts before it
     * compacts. No provider is called.
     */
    private void countLocally(ProxyRequest request, Candidate candidate) {
        if (!localCounts.tryAcquire()) {
            sendRoutingError(
                    request,
                    GatewayError.of(
                            429,
                            "rate_limit_error",
                            "token_count_busy",
                            LocalTokenCount.MAX_IN_FLIGHT + " token counts are in progress; retry shortly"));
            return;
        }
        JsonNode body = request.body().tree();
        long started = System.nanoTime();
        services.vertx()
                .executeBlocking(() -> LocalTokenCount.count(body, candidate.targetModel()), false)
                .onComplete(counted -> {
                    localCounts.release();
                    if (counted.failed()) {
                        GatewayError error = counted.cause() instanceof GatewayException e
                                ? e.error()
                                : GatewayError.of(
                                        400,
                                        "invalid_request_error",
                                        "invalid_request_body",
                                        "The request's tokens could not be counted");
                        sendRoutingError(request, error);
                        return;
                    }
                    LocalTokenCount.send(request.response(), counted.result(), request.traceId());
                    record(
                            arrivalOf(request),
                            request.body(),
                            request.body().bytes(),
                            200,
                            Optional.of((System.nanoTime() - started) / 1_000_000),
                            Optional.empty());
                });
    }

    private static Arrival arrivalOf(ProxyRequest request) {
        return new Arrival(
                request.traceId(), request.requestTime(), request.endpoint(), request.apiKey(), request.headers());
    }

    private void sendRoutingError(ProxyRequest request, GatewayError error) {
        ProxyResponses.sendError(request.response(), request.endpoint().protocol(), error, request.traceId());
        recordRejection(arrivalOf(request), request.body(), request.body().bytes(), error);
    }

    /** An authenticated request as it arrived, before its body is known to be valid. */
    private record Arrival(String traceId, Instant requestTime, Endpoint endpoint, ApiKeyEntry key, MultiMap headers) {}

    /**
     * Every authenticated request leaves a record, also when the gateway refused it itself (seed-spec section 7: one
     * log row per client request). {@code body} is null when the body was not valid JSON with a model.
     */
    private void recordRejection(Arrival arrival, RequestBody body, byte[] bytes, GatewayError error) {
        record(arrival, body, bytes, error.status(), Optional.empty(), Optional.of(error.message()));
    }

    /** A request the gateway answered itself, without calling a provider. */
    private void record(
            Arrival arrival,
            RequestBody body,
            byte[] bytes,
            int status,
            Optional<Long> totalTimeMs,
            Optional<String> error) {
        services.listener()
                .exchangeFinished(new ExchangeRecord(
                        arrival.traceId(),
                        arrival.requestTime(),
                        arrival.endpoint(),
                        arrival.key(),
                        body == null ? null : body.model(),
                        body != null && body.isStream(),
                        bytes,
                        arrival.headers().entries(),
                        0,
                        List.of(),
                        0,
                        status,
                        totalTimeMs,
                        totalTimeMs,
                        0,
                        ResponseSummary.EMPTY,
                        error));
    }

    private Future<Buffer> readBody(HttpServerRequest request, long declared) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer((int) Math.min(declared, 1 << 20));
        request.handler(chunk -> {
            if (body.length() + (long) chunk.length() > maxRequestBytes) {
                request.handler(null);
                promise.tryFail(new GatewayException(tooLarge()));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(ignored -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    /**
     * Answers before the whole body is read. On HTTP/1.x the connection is then closed so the unread rest does not
     * linger; on HTTP/2 ending the response ends the stream (and {@code connection} is a forbidden header there).
     */
    private void reject(HttpServerRequest request, Protocol protocol, GatewayError error, String traceId) {
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            ProxyResponses.sendError(request.response(), protocol, error, traceId);
            return;
        }
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        ProxyResponses.sendError(request.response(), protocol, error, traceId)
                .onComplete(written -> request.connection().close());
    }

    private GatewayError tooLarge() {
        return GatewayError.of(
                413,
                "invalid_request_error",
                "request_too_large",
                "Request body exceeds the limit of " + maxRequestBytes + " bytes (MAX_REQUEST_BYTES)");
    }

    private static Optional<Long> declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> lowerCaseHeaders(MultiMap headers) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> header : headers) {
            out.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        return out;
    }

    /** The provider health this proxy routes by. */
    public ProviderHealth health() {
        return routing.health();
    }

    @Override
    public void close() {
        prober.close();
        services.upstream().close();
    }
}
