package com.llmgateway.admin;

import com.llmgateway.security.AdminTokens;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** {@code /api/auth/*}: status, login and logout (seed-spec section 9.1). Open to every client. */
final class AuthRoutes {
    private final Optional<AdminTokens> tokens;
    private final AdminAccess access;

    AuthRoutes(Optional<AdminTokens> tokens, AdminAccess access) {
        this.tokens = tokens;
        this.access = access;
    }

    void mount(Router router) {
        router.get("/auth/status").handler(this::status);
        router.post("/auth/login").handler(this::login);
        router.post("/auth/logout").handler(this::logout);
    }

    private void status(RoutingContext ctx) {
        Responses.json(
                ctx,
                200,
                Responses.JSON
                        .createObjectNode()
                        .put("enabled", tokens.isPresent())
                        .put("authenticated", access.isAuthenticated(ctx.request())));
    }

    private void login(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String username = body.requiredText("username", Fields.CREDENTIAL);
        String password = body.requiredText("password", Fields.CREDENTIAL);
        if (tokens.isEmpty()) {
            Responses.detail(ctx, 400, "Admin authentication is not enabled");
            return;
        }
        if (!tokens.get().credentialsMatch(username, password)) {
            Responses.detail(ctx, 401, "Invalid username or password");
            return;
        }
        Responses.json(
                ctx,
                200,
                Responses.JSON
                        .createObjectNode()
                        .put("access_token", tokens.get().issue())
                        .put("token_type", "bearer")
                        .put("expires_in", tokens.get().ttl().toSeconds()));
    }

    /** Tokens are stateless: logging out only makes the client forget its token. */
    private void logout(RoutingContext ctx) {
        Responses.json(ctx, 200, Responses.JSON.createObjectNode().put("ok", true));
    }
}
