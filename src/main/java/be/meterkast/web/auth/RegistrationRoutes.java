package be.meterkast.web.auth;

import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.users.UserService;
import be.meterkast.store.DuplicateUsername;
import be.meterkast.store.User;
import be.meterkast.web.Feature;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Templates;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.function.Function;

/** New users: by an invitation link ({@code /invite/<token>}) or, when it is on, by open registration. */
public final class RegistrationRoutes implements Feature {
    private final UserService users;
    private final HouseholdService households;
    private final SessionTokens tokens;
    private final Templates templates;
    private final boolean openRegistration;

    public RegistrationRoutes(UserService users, HouseholdService households, SessionTokens tokens, Templates templates,
                              boolean openRegistration) {
        this.users = users;
        this.households = households;
        this.tokens = tokens;
        this.templates = templates;
        this.openRegistration = openRegistration;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.REGISTER).handler(this::requireOpenRegistration).handler(this::showRegister);
        root.post(Paths.REGISTER).handler(this::requireOpenRegistration).handler(this::register);
        root.get(Paths.INVITE).handler(this::requireUsableInvite).handler(this::showInvite);
        root.post(Paths.INVITE).handler(this::requireUsableInvite).handler(this::acceptInvite);
    }

    private void requireOpenRegistration(RoutingContext ctx) {
        if (openRegistration) {
            ctx.next();
        } else {
            ctx.fail(404);
        }
    }

    /** An unknown, used or expired invitation is "not found". */
    private void requireUsableInvite(RoutingContext ctx) {
        households.invitationUsable(ctx.pathParam("token")).onSuccess(usable -> {
            if (usable) {
                ctx.next();
            } else {
                ctx.fail(404);
            }
        }).onFailure(ctx::fail);
    }

    private void showRegister(RoutingContext ctx) {
        renderNewUser(ctx, 200, Forms.empty(), null);
    }

    private void register(RoutingContext ctx) {
        createUser(ctx, null, users::register);
    }

    /** Someone signed in already is asked to join the household, not to create a second account. */
    private void showInvite(RoutingContext ctx) {
        if (CurrentUser.user(ctx) == null) {
            renderNewUser(ctx, 200, Forms.empty(), ctx.pathParam("token"));
            return;
        }
        String token = ctx.pathParam("token");
        households.invitation(token).onSuccess(invitation -> {
            if (invitation.isEmpty()) {
                ctx.fail(404);
                return;
            }
            Map<String, Object> model = Page.model(ctx, "invite.join.title");
            model.put("invitation", invitation.get());
            model.put("action", Paths.invite(token));
            templates.render(ctx, 200, "invite-join", model);
        }).onFailure(ctx::fail);
    }

    private void acceptInvite(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        User signedIn = CurrentUser.user(ctx);
        if (signedIn == null) {
            createUser(ctx, token, newUser -> households.acceptInvitation(token, newUser));
            return;
        }
        households.joinByInvitation(token, signedIn.id()).onSuccess(joined -> {
            if (joined.isPresent()) {
                Page.redirect(ctx, Paths.household(joined.get()), "flash.household.joined");
            } else {
                Page.redirect(ctx, Paths.HOME, "flash.invite.alreadyOnPortal");
            }
        }).onFailure(err -> ctx.fail(err instanceof HouseholdService.InvitationUsed ? 404 : 500, err));
    }

    private void createUser(RoutingContext ctx, String inviteToken, Function<UserService.NewUser, Future<User>> create) {
        Forms form = Forms.of(ctx, "username", "displayName");
        String password = Forms.raw(ctx, "password");
        UserForms.validateNewUser(form, password, Forms.raw(ctx, "confirm"));
        if (!form.valid()) {
            renderNewUser(ctx, 400, form, inviteToken);
            return;
        }
        create.apply(UserForms.newUser(ctx, form, password))
                .onSuccess(user -> {
                    tokens.signIn(ctx.response(), user);
                    Page.redirect(ctx, Paths.HOME, "flash.welcome");
                })
                .onFailure(err -> {
                    if (err instanceof DuplicateUsername) {
                        renderNewUser(ctx, 400, form.error("username", "form.username.taken"), inviteToken);
                    } else if (err instanceof HouseholdService.InvitationUsed) {
                        ctx.fail(404);
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    private void renderNewUser(RoutingContext ctx, int status, Forms form, String inviteToken) {
        Map<String, Object> model = Page.model(ctx, inviteToken == null ? "register.title" : "invite.title");
        model.put("form", form);
        model.put("minPassword", UserForms.MIN_PASSWORD);
        model.put("action", inviteToken == null ? Paths.REGISTER : Paths.invite(inviteToken));
        templates.render(ctx, status, "register", model);
    }
}
