package be.meterkast.web.auth;

import be.meterkast.store.User;
import be.meterkast.web.Paths;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The access checks pages chain before their handlers. */
public final class Access {
    private Access() {
    }

    /** Pages for signed-in users only: everyone else goes to the login page, and comes back after. */
    public static void requireUser(RoutingContext ctx) {
        if (CurrentUser.user(ctx) != null) {
            ctx.next();
        } else if ("GET".equals(ctx.request().method().name())) {
            ctx.redirect(Paths.LOGIN + "?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
        } else {
            ctx.redirect(Paths.LOGIN);
        }
    }

    /** Administration: answers 404 to non-admins, as if it did not exist. */
    public static void requireAdmin(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        if (user == null) {
            requireUser(ctx);
        } else if (user.admin()) {
            ctx.next();
        } else {
            ctx.fail(404);
        }
    }

    /**
     * Only paths on this site: an attacker's link must not bounce a fresh login to another site. A path is
     * printable ASCII (what {@link #requireUser} puts there is URL-encoded), starts with one {@code /} and
     * goes on with neither {@code /} nor {@code \\}, also once its percent-escapes are decoded: browsers read
     * {@code /\t/evil.example} and {@code /%2F/evil.example} as {@code //evil.example}. Control characters would
     * also make the {@code Location} header itself invalid, and the redirect would never be answered.
     */
    public static String safeNext(String next) {
        if (next == null || !isLocalPath(next)) {
            return Paths.HOME;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(next, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return Paths.HOME;
        }
        // Browsers drop tabs and line breaks anywhere in a URL: what is left must still start like a local path.
        return startsLocally(decoded.replaceAll("[\\x00-\\x20\\x7f]", "")) ? next : Paths.HOME;
    }

    private static boolean isLocalPath(String path) {
        return path.chars().allMatch(c -> c > 0x20 && c < 0x7f) && startsLocally(path);
    }

    private static boolean startsLocally(String path) {
        return path.startsWith("/") && (path.length() == 1 || (path.charAt(1) != '/' && path.charAt(1) != '\\'));
    }
}
