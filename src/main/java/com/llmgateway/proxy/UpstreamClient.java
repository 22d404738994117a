package com.llmgateway.proxy;

import com.llmgateway.config.Settings;
import com.llmgateway.health.Timeouts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;

/**
 * The HTTP clients to providers. Two pools: one for TLS origins that negotiates HTTP/2 by ALPN and falls back to
 * HTTP/1.1, one plain HTTP/1.1 (prior-knowledge h2c would break ordinary HTTP servers).
 *
 * <p>Each origin gets up to {@code UPSTREAM_MAX_CONNECTIONS} HTTP/1.1 connections (long streams hold one each) and a
 * wait queue of {@code UPSTREAM_MAX_WAIT_QUEUE}; past that a request fails at once with a pool-full error, which the
 * client receives as a 503 in its protocol.
 */
final class UpstreamClient implements AutoCloseable {
    /** HTTP/2 connections per TLS origin; each multiplexes many streams. */
    static final int HTTP2_CONNECTIONS_PER_ORIGIN = 8;

    private final HttpClientAgent plain;
    private final HttpClientAgent tls;

    UpstreamClient(Vertx vertx, Settings settings) {
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(settings.upstreamMaxConnections())
                .setHttp2MaxSize(HTTP2_CONNECTIONS_PER_ORIGIN)
                .setMaxWaitQueueSize(settings.upstreamMaxWaitQueue());
        // Each attempt bounds obtaining its connection itself (RequestOptions' connect timeout: the provider's or the
        // model's connect_ms, else HTTP_TIMEOUT), so the TCP connect here only needs the longest bound allowed.
        int connectTimeout = (int) Timeouts.MAX.toMillis();
        HttpClientOptions common = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setPipelining(false)
                .setMaxRedirects(0)
                .setDecompressionSupported(false)
                .setConnectTimeout(connectTimeout)
                .setMaxHeaderSize(64 * 1024)
                .setMaxInitialLineLength(16 * 1024);
        this.plain = vertx.httpClientBuilder()
                .with(new HttpClientOptions(common).setProtocolVersion(HttpVersion.HTTP_1_1))
                .with(pool)
                .build();
        HttpClientOptions tlsOptions = new HttpClientOptions(common)
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
        UpstreamTrust.withExtraCas(settings.upstreamCaFile()).ifPresent(tlsOptions::setTrustOptions);
        this.tls = vertx.httpClientBuilder()
                .with(tlsOptions)
                .with(new PoolOptions(pool))
                .build();
    }

    Future<HttpClientRequest> open(RequestOptions options, boolean secure) {
        return (secure ? tls : plain).request(options);
    }

    @Override
    public void close() {
        plain.close();
        tls.close();
    }
}
