package be.meterkast.web.auth;

import be.meterkast.store.User;
import be.meterkast.web.Paths;
import io.vertx.ext.web.RoutingContext;

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

    /** Only paths on this site: an attacker's link must not bounce a fresh login to another site. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return Paths.HOME;
        }
        return next;
    }
}
