package be.meterkast.web.admin;

import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.users.UserService;
import be.meterkast.store.DuplicateUsername;
import be.meterkast.store.HouseholdSummary;
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
import be.meterkast.web.households.HouseholdRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin's pages: who has an account, new users directly or by invitation link, removing users (saying
 * what becomes of the households they alone own); every household, to take over or delete.
 */
public final class AdminRoutes implements Feature {
    /** Form fields {@code fate-<householdId>}: {@code delete}, or the id of the user who takes it over. */
    static final String FATE_PREFIX = "fate-";

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
        router.get("/users/:userId/delete").handler(this::confirmDeleteUser);
        router.post("/users/:userId/delete").handler(this::deleteUser);
        router.post("/invites").handler(this::invite);
        router.post("/members").handler(this::addToHousehold);
        router.get("/households").handler(this::showHouseholds);
        router.post("/households/:householdId/take-over").handler(this::takeOver);
        router.get("/households/:householdId/delete").handler(this::confirmDeleteHousehold);
        router.post("/households/:householdId/delete").handler(this::deleteHousehold);
        root.route(Paths.ADMIN + "*").handler(Access::requireAdmin);
        // The Users link and every redirect after an action say /admin: a sub-router answers /admin/ only.
        root.get(Paths.ADMIN).handler(this::showUsers);
        root.route(Paths.ADMIN + "/*").subRouter(router);
    }

    private void showUsers(RoutingContext ctx) {
        render(ctx, 200, Forms.empty(), null);
    }

    private void render(RoutingContext ctx, int status, Forms form, String inviteUrl) {
        Future.all(users.list(), households.summaries()).onSuccess(all -> {
            List<User> list = all.resultAt(0);
            Map<String, Object> model = Page.model(ctx, "admin.title");
            model.put("users", list);
            model.put("households", all.<List<HouseholdSummary>>resultAt(1));
            model.put("form", form);
            model.put("inviteUrl", inviteUrl);
            model.put("publicUrlMissing", settings.publicUrl().isEmpty());
            model.put("minPassword", UserForms.MIN_PASSWORD);
            templates.render(ctx, status, "admin", model);
        }).onFailure(ctx::fail);
    }

    /**
     * A new user, in a household when one is chosen. They get no language: their pages follow their own
     * browser (not the administrator's) until they choose one.
     */
    private void createUser(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "displayName", "admin", "household", "role");
        String password = Forms.raw(ctx, "password");
        UserForms.validateNewUser(form, password, password);
        Optional<Long> householdId = Paths.id(form.get("household"));
        if (!form.get("household").isEmpty() && householdId.isEmpty()) {
            form.error("household", "form.household.unknown");
        }
        if (!form.valid()) {
            render(ctx, 400, form, null);
            return;
        }
        boolean admin = "on".equals(form.get("admin")) || "true".equals(form.get("admin"));
        Role role = "owner".equals(form.get("role")) ? Role.OWNER : Role.MEMBER;
        households.summaries().compose(all -> {
            if (householdId.isPresent() && all.stream().noneMatch(h -> h.household().id() == householdId.get())) {
                return Future.succeededFuture(false);
            }
            return users.addByAdmin(UserForms.newUser(ctx, form, password).followingBrowser(), admin)
                    .compose(user -> householdId.isEmpty() ? Future.succeededFuture(true)
                            : households.addExistingUser(householdId.get(), user.username(), role).map(true));
        }).onSuccess(created -> {
                    if (created) {
                        Page.redirect(ctx, Paths.ADMIN, "flash.user.created");
                    } else {
                        render(ctx, 400, form.error("household", "form.household.unknown"), null);
                    }
                })
                .onFailure(err -> {
                    if (err instanceof DuplicateUsername) {
                        render(ctx, 400, form.error("username", "form.username.taken"), null);
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    /**
     * Before a user goes: each household they are the only owner of, with what is in it, and the choice of
     * what becomes of it (deleted, or handed to another member or to this administrator).
     */
    private void confirmDeleteUser(RoutingContext ctx) {
        renderDeleteUser(ctx, 200, false);
    }

    private void renderDeleteUser(RoutingContext ctx, int status, boolean undecided) {
        Optional<Long> id = Paths.id(ctx.pathParam("userId"));
        if (id.isEmpty() || id.get() == CurrentUser.user(ctx).id()) {
            ctx.fail(404);
            return;
        }
        Future.all(users.find(id.get()), households.soleOwnedContents(id.get())).onSuccess(all -> {
            Optional<User> target = all.resultAt(0);
            List<HouseholdService.Contents> owned = all.resultAt(1);
            if (target.isEmpty()) {
                ctx.fail(404);
                return;
            }
            Map<String, Object> model = Page.model(ctx, "admin.deleteUser.title");
            model.put("target", target.get());
            model.put("owned", owned);
            model.put("undecided", undecided);
            templates.render(ctx, status, "admin-user-delete", model);
        }).onFailure(ctx::fail);
    }

    /**
     * Removing a user ends their sessions at once: the session check finds no user any more. Refused (the
     * choice shown again) while a household they alone own has no fate.
     */
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
        Map<Long, HouseholdService.Fate> fates = new HashMap<>();
        ctx.request().formAttributes().forEach((name, value) -> {
            if (name.startsWith(FATE_PREFIX)) {
                Optional<Long> household = Paths.id(name.substring(FATE_PREFIX.length()));
                Optional<HouseholdService.Fate> fate = HouseholdRoutes.fate(value.strip());
                if (household.isPresent() && fate.isPresent()) {
                    fates.put(household.get(), fate.get());
                }
            }
        });
        households.removeUser(id.get(), me.id(), fates).onSuccess(removal -> {
            if (!removal.found()) {
                ctx.fail(404);
            } else if (!removal.done()) {
                renderDeleteUser(ctx, 400, true);
            } else {
                Page.redirect(ctx, Paths.ADMIN, "flash.user.deleted");
            }
        }).onFailure(ctx::fail);
    }

    /** Every household, those without an owner marked, with taking over and deleting. */
    private void showHouseholds(RoutingContext ctx) {
        households.summaries().onSuccess(list -> {
            Map<String, Object> model = Page.model(ctx, "admin.households.title");
            model.put("households", list);
            templates.render(ctx, 200, "admin-households", model);
        }).onFailure(ctx::fail);
    }

    private void takeOver(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        households.takeOver(id.get(), CurrentUser.user(ctx).id()).onSuccess(taken -> {
            if (taken) {
                Page.redirect(ctx, Paths.household(id.get()), "flash.household.takenOver");
            } else {
                ctx.fail(404);
            }
        }).onFailure(ctx::fail);
    }

    private void confirmDeleteHousehold(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        HouseholdRoutes.renderDeleteConfirmation(ctx, templates, households, id.get(),
                Paths.adminHouseholdDelete(id.get()), Paths.ADMIN_HOUSEHOLDS);
    }

    private void deleteHousehold(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        households.delete(id.get()).onSuccess(deleted -> {
            if (deleted) {
                Page.redirect(ctx, Paths.ADMIN_HOUSEHOLDS, "flash.household.deleted");
            } else {
                ctx.fail(404);
            }
        }).onFailure(ctx::fail);
    }

    /** The administrator puts a user in a household (or promotes a member there to owner). */
    private void addToHousehold(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "household", "role");
        Optional<Long> householdId = Paths.id(form.get("household"));
        Role role = "owner".equals(form.get("role")) ? Role.OWNER : Role.MEMBER;
        households.summaries().compose(all -> householdId.isEmpty()
                        || all.stream().noneMatch(h -> h.household().id() == householdId.get())
                        ? Future.succeededFuture(Optional.<HouseholdService.Addition>empty())
                        : households.addExistingUser(householdId.get(), form.get("username"), role).map(Optional::of))
                .onSuccess(addition -> {
                    if (addition.isEmpty()) {
                        Page.redirectWithError(ctx, Paths.ADMIN, "form.household.unknown");
                    } else if (addition.get() == HouseholdService.Addition.NO_SUCH_USER) {
                        Page.redirectWithError(ctx, Paths.ADMIN, "flash.member.noSuchUser");
                    } else {
                        Page.redirect(ctx, Paths.ADMIN, addition.get() == HouseholdService.Addition.ADDED
                                ? "flash.member.added" : "flash.member.already");
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
