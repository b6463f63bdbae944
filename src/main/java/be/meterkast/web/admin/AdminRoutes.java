package be.meterkast.web.admin;

import be.meterkast.store.DuplicateUsername;
import be.meterkast.store.InviteTokens;
import be.meterkast.store.Role;
import be.meterkast.store.User;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.PortalServices;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.AuthRoutes;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The admin's page: who has an account, new users directly or by invitation link, removing users. */
public final class AdminRoutes {
    static final Duration INVITE_LIFETIME = Duration.ofDays(7);

    private final Vertx vertx;
    private final PortalServices services;
    private final Templates templates;

    public AdminRoutes(Vertx vertx, PortalServices services, Templates templates) {
        this.vertx = vertx;
        this.services = services;
        this.templates = templates;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::showUsers);
        router.post("/users").handler(this::createUser);
        router.post("/users/:userId/delete").handler(this::deleteUser);
        router.post("/invites").handler(this::invite);
        return router;
    }

    private void showUsers(RoutingContext ctx) {
        render(ctx, 200, Forms.empty(), null);
    }

    private void render(RoutingContext ctx, int status, Forms form, String inviteUrl) {
        services.users().list().onSuccess(users -> {
            Map<String, Object> model = Page.model(ctx, "admin.title");
            model.put("users", users);
            model.put("form", form);
            model.put("inviteUrl", inviteUrl);
            model.put("minPassword", AuthRoutes.MIN_PASSWORD);
            templates.render(ctx, status, "admin", model);
        }).onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "displayName", "admin");
        String password = Forms.raw(ctx, "password");
        AuthRoutes.validateNewUser(form, password, password);
        if (!form.valid()) {
            render(ctx, 400, form, null);
            return;
        }
        boolean admin = "on".equals(form.get("admin")) || "true".equals(form.get("admin"));
        String displayName = form.get("displayName").isEmpty() ? form.get("username") : form.get("displayName");
        vertx.executeBlocking(() -> services.hasher().hash(password))
                .compose(hash -> services.users().create(form.get("username"), displayName, hash, admin))
                .compose(user -> AuthRoutes.withBrowserLanguage(services.pool(), ctx, user))
                .onSuccess(user -> Page.redirect(ctx, Paths.ADMIN, "flash.user.created"))
                .onFailure(err -> {
                    if (err instanceof DuplicateUsername) {
                        render(ctx, 400, form.error("username", "form.username.taken"), null);
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    /** Removing a user ends their sessions at once: the session check finds no user any more. */
    private void deleteUser(RoutingContext ctx) {
        User me = CurrentUser.user(ctx);
        Optional<Long> id = Paths.id(ctx.pathParam("userId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        if (id.get() == me.id()) {
            ctx.fail(400);
            return;
        }
        services.users().delete(id.get()).onSuccess(deleted -> {
            if (deleted) {
                Page.redirect(ctx, Paths.ADMIN, "flash.user.deleted");
            } else {
                ctx.fail(404);
            }
        }).onFailure(ctx::fail);
    }

    private void invite(RoutingContext ctx) {
        String token = InviteTokens.generate();
        services.invites().create(InviteTokens.hash(token), CurrentUser.user(ctx).id(), Optional.empty(), Role.MEMBER,
                        services.clock().instant().plus(INVITE_LIFETIME))
                .onSuccess(invite -> render(ctx, 200, Forms.empty(), services.absoluteUrl(ctx, Paths.invite(token))))
                .onFailure(ctx::fail);
    }
}
