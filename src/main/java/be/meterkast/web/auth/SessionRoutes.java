package be.meterkast.web.auth;

import be.meterkast.app.users.UserService;
import be.meterkast.web.Feature;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Templates;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Signing in and out, and where the start page sends people before they are signed in. */
public final class SessionRoutes implements Feature {
    private final UserService users;
    private final SessionTokens tokens;
    private final Templates templates;
    private final boolean openRegistration;

    public SessionRoutes(UserService users, SessionTokens tokens, Templates templates, boolean openRegistration) {
        this.users = users;
        this.tokens = tokens;
        this.templates = templates;
        this.openRegistration = openRegistration;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.HOME).handler(this::startPage);
        root.get(Paths.LOGIN).handler(this::showLogin);
        root.post(Paths.LOGIN).handler(this::login);
        root.post(Paths.LOGOUT).handler(this::logout);
    }

    /** Before sign-in: setup on a fresh install, else the login page. Signed-in users go on to their home. */
    private void startPage(RoutingContext ctx) {
        if (CurrentUser.user(ctx) != null) {
            ctx.next();
            return;
        }
        users.isSetUp().onSuccess(setUp -> ctx.redirect(setUp ? Paths.LOGIN : Paths.SETUP)).onFailure(ctx::fail);
    }

    private void showLogin(RoutingContext ctx) {
        if (CurrentUser.user(ctx) != null) {
            ctx.redirect(Paths.HOME);
            return;
        }
        users.isSetUp().onSuccess(setUp -> {
            if (!setUp) {
                ctx.redirect(Paths.SETUP);
            } else {
                renderLogin(ctx, 200, Forms.empty().set("next", Access.safeNext(ctx.request().getParam("next"))), null);
            }
        }).onFailure(ctx::fail);
    }

    private void login(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "next");
        users.login(form.get("username"), Forms.raw(ctx, "password"), remoteAddress(ctx)).onSuccess(login -> {
            if (login.throttledFor().isPresent()) {
                ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, login.throttledFor().get().toSeconds())));
                renderLogin(ctx, 429, form, "login.throttled");
            } else if (login.user().isEmpty()) {
                renderLogin(ctx, 401, form, "login.failed");
            } else {
                tokens.signIn(ctx.response(), login.user().get());
                Page.redirect(ctx, Access.safeNext(form.get("next")), null);
            }
        }).onFailure(ctx::fail);
    }

    /** Where the request comes from, for the login throttle. */
    public static String remoteAddress(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    }

    private void renderLogin(RoutingContext ctx, int status, Forms form, String errorKey) {
        Map<String, Object> model = Page.model(ctx, "login.title");
        model.put("form", form);
        model.put("error", errorKey);
        model.put("openRegistration", openRegistration);
        templates.render(ctx, status, "login", model);
    }

    private void logout(RoutingContext ctx) {
        SessionTokens.Session session = CurrentUser.session(ctx);
        Future<Void> ended = session == null ? Future.succeededFuture()
                : users.logout(session.userId(), session.id(), session.expiresAt());
        ended.onSuccess(v -> {
            ctx.response().addCookie(tokens.cleared());
            Page.redirect(ctx, Paths.LOGIN, "flash.loggedOut");
        }).onFailure(ctx::fail);
    }
}
