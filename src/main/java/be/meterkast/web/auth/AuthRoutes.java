package be.meterkast.web.auth;

import be.meterkast.store.DuplicateUsername;
import be.meterkast.store.HouseholdRepository;
import be.meterkast.store.Invite;
import be.meterkast.store.InviteTokens;
import be.meterkast.store.User;
import be.meterkast.store.UserRepository;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.PortalServices;
import be.meterkast.web.Templates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** First-run setup, login and logout, invitations, open registration and one's own account settings. */
public final class AuthRoutes {
    public static final int MIN_PASSWORD = 10;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{2,40}");
    /** Locks setup so two browsers racing on a fresh install cannot both become the first admin. */
    private static final long SETUP_LOCK = 0x4d6b5365L;

    private final Vertx vertx;
    private final PortalServices services;
    private final Templates templates;
    private final SessionTokens tokens;
    private final PasswordCheck passwords;

    public AuthRoutes(Vertx vertx, PortalServices services, Templates templates, SessionTokens tokens) {
        this.vertx = vertx;
        this.services = services;
        this.templates = templates;
        this.tokens = tokens;
        this.passwords = new PasswordCheck(vertx, services.users(), services.hasher());
    }

    public void register(Router router) {
        router.get(Paths.HOME).handler(this::home);
        router.get(Paths.SETUP).handler(this::showSetup);
        router.post(Paths.SETUP).handler(this::setup);
        router.get(Paths.LOGIN).handler(this::showLogin);
        router.post(Paths.LOGIN).handler(this::login);
        router.post(Paths.LOGOUT).handler(this::logout);
        router.get(Paths.REGISTER).handler(this::showRegister);
        router.post(Paths.REGISTER).handler(this::registerUser);
        router.get(Paths.INVITE).handler(this::showInvite);
        router.post(Paths.INVITE).handler(this::acceptInvite);
        router.get(Paths.ACCOUNT).handler(AuthRoutes::requireUser).handler(this::showAccount);
        router.post(Paths.ACCOUNT + "/password").handler(AuthRoutes::requireUser).handler(this::changePassword);
        router.post(Paths.ACCOUNT + "/language").handler(AuthRoutes::requireUser).handler(this::changeLanguage);
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

    /** The start page before sign-in: setup on a fresh install, else the login page. */
    private void home(RoutingContext ctx) {
        if (CurrentUser.user(ctx) != null) {
            ctx.next();
            return;
        }
        services.users().count().onSuccess(n -> ctx.redirect(n == 0 ? Paths.SETUP : Paths.LOGIN)).onFailure(ctx::fail);
    }

    // --- first-run setup -------------------------------------------------------------------------------

    private void showSetup(RoutingContext ctx) {
        services.users().count().onSuccess(n -> {
            if (n > 0) {
                ctx.redirect(Paths.LOGIN);
            } else {
                renderSetup(ctx, 200, Forms.empty().set("household", defaultHousehold(ctx)));
            }
        }).onFailure(ctx::fail);
    }

    private void setup(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "displayName", "household");
        String password = Forms.raw(ctx, "password");
        validateNewUser(form, password, Forms.raw(ctx, "confirm"));
        if (form.get("household").isEmpty() || form.get("household").length() > 80) {
            form.error("household", "form.household.invalid");
        }
        if (!form.valid()) {
            renderSetup(ctx, 400, form);
            return;
        }
        vertx.executeBlocking(() -> services.hasher().hash(password))
                .compose(hash -> services.pool().withTransaction(conn ->
                        conn.query("SELECT pg_advisory_xact_lock(" + SETUP_LOCK + ")").execute()
                                .compose(v -> new UserRepository(conn).count())
                                .compose(n -> n > 0 ? Future.succeededFuture(Optional.<User>empty())
                                        : new UserRepository(conn).create(form.get("username"), displayName(form), hash, true)
                                        .compose(user -> withBrowserLanguage(conn, ctx, user))
                                        .compose(user -> new HouseholdRepository(conn).create(form.get("household"), user.id())
                                                .map(h -> Optional.of(user))))))
                .onSuccess(created -> {
                    if (created.isEmpty()) {
                        ctx.redirect(Paths.LOGIN);
                    } else {
                        signIn(ctx, created.get(), Paths.HOME, "flash.welcome");
                    }
                })
                .onFailure(ctx::fail);
    }

    private void renderSetup(RoutingContext ctx, int status, Forms form) {
        Map<String, Object> model = Page.model(ctx, "setup.title");
        model.put("form", form);
        model.put("minPassword", MIN_PASSWORD);
        templates.render(ctx, status, "setup", model);
    }

