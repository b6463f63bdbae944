package be.meterkast.web;

import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Optional;

/**
 * The portal's settings that pages and cookies need: the key that signs sessions and CSRF tokens, whether
 * cookies are Secure, whether anyone may register, the address people open the portal at, and how big an
 * uploaded Mijn Fluvius file may be and where uploads are kept while they are imported, and how many bytes of
 * rendered pages {@link PageCache} keeps (0: none).
 */
public record WebSettings(String sessionKey, boolean secureCookies, boolean openRegistration, Optional<URI> publicUrl,
                          long importMaxBytes, String uploadsDirectory, long pageCacheBytes) {
    /** An absolute link for people to open: the configured public URL, else what this browser used. */
    public String absoluteUrl(RoutingContext ctx, String path) {
        String base = publicUrl.map(Object::toString)
                .orElse(ctx.request().scheme() + "://" + ctx.request().authority());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
