package be.meterkast.fluvius.sim;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * B2C's cookies, written and read as raw header text. The SSO cookie's name
 * ({@code x-ms-cpim-sso:tenant/policy_0}) is not an RFC 6265 token, and Vert.x's cookie API goes through
 * Netty's strict codecs: on the way out the encoder refuses such a name, on the way in {@code getCookie}
 * never sees it. Reading and writing the headers directly also keeps every value byte for byte.
 */
final class B2cCookies {
    static final String PREFIX = "x-ms-cpim-";
    static final String CSRF = PREFIX + "csrf";
    static final String TRANS = PREFIX + "trans";
    static final String SSO = PREFIX + "sso:" + SimPaths.TENANT_NAME + "/" + SimPaths.POLICY.toLowerCase(Locale.ROOT)
            + "_0";
    /** Narrower than {@code /} yet above every tenant path, so only the B2C endpoints get these cookies. */
    static final String TENANT_PATH = "/" + SimPaths.TENANT_NAME + "/";

    private B2cCookies() {
    }

    /** The request-state cookie of one transaction; the trailing {@code _0} is B2C's chunk number. */
    static String cacheName(String cacheId) {
        return PREFIX + "cache|" + cacheId + "_0";
    }

    /**
     * The request's cookies as a browser sent them: split on {@code ;}, the name is everything before the
     * first {@code =}, the value everything after it, untouched. Where a name repeats the first one wins,
     * as browsers send the cookie with the longest path first.
     */
    static Map<String, String> received(RoutingContext ctx) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : ctx.request().headers().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1));
                }
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    /** B2C's front end refuses quoted values outright, before any policy runs. */
    static boolean anyQuoted(Map<String, String> cookies) {
        return cookies.entrySet().stream().anyMatch(c -> c.getKey().startsWith(PREFIX)
                && c.getValue().trim().length() >= 2 && c.getValue().trim().startsWith("\"")
                && c.getValue().trim().endsWith("\""));
    }

    /** Secure cookies would be dropped by clients on plain http, so only https gets Secure and SameSite=None. */
    static void set(RoutingContext ctx, String name, String value, String path) {
        boolean https = "https".equals(ctx.request().scheme());
        ctx.response().headers().add(HttpHeaders.SET_COOKIE, name + "=" + value + "; Path=" + path + "; HttpOnly"
                + (https ? "; Secure; SameSite=None" : "; SameSite=Lax"));
    }
}
