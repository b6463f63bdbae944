package be.meterkast.web.admin;

import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.users.UserService;
import be.meterkast.store.DuplicateUsername;
import be.meterkast.store.Role;
import be.meterkast.store.User;
import be.meterkast.web.Feature;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Templates;
import be.meterkast.web.WebSettings;
import be.meterkast.web.auth.Access;
import be.meterkast.web.auth.CurrentUser;
import be.meterkast.web.auth.UserForms;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;

/** The admin's page: who has an account, new users directly or by invitation link, removing users. */
public final class AdminRoutes implements Feature {
    private final Vertx vertx;
    private final UserService users;
    private final HouseholdService households;
    private final WebSettings settings;
    private final Templates templates;

    public AdminRoutes(Vertx vertx, UserService users, HouseholdService households, WebSettings settings,
                       Templates templates) {
        this.vertx = vertx;
        this.users = users;
        this.households = households;
        this.settings = settings;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        Router router = Router.router(vertx);
        router.get("/").handler(this::showUsers);
        router.post("/users").handler(this::createUser);
        router.post("/users/:userId/delete").handler(this::deleteUser);
        router.post("/invites").handler(this::invite);
        root.route(Paths.ADMIN + "*").handler(Access::requireAdmin);
        // The Users link and every redirect after an action say /admin: a sub-router answers /admin/ only.
        root.get(Paths.ADMIN).handler(this::showUsers);
        root.route(Paths.ADMIN + "/*").subRouter(router);
    }

    private void showUsers(RoutingContext ctx) {
        render(ctx, 200, Forms.empty(), null);
    }

    private void render(RoutingContext ctx, int status, Forms form, String inviteUrl) {
        users.list().onSuccess(list -> {
            Map<String, Object> model = Page.model(ctx, "admin.title");
            model.put("users", list);
            model.put("form", form);
            model.put("inviteUrl", inviteUrl);
            model.put("minPassword", UserForms.MIN_PASSWORD);
            templates.render(ctx, status, "admin", model);
        }).onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "displayName", "admin");
        String password = Forms.raw(ctx, "password");
        UserForms.validateNewUser(form, password, password);
        if (!form.valid()) {
            render(ctx, 400, form, null);
            return;
        }
        boolean admin = "on".equals(form.get("admin")) || "true".equals(form.get("admin"));
        users.addByAdmin(UserForms.newUser(ctx, form, password), admin)
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
        users.delete(id.get()).onSuccess(deleted -> {
            if (deleted) {
                Page.redirect(ctx, Paths.ADMIN, "flash.user.deleted");
            } else {
                ctx.fail(404);
            }
        }).onFailure(ctx::fail);
    }

    /** An invitation to the portal only, as a member of no household. */
    private void invite(RoutingContext ctx) {
        households.invite(CurrentUser.user(ctx).id(), Optional.empty(), Role.MEMBER)
                .onSuccess(token -> render(ctx, 200, Forms.empty(), settings.absoluteUrl(ctx, Paths.invite(token))))
                .onFailure(ctx::fail);
    }
}
