package com.llmgateway.admin;

import com.llmgateway.security.AdminTokens;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guards {@code /api/admin/*} (seed-spec section 9.1). With admin credentials configured, a request needs a valid token
 * in {@code Authorization: Bearer} or {@code x-admin-token}. Without them the original left the admin API open to
 * anyone; here it answers loopback clients only, so a gateway listening on 0.0.0.0 does not hand out its provider
 * configuration to the network.
 */
final class AdminAccess implements Handler<RoutingContext> {
    static final String NOT_AUTHENTICATED = "Not authenticated";
    static final String INVALID_TOKEN = "Invalid or expired token";
    static final String LOOPBACK_ONLY = "Admin login is not enabled, so the admin API only answers requests from this"
            + " machine (127.0.0.1 or ::1). Set ADMIN_USERNAME and ADMIN_PASSWORD to enable login and remote access.";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String BEARER = "bearer ";

    /** Why a request was turned away, answered as {@code {"detail": ...}}. */
    record Denial(int status, String detail) {}

    private final Optional<AdminTokens> tokens;

    AdminAccess(Optional<AdminTokens> tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        Optional<Denial> denial = check(remote == null ? null : remote.hostAddress(), token(ctx.request()));
        if (denial.isEmpty()) {
            ctx.next();
            return;
        }
        if (denial.get().status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        Responses.detail(ctx, denial.get().status(), denial.get().detail());
    }

    /** The decision alone, for a client at {@code remoteHost} (an IP literal) presenting {@code token}. */
    Optional<Denial> check(String remoteHost, Optional<String> token) {
        if (tokens.isEmpty()) {
            return isLoopback(remoteHost) ? Optional.empty() : Optional.of(new Denial(403, LOOPBACK_ONLY));
        }
        if (token.isEmpty()) {
            return Optional.of(new Denial(401, NOT_AUTHENTICATED));
        }
        return tokens.get().isValid(token.get()) ? Optional.empty() : Optional.of(new Denial(401, INVALID_TOKEN));
    }

    /** Whether the request carries a token that is valid now; always true while login is disabled. */
    boolean isAuthenticated(HttpServerRequest request) {
        return tokens.isEmpty() || token(request).filter(tokens.get()::isValid).isPresent();
    }

    /** {@code Authorization: Bearer <t>} first, then {@code x-admin-token: <t>}. */
    static Optional<String> token(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        return Optional.ofNullable(request.getHeader("x-admin-token"))
                .map(String::trim)
                .filter(token -> !token.isEmpty());
    }

    /**
     * 127.0.0.0/8, ::1 and their IPv4-mapped forms. Only IP literals are considered (never resolved), and anything
     * else, including a missing address, is not loopback.
     */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.contains(":") && !IPV4.matcher(literal).matches()) {
            return false;
        }
        try {
            // An IP literal is parsed, not looked up.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
