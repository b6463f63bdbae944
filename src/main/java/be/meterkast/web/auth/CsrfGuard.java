package be.meterkast.web.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF protection for every state-changing form: a synchronizer token derived (HMAC) from the session it
 * belongs to, sent back in the {@code _csrf} field or the {@code X-CSRF-Token} header. Vert.x's CSRFHandler
 * needs server-side sessions and, without them, issues a new cookie on every page view, which breaks a second
 * open tab; a token bound to the session stays the same in every tab until the session ends.
 * Before sign-in (login, setup, invites) the token is bound to a random pre-session cookie instead.
 */
public final class CsrfGuard {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String PRE_SESSION_COOKIE = "meterkast_pre";
    /** Where the handler leaves the token for templates. */
    public static final String TOKEN_KEY = "csrfToken";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;
    private final boolean secureCookies;

    public CsrfGuard(String signingKey, boolean secureCookies) {
        this.key = ("csrf:" + signingKey).getBytes(StandardCharsets.UTF_8);
        this.secureCookies = secureCookies;
    }

    /** Runs after {@link CurrentUser}: puts the token in the context, and refuses unsafe requests without it. */
    public void handle(RoutingContext ctx) {
        String token = tokenFor(ctx);
        ctx.put(TOKEN_KEY, token);
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        String sent = ctx.request().getHeader(HEADER);
        if (sent == null) {
            sent = ctx.request().getFormAttribute(FIELD);
        }
        if (sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
        } else {
            ctx.fail(403, new CsrfRejected());
        }
    }

    private String tokenFor(RoutingContext ctx) {
        SessionTokens.Session session = ctx.get(CurrentUser.SESSION_KEY);
        if (session != null) {
            return sign("session:" + session.id());
        }
        Cookie pre = ctx.request().getCookie(PRE_SESSION_COOKIE);
        String id = pre == null || pre.getValue().length() < 16 ? null : pre.getValue();
        if (id == null) {
            byte[] raw = new byte[18];
            RANDOM.nextBytes(raw);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            ctx.response().addCookie(Cookie.cookie(PRE_SESSION_COOKIE, id).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies));
        }
        return sign("pre:" + id);
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** The form came without the token of this session: a forged or stale request. */
    public static final class CsrfRejected extends RuntimeException {
        CsrfRejected() {
            super("the form's security token is missing or belongs to another session", null, false, false);
        }
    }
}
