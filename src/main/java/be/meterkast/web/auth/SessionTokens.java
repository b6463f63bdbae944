package be.meterkast.web.auth;

import be.meterkast.store.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Sessions are signed JWTs (Vert.x Auth JWT): in an HttpOnly, SameSite=Lax cookie for pages, as a Bearer
 * token for the API. Each carries the user's session version, so changing a password or removing a user
 * ends all their sessions, and an id, so logout can end just one.
 */
public final class SessionTokens {
    public static final String COOKIE = "meterkast_session";
    public static final Duration PAGE_LIFETIME = Duration.ofDays(30);
    public static final Duration API_LIFETIME = Duration.ofDays(90);

    private final JWTAuth jwt;
    private final boolean secureCookies;

    public SessionTokens(Vertx vertx, String signingKey, boolean secureCookies) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(signingKey)));
        this.secureCookies = secureCookies;
    }

    public record Session(long userId, int version, String id, Instant expiresAt, String kind) {
    }

    public String issue(User user, Duration lifetime, String kind) {
        return jwt.generateToken(new JsonObject()
                        .put("sub", Long.toString(user.id()))
                        .put("ver", user.sessionVersion())
                        .put("jti", UUID.randomUUID().toString())
                        .put("knd", kind),
                new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds((int) lifetime.toSeconds()));
    }

    /** The session a token stands for, when its signature and expiry are good. */
    public Future<Session> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).map(user -> {
            // JWTAuth checked signature and expiry; it keeps the token's claims under "accessToken".
            JsonObject claims = user.attributes().getJsonObject("accessToken");
            return new Session(Long.parseLong(claims.getString("sub")), claims.getInteger("ver"),
                    claims.getString("jti"), Instant.ofEpochSecond(claims.getLong("exp")),
                    claims.getString("knd", "page"));
        });
    }

    /** Starts a page session in this browser: the cookie of a fresh token. */
    public void signIn(HttpServerResponse response, User user) {
        response.addCookie(cookie(issue(user, PAGE_LIFETIME, "page")));
    }

    private Cookie cookie(String token) {
        return Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(secureCookies).setMaxAge(PAGE_LIFETIME.toSeconds());
    }

    public Cookie cleared() {
        return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(secureCookies).setMaxAge(0);
    }
}
