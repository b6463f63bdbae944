package be.meterkast.web;

import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Optional;

/**
 * The portal's settings that pages and cookies need: the key that signs sessions and CSRF tokens, whether
 * cookies are Secure, whether anyone may register, and the address people open the portal at.
 */
public record WebSettings(String sessionKey, boolean secureCookies, boolean openRegistration, Optional<URI> publicUrl) {
    /** An absolute link for people to open: the configured public URL, else what this browser used. */
    public String absoluteUrl(RoutingContext ctx, String path) {
        String base = publicUrl.map(Object::toString)
                .orElse(ctx.request().scheme() + "://" + ctx.request().authority());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
