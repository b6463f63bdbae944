package be.meterkast.web;

import be.meterkast.app.PageVersions;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.User;
import be.meterkast.web.auth.CsrfGuard;
import be.meterkast.web.auth.CurrentUser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * "Don't redo what hasn't changed", for every page, export and API read that shows a user's meter data.
 *
 * <p>A page is determined by its key: the signed-in user (id, name, language, admin), the URL with its query
 * (period, meters), the host it was asked at, today's Brussels date (the default periods) and the versions of the
 * user's households ({@link PageVersions}: bumped by triggers in the same transaction as any write they show,
 * on whichever instance). The ETag is a hash of the key and the session's CSRF token, so a browser never keeps a
 * form whose token another session of the user has; a matching {@code If-None-Match} answers 304 before any data
 * is read. Rendered 200s are kept in a bounded memory cache under the key. Entries are never shared between users
 * (the key starts with the user's id), and the CSRF token is cut out before storing and the asking session's put
 * back when serving, so a cached page carries the token of the session it goes to.
 *
 * <p>The versions are read before the page reads its data: a page rendered from data newer than its key is at
 * worst stored under an already outdated key, never old data under a current one. Visibility needs no check of
 * its own on a hit: whether a user may see a meter or household follows from their memberships, which are part of
 * the key (joining or leaving changes the set, a role change bumps the household).
 */
public final class PageCache {
    private static final String PENDING = "pageCache.pending";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final PageVersions versions;
    private final Clock clock;
    private final Cache<String, Entry> cache;

    /** @param maxBytes the most the cache holds, in bytes of the bodies it keeps; 0 keeps nothing (ETags and 304 still). */
    public PageCache(PageVersions versions, Clock clock, long maxBytes) {
        this.versions = versions;
        this.clock = clock;
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> key.length() + entry.size()).build();
    }

    /** The key and ETag of a request the handler let through: {@link #respond} sets the ETag and stores a 200. */
    private record Pending(String key, String etag, String token, Cache<String, Entry> cache) {
    }

    /** A response as stored: its body split where the rendering session's CSRF token stood. */
    private record Entry(String contentType, String disposition, byte[][] parts, int size) {
        static Entry of(String contentType, String disposition, String body, String token) {
            List<byte[]> parts = new ArrayList<>();
            int from = 0;
            if (token != null && !token.isEmpty()) {
                for (int at = body.indexOf(token); at >= 0; at = body.indexOf(token, from)) {
                    parts.add(body.substring(from, at).getBytes(StandardCharsets.UTF_8));
                    from = at + token.length();
                }
            }
            parts.add(body.substring(from).getBytes(StandardCharsets.UTF_8));
            int size = parts.stream().mapToInt(p -> p.length).sum();
            return new Entry(contentType, disposition, parts.toArray(byte[][]::new), size);
        }

        Buffer body(String token) {
            byte[] tokenBytes = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
            Buffer buffer = Buffer.buffer(size + tokenBytes.length * (parts.length - 1));
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    buffer.appendBytes(tokenBytes);
                }
                buffer.appendBytes(parts[i]);
            }
            return buffer;
        }
    }

    /**
     * A route handler for GETs of pages and reads that show meter data, after the user and CSRF handlers: answers
     * 304 or from the cache, else lets the page render (and {@link #respond} keep it). Passes anonymous requests and
     * pages that carry a one-time message.
     */
    public void handle(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        Cookie flash = ctx.request().getCookie(Page.FLASH_COOKIE);
        if (user == null || ctx.request().method() != HttpMethod.GET || (flash != null && !flash.getValue().isBlank())) {
            ctx.next();
            return;
        }
        versions.seenBy(user.id()).onSuccess(seen -> {
            String key = key(ctx, user, seen);
            String token = ctx.get(CsrfGuard.TOKEN_KEY);
            String etag = etag(key, token);
            ctx.put(PENDING, new Pending(key, etag, token, cache));
            if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
                validators(ctx.response().setStatusCode(304), etag).end();
                return;
            }
            Entry entry = cache == null ? null : cache.getIfPresent(key);
            if (entry == null) {
                ctx.next();
                return;
            }
            HttpServerResponse response = validators(ctx.response().setStatusCode(200), etag)
                    .putHeader("Content-Type", entry.contentType());
            if (entry.disposition() != null) {
                response.putHeader("Content-Disposition", entry.disposition());
            }
            response.end(entry.body(token));
        }).onFailure(ctx::fail);
    }

    /**
     * Sends a page, export or API answer: a 200 of a request {@link #handle} let through gets its ETag and is kept;
     * anything else goes out as before ({@code otherwiseCacheControl}, or none).
     */
    public static void respond(RoutingContext ctx, int status, String contentType, Buffer body,
                               Optional<String> otherwiseCacheControl) {
        HttpServerResponse response = ctx.response().setStatusCode(status).putHeader("Content-Type", contentType);
        Pending pending = ctx.get(PENDING);
        if (pending != null && status == 200) {
            validators(response, pending.etag());
            if (pending.cache() != null) {
                pending.cache().put(pending.key(), Entry.of(contentType, response.headers().get("Content-Disposition"),
                        body.toString(StandardCharsets.UTF_8), pending.token()));
            }
        } else {
            otherwiseCacheControl.ifPresent(value -> response.putHeader("Cache-Control", value));
        }
        response.end(body);
    }

    /** How many pages the cache holds now (an estimate), for tests and metrics. */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    // The browser may keep the page, but asks each time (no-cache) and only for this user (private).
    private static HttpServerResponse validators(HttpServerResponse response, String etag) {
        return response.putHeader("ETag", etag).putHeader("Cache-Control", "private, no-cache");
    }

    private String key(RoutingContext ctx, User user, String seen) {
        LocalDate today = LocalDate.now(clock.withZone(LocalDays.BRUSSELS));
        // Fields in a fixed order, separated by a character no URL, name or version text holds unescaped
        return String.join("\u0001", Long.toString(user.id()), user.username(), user.displayName(),
                Boolean.toString(user.admin()), String.valueOf(user.locale()), Page.locale(ctx).toLanguageTag(),
                String.valueOf(ctx.request().authority()), ctx.request().uri(), today.toString(), seen);
    }

    private static String etag(String key, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (token != null) {
                sha.update(token.getBytes(StandardCharsets.UTF_8));
            }
            byte[] digest = sha.digest();
            return '"' + BASE64.encodeToString(java.util.Arrays.copyOf(digest, 18)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code If-None-Match}: {@code *}, or a list of ETags, weak ones ({@code W/}) compared weakly as RFC 9110 says. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }
}
