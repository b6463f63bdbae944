package be.meterkast.web.auth;

import be.meterkast.app.users.UserService;
import be.meterkast.store.User;
import be.meterkast.web.Feature;
import be.meterkast.web.BadParameters;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Templates;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;

/** One's own account: a new password (which ends every other session) and the language of the pages. */
public final class AccountRoutes implements Feature {
    private final UserService users;
    private final SessionTokens tokens;
    private final Templates templates;

    public AccountRoutes(UserService users, SessionTokens tokens, Templates templates) {
        this.users = users;
        this.tokens = tokens;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.ACCOUNT).handler(Access::requireUser).handler(this::showAccount);
        root.post(Paths.ACCOUNT + "/password").handler(Access::requireUser).handler(this::changePassword);
        root.post(Paths.ACCOUNT + "/language").handler(Access::requireUser).handler(this::changeLanguage);
    }

    private void showAccount(RoutingContext ctx) {
        renderAccount(ctx, 200, Forms.empty());
    }

    private void changePassword(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        Forms form = Forms.empty();
        String password = Forms.raw(ctx, "password");
        UserForms.validatePassword(form, "password", password, Forms.raw(ctx, "confirm"));
        if (!form.valid()) {
            renderAccount(ctx, 400, form);
            return;
        }
        users.changePassword(user, Forms.raw(ctx, "current"), password, SessionRoutes.remoteAddress(ctx)).onSuccess(change -> {
            Optional<User> updated = change.user();
            if (change.throttledFor().isPresent()) {
                ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, change.throttledFor().get().toSeconds())));
                renderAccount(ctx, 429, form.error("current", "login.throttled"));
            } else if (updated.isEmpty()) {
                renderAccount(ctx, 400, form.error("current", "form.password.wrongCurrent"));
            } else {
                // Every session ended with the old password; this browser gets a new one.
                tokens.signIn(ctx.response(), updated.get());
                Page.redirect(ctx, Paths.ACCOUNT, "flash.passwordChanged");
            }
        }).onFailure(ctx::fail);
    }

    private void changeLanguage(RoutingContext ctx) {
        String back = Access.safeNext(ctx.request().getFormAttribute("next"));
        users.setLanguage(CurrentUser.user(ctx).id(), ctx.request().getFormAttribute("language"))
                .onSuccess(stored -> {
                    if (stored) {
                        ctx.redirect(back);
                    } else {
                        ctx.fail(400, new BadParameters("account.language.invalid"));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void renderAccount(RoutingContext ctx, int status, Forms form) {
        Map<String, Object> model = Page.model(ctx, "account.title");
        model.put("form", form);
        model.put("minPassword", UserForms.MIN_PASSWORD);
        templates.render(ctx, status, "account", model);
    }
}
