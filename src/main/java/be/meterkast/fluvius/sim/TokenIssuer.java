package be.meterkast.fluvius.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and checks the simulator's JWTs with an HS256 key made per simulator instance. Times come from the
 * simulator clock, not the system clock, so Vert.x's own timestamp and expiry checks are switched off and
 * expiry is checked here.
 */
final class TokenIssuer {
    private static final String API_PERMISSION =
            SimPaths.API_SCOPE.substring(SimPaths.API_SCOPE.lastIndexOf('/') + 1);
    private static final JWTOptions SIGNING = new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true);

    private final JWTAuth jwt;
    private final Clock clock;

    TokenIssuer(Vertx vertx, Clock clock) {
        this.clock = clock;
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SignInState.randomId(32)))
                .setJWTOptions(new JWTOptions().setIgnoreExpiration(true)));
    }

    /**
     * What the data API accepts. Its audience is the client itself, as B2C issues it when the API scope is
     * exposed by the client's own registration; so only {@code scp} tells it apart from an id token.
     */
    String accessToken(SimAccount account, String issuer, String clientId, Duration lifetime) {
        Instant now = clock.instant();
        return jwt.generateToken(common(account, issuer, now, lifetime)
                .put("aud", clientId)
                .put("azp", clientId)
                .put("scp", API_PERMISSION), SIGNING);
    }

    String idToken(SimAccount account, String issuer, String clientId, String nonce, Duration lifetime) {
        Instant now = clock.instant();
        JsonObject claims = common(account, issuer, now, lifetime)
                .put("aud", clientId)
                .put("auth_time", now.getEpochSecond());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return jwt.generateToken(claims, SIGNING);
    }

    /** The claims of a valid, unexpired access token; a failed future otherwise. */
    Future<JsonObject> verifyAccessToken(String token) {
        return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
            // The signature is verified; the claims are read from the payload itself because where Vert.x
            // keeps them on the User (principal or attributes) is an implementation detail.
            JsonObject claims = payload(token);
            long exp = claims.getLong("exp", 0L);
            if (exp <= clock.instant().getEpochSecond()) {
                return Future.failedFuture("the access token has expired");
            }
            if (!SimPaths.CLIENT_ID.equals(claims.getString("aud"))
                    || !API_PERMISSION.equals(claims.getString("scp"))) {
                return Future.failedFuture("not an access token for this API");
            }
            return Future.succeededFuture(claims);
        });
    }

    private static JsonObject payload(String token) {
        String[] parts = token.split("\\.");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static JsonObject common(SimAccount account, String issuer, Instant now, Duration lifetime) {
        return new JsonObject()
                .put("iss", issuer)
                .put("exp", now.plus(lifetime).getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("ver", "1.0")
                .put("sub", account.id())
                .put("oid", account.id())
                .put("emails", new JsonArray().add(account.email()))
                .put("tfp", SimPaths.POLICY)
                // Like Azure's "uti": every token is distinct, even two issued within the same second.
                .put("jti", java.util.UUID.randomUUID().toString());
    }
}