    private static String defaultHousehold(RoutingContext ctx) {
        return Templates.text(Page.locale(ctx), "setup.household.default");
    }

    // --- login and logout ------------------------------------------------------------------------------

    private void showLogin(RoutingContext ctx) {
        if (CurrentUser.user(ctx) != null) {
            ctx.redirect(Paths.HOME);
            return;
        }
        services.users().count().onSuccess(n -> {
            if (n == 0) {
                ctx.redirect(Paths.SETUP);
            } else {
                renderLogin(ctx, 200, Forms.empty().set("next", safeNext(ctx.request().getParam("next"))), null);
            }
        }).onFailure(ctx::fail);
    }

    private void login(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "username", "next");
        String password = Forms.raw(ctx, "password");
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        Optional<Duration> wait = services.throttle().wait(form.get("username"), address);
        if (wait.isPresent()) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            renderLogin(ctx, 429, form, "login.throttled");
            return;
        }
        passwords.verify(form.get("username"), password)
                .onSuccess(user -> {
                    if (user.isEmpty()) {
                        services.throttle().failed(form.get("username"), address);
                        renderLogin(ctx, 401, form, "login.failed");
                        return;
                    }
                    services.throttle().succeeded(form.get("username"));
                    signIn(ctx, user.get(), safeNext(form.get("next")), null);
                })
                .onFailure(ctx::fail);
    }

    private void renderLogin(RoutingContext ctx, int status, Forms form, String errorKey) {
        services.users().count().onSuccess(ignored -> {
            Map<String, Object> model = Page.model(ctx, "login.title");
            model.put("form", form);
            model.put("error", errorKey);
            model.put("openRegistration", services.openRegistration());
            templates.render(ctx, status, "login", model);
        }).onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        SessionTokens.Session session = CurrentUser.session(ctx);
        Future<Void> revoked = session == null ? Future.succeededFuture()
                : services.sessions().revoke(session.id(), session.userId(), session.expiresAt());
        revoked.onSuccess(v -> {
            ctx.response().addCookie(tokens.cleared());
            Page.redirect(ctx, Paths.LOGIN, "flash.loggedOut");
        }).onFailure(ctx::fail);
    }

    private void signIn(RoutingContext ctx, User user, String next, String flashKey) {
        ctx.response().addCookie(tokens.cookie(tokens.issue(user, SessionTokens.PAGE_LIFETIME, "page")));
        Page.redirect(ctx, next, flashKey);
    }

    /** Only paths on this site: an attacker's link must not bounce a fresh login to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return Paths.HOME;
        }
        return next;
    }

    // --- new users: invitations and (optional) open registration -------------------------------------

    private void showRegister(RoutingContext ctx) {
        if (!services.openRegistration()) {
            ctx.fail(404);
            return;
        }
        renderNewUser(ctx, 200, Forms.empty(), null);
    }

    private void registerUser(RoutingContext ctx) {
        if (!services.openRegistration()) {
            ctx.fail(404);
            return;
        }
        createUser(ctx, null);
    }

    private void showInvite(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        services.invites().findUsable(InviteTokens.hash(token), services.clock().instant()).onSuccess(invite -> {
            if (invite.isEmpty()) {
                ctx.fail(404);
            } else {
                renderNewUser(ctx, 200, Forms.empty(), token);
            }
        }).onFailure(ctx::fail);
    }

    private void acceptInvite(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        services.invites().findUsable(InviteTokens.hash(token), services.clock().instant()).onSuccess(invite -> {
            if (invite.isEmpty()) {
                ctx.fail(404);
            } else {
                createUser(ctx, token);
            }
        }).onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx, String inviteToken) {
        Forms form = Forms.of(ctx, "username", "displayName");
        String password = Forms.raw(ctx, "password");
        validateNewUser(form, password, Forms.raw(ctx, "confirm"));
        if (!form.valid()) {
            renderNewUser(ctx, 400, form, inviteToken);
            return;
        }
        vertx.executeBlocking(() -> services.hasher().hash(password))
                .compose(hash -> services.pool().withTransaction(conn -> new UserRepository(conn)
                        .create(form.get("username"), displayName(form), hash, false)
                        .compose(user -> withBrowserLanguage(conn, ctx, user))
                        .compose(user -> inviteToken == null ? Future.succeededFuture(user)
                                : new be.meterkast.store.InviteRepository(conn)
                                .redeem(InviteTokens.hash(inviteToken), user.id(), services.clock().instant())
                                .compose(invite -> join(conn, user, invite)))))
                .onSuccess(user -> signIn(ctx, user, Paths.HOME, "flash.welcome"))
                .onFailure(err -> {
                    if (err instanceof DuplicateUsername) {
                        renderNewUser(ctx, 400, form.error("username", "form.username.taken"), inviteToken);
                    } else if (err instanceof InviteUsed) {
                        ctx.fail(404);
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    /** New users start in the language their browser asked for. */
    public static Future<User> withBrowserLanguage(io.vertx.sqlclient.SqlClient client, RoutingContext ctx, User user) {
        String locale = Page.locale(ctx).getLanguage().equals("nl") ? "nl-BE" : "en";
        return new UserRepository(client).setLocale(user.id(), locale).compose(v -> new UserRepository(client).findById(user.id()))
                .map(found -> found.orElse(user));
    }

    private static Future<User> join(io.vertx.sqlclient.SqlConnection conn, User user, Optional<Invite> invite) {
        if (invite.isEmpty()) {
            return Future.failedFuture(new InviteUsed());
        }
        return invite.get().householdId()
                .map(householdId -> new HouseholdRepository(conn).addMember(householdId, user.id(), invite.get().role()))
                .orElse(Future.succeededFuture())
                .map(user);
    }

    /** Someone else used the invitation between opening and submitting the form; the transaction rolls back. */
    private static final class InviteUsed extends RuntimeException {
        InviteUsed() {
            super("invitation already used", null, false, false);
        }
    }

    private void renderNewUser(RoutingContext ctx, int status, Forms form, String inviteToken) {
        Map<String, Object> model = Page.model(ctx, inviteToken == null ? "register.title" : "invite.title");
        model.put("form", form);
        model.put("minPassword", MIN_PASSWORD);
        model.put("action", inviteToken == null ? Paths.REGISTER : Paths.invite(inviteToken));
        templates.render(ctx, status, "register", model);
    }

    public static void validateNewUser(Forms form, String password, String confirm) {
        if (!USERNAME.matcher(form.get("username")).matches()) {
            form.error("username", "form.username.invalid");
        }
        if (form.get("displayName").length() > 80) {
            form.error("displayName", "form.displayName.tooLong");
        }
        validatePassword(form, "password", password, confirm);
    }

    static void validatePassword(Forms form, String field, String password, String confirm) {
        if (password.length() < MIN_PASSWORD) {
            form.error(field, "form.password.tooShort");
        } else if (password.length() > 200) {
            form.error(field, "form.password.tooLong");
        } else if (!password.equals(confirm)) {
            form.error("confirm", "form.password.mismatch");
        }
    }

    private static String displayName(Forms form) {
        return form.get("displayName").isEmpty() ? form.get("username") : form.get("displayName");
    }

    // --- own account -----------------------------------------------------------------------------------

    private void showAccount(RoutingContext ctx) {
        renderAccount(ctx, 200, Forms.empty());
    }

    private void changePassword(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        Forms form = Forms.empty();
        String current = Forms.raw(ctx, "current");
        String password = Forms.raw(ctx, "password");
        validatePassword(form, "password", password, Forms.raw(ctx, "confirm"));
        if (!form.valid()) {
            renderAccount(ctx, 400, form);
            return;
        }
        vertx.executeBlocking(() -> services.hasher().verify(current, user.passwordHash())
                        ? Optional.of(services.hasher().hash(password)) : Optional.<String>empty())
                .onSuccess(hash -> {
                    if (hash.isEmpty()) {
                        renderAccount(ctx, 400, form.error("current", "form.password.wrongCurrent"));
                        return;
                    }
                    // A new password ends every session (other devices too); this browser gets a new one.
                    services.users().updatePassword(user.id(), hash.get())
                            .compose(v -> services.users().findById(user.id()))
                            .onSuccess(updated -> signIn(ctx, updated.orElseThrow(), Paths.ACCOUNT, "flash.passwordChanged"))
                            .onFailure(ctx::fail);
                })
                .onFailure(ctx::fail);
    }

    private void changeLanguage(RoutingContext ctx) {
        String language = ctx.request().getFormAttribute("language");
        String locale = "en".equals(language) ? "en" : "nl-BE";
        String back = safeNext(ctx.request().getFormAttribute("next"));
        services.users().setLocale(CurrentUser.user(ctx).id(), locale)
                .onSuccess(v -> ctx.redirect(back))
                .onFailure(ctx::fail);
    }

    private void renderAccount(RoutingContext ctx, int status, Forms form) {
        Map<String, Object> model = Page.model(ctx, "account.title");
        model.put("form", form);
        model.put("minPassword", MIN_PASSWORD);
        templates.render(ctx, status, "account", model);
    }
}
