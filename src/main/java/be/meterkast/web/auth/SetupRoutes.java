package be.meterkast.web.auth;

import be.meterkast.app.users.UserService;
import be.meterkast.web.Feature;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Templates;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** First-run setup: the first user, an administrator, and their household. Gone once anyone has an account. */
public final class SetupRoutes implements Feature {
    private final UserService users;
    private final SessionTokens tokens;
    private final Templates templates;

    public SetupRoutes(UserService users, SessionTokens tokens, Templates templates) {
        this.users = users;
        this.tokens = tokens;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.SETUP).handler(this::showSetup);
        root.post(Paths.SETUP).handler(this::setup);
    }

    private void showSetup(RoutingContext ctx) {
        users.isSetUp().onSuccess(setUp -> {
            if (setUp) {
                ctx.redirect(Paths.LOGIN);
            } else {
                renderSetup(ctx, 200, Forms.empty().set("household",
                        Templates.text(Page.locale(ctx), "setup.household.default")));
            }
        }).onFailure(ctx::fail);
    }

    /** Once set up, the form is gone: answered before anything else, so it costs no Argon2 hash for anyone. */
    private void setup(RoutingContext ctx) {
        users.isSetUp().onSuccess(setUp -> {
            if (setUp) {
                ctx.redirect(Paths.LOGIN);
            } else {
                createAdmin(ctx);
            }
        }).onFailure(ctx::fail);
    }

    private void createAdmin(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "displayName", "household");
        String password = Forms.raw(ctx, "password");
        UserForms.validateNewUser(form, password, Forms.raw(ctx, "confirm"));
        if (form.get("household").isEmpty() || form.get("household").length() > 80) {
            form.error("household", "form.household.invalid");
        }
        if (!form.valid()) {
            renderSetup(ctx, 400, form);
            return;
        }
        users.setup(UserForms.newUser(ctx, form, password), form.get("household")).onSuccess(created -> {
            if (created.isEmpty()) {
                ctx.redirect(Paths.LOGIN);
            } else {
                tokens.signIn(ctx.response(), created.get());
                Page.redirect(ctx, Paths.HOME, "flash.welcome");
            }
        }).onFailure(ctx::fail);
    }

    private void renderSetup(RoutingContext ctx, int status, Forms form) {
        Map<String, Object> model = Page.model(ctx, "setup.title");
        model.put("form", form);
        model.put("minPassword", UserForms.MIN_PASSWORD);
        templates.render(ctx, status, "setup", model);
    }
}
