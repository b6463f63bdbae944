package be.meterkast.fluvius.sim;

import be.meterkast.fluvius.sim.SignInState.CodeGrant;
import be.meterkast.fluvius.sim.SignInState.RefreshGrant;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The B2C token endpoint of the simulated tenant: the authorization code (with PKCE) and refresh token grants,
 * failing with OAuth errors as B2C does. Like B2C, the token response holds an access token only for the API
 * scope, a refresh token only for {@code offline_access} and {@code client_info} only when asked for.
 */
final class TokenEndpoint {
    private static final String OFFLINE_ACCESS = "offline_access";

    private final SimulatorConfig config;
    private final SimStats stats;
    private final SignInState state;
    private final TokenIssuer tokens;

    TokenEndpoint(SimulatorConfig config, SimStats stats, SignInState state, TokenIssuer tokens) {
        this.config = config;
        this.stats = stats;
        this.state = state;
        this.tokens = tokens;
    }

    void token(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String grantType = form.get("grant_type");
        String clientId = form.get("client_id");
        if (grantType == null || clientId == null) {
            oauthError(ctx, "invalid_request", "AADB2C90117: grant_type and client_id are required.");
        } else if (!SimPaths.CLIENT_ID.equals(clientId)) {
            oauthError(ctx, "unauthorized_client", "AADB2C90057: The application '" + clientId
                    + "' is not registered in this tenant.");
        } else if (grantType.equals("authorization_code")) {
            redeemCode(ctx, form);
        } else if (grantType.equals("refresh_token")) {
            refresh(ctx, form);
        } else {
            oauthError(ctx, "unsupported_grant_type", "AADB2C90086: The supplied grant_type '" + grantType
                    + "' is not supported.");
        }
    }

    private void redeemCode(RoutingContext ctx, MultiMap form) {
        String code = form.get("code");
        String verifier = form.get("code_verifier");
        if (code == null || verifier == null || form.get("redirect_uri") == null) {
            oauthError(ctx, "invalid_request", "AADB2C90117: code, code_verifier and redirect_uri are required.");
            return;
        }
        Optional<CodeGrant> found = state.redeem(code);
        if (found.isEmpty()) {
            oauthError(ctx, "invalid_grant", "AADB2C90080: The provided grant is not valid.");
            return;
        }
        CodeGrant grant = found.get();
        if (grant.redeemed()) {
            oauthError(ctx, "invalid_grant", "AADB2C90080: The provided grant has already been redeemed.");
        } else if (!grant.expiresAt().isAfter(config.clock().instant())) {
            oauthError(ctx, "invalid_grant", "AADB2C90080: The provided grant has expired.");
        } else if (!grant.request().clientId().equals(form.get("client_id"))
                || !grant.request().redirectUri().equals(form.get("redirect_uri"))) {
            oauthError(ctx, "invalid_grant", "AADB2C90080: The grant was issued to another client or redirect URI.");
        } else if (!grant.request().codeChallenge().equals(s256(verifier))) {
            oauthError(ctx, "invalid_grant", "AADB2C90183: The supplied code_verifier is invalid.");
        } else {
            stats.codeGrant();
            String scope = form.get("scope") != null ? form.get("scope") : grant.request().scope();
            issueTokens(ctx, grant.account(), scope, grant.request().nonce(),
                    grant.request().clientInfo() || "1".equals(form.get("client_info")));
        }
    }

    private void refresh(RoutingContext ctx, MultiMap form) {
        if (form.get("refresh_token") == null) {
            oauthError(ctx, "invalid_request", "AADB2C90117: refresh_token is required.");
            return;
        }
        Optional<RefreshGrant> grant = state.useRefreshToken(form.get("refresh_token"))
                .filter(g -> g.clientId().equals(form.get("client_id")));
        if (grant.isEmpty()) {
            oauthError(ctx, "invalid_grant", "AADB2C90080: The provided grant has expired or was already used.");
            return;
        }
        stats.refreshGrant();
        String scope = form.get("scope") != null ? form.get("scope") : grant.get().scope();
        issueTokens(ctx, grant.get().account(), scope, null,
                grant.get().clientInfo() || "1".equals(form.get("client_info")));
    }

    /**
     * The scopes decide what comes back, as in B2C: the access token only for the API scope, a refresh token
     * only for {@code offline_access}; the id token always, since authorize insists on {@code openid}.
     */
    private void issueTokens(RoutingContext ctx, String email, String scope, String nonce, boolean withClientInfo) {
        SimAccount account = config.accounts().find(email).orElseThrow();
        var lifetime = config.options().tokenLifetime();
        String issuer = MsalConfigEndpoint.baseUrl(ctx) + "/" + SimPaths.TENANT_ID + "/v2.0/";
        Set<String> scopes = scopes(scope);
        Instant now = config.clock().instant();
        JsonObject body = new JsonObject();
        if (scopes.contains(SimPaths.API_SCOPE)) {
            body.put("access_token", tokens.accessToken(account, issuer, SimPaths.CLIENT_ID, lifetime))
                    .put("expires_in", lifetime.getSeconds())
                    .put("expires_on", now.plus(lifetime).getEpochSecond())
                    .put("resource", SimPaths.CLIENT_ID);
        }
        body.put("id_token", tokens.idToken(account, issuer, SimPaths.CLIENT_ID, nonce, lifetime))
                .put("token_type", "Bearer")
                .put("not_before", now.getEpochSecond())
                .put("id_token_expires_in", lifetime.getSeconds())
                .put("profile_info", base64Url(new JsonObject().put("ver", "1.0").put("tid", SimPaths.TENANT_ID)
                        .put("oid", account.id()).encode()))
                .put("scope", scope);
        if (withClientInfo) {
            body.put("client_info", clientInfo(account));
        }
        if (scopes.contains(OFFLINE_ACCESS)) {
            RefreshGrant refresh = state.issueRefreshToken(SimPaths.CLIENT_ID, account.email(), scope, withClientInfo);
            body.put("refresh_token", refresh.token())
                    .put("refresh_token_expires_in", SignInState.REFRESH_LIFETIME.getSeconds());
        }
        stats.issued(body.getString("access_token"), body.getString("id_token"), body.getString("refresh_token"),
                body.getString("client_info"), body.getString("profile_info"));
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ctx.json(body);
    }

    static Set<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }

    /** Base64url JSON naming the account and tenant, the way MSAL expects it on the redirect and with tokens. */
    static String clientInfo(SimAccount account) {
        return base64Url(new JsonObject()
                .put("uid", account.id() + "-" + SimPaths.POLICY.toLowerCase(Locale.ROOT))
                .put("utid", SimPaths.TENANT_ID).encode());
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void oauthError(RoutingContext ctx, String error, String description) {
        ctx.response().setStatusCode(400);
        ctx.json(new JsonObject().put("error", error).put("error_description", description));
    }
}
