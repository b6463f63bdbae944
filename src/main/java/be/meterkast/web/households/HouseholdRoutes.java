package be.meterkast.web.households;

import be.meterkast.analysis.MeterOverview;
import be.meterkast.store.DuplicateAccount;
import be.meterkast.store.DuplicateMeter;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.InviteTokens;
import be.meterkast.store.Membership;
import be.meterkast.store.Meter;
import be.meterkast.store.Role;
import be.meterkast.store.User;
import be.meterkast.sync.LinkResult;
import be.meterkast.sync.SyncControl;
import be.meterkast.web.DailyData;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.Sparkline;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.web.PortalServices;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Households: the home page (every meter the user can see), a household's page, and what owners do there:
 * invite members, link Fluvius accounts, add meters. Anything outside the user's households answers 404.
 */
public final class HouseholdRoutes {
    static final String ROLE_KEY = "householdRole";
    static final Duration INVITE_LIFETIME = Duration.ofDays(7);

    private final Vertx vertx;
    private final PortalServices services;
    private final Templates templates;

    public HouseholdRoutes(Vertx vertx, PortalServices services, Templates templates) {
        this.vertx = vertx;
        this.services = services;
        this.templates = templates;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route("/:householdId").handler(this::requireMember);
        router.route("/:householdId/*").handler(this::requireMember);
        router.get("/:householdId").handler(this::showHousehold);
        router.post("/:householdId/invites").handler(HouseholdRoutes::requireOwner).handler(this::invite);
        router.post("/:householdId/accounts").handler(HouseholdRoutes::requireOwner).handler(this::linkAccount);
        router.post("/:householdId/accounts/:accountId/password").handler(HouseholdRoutes::requireOwner)
                .handler(this::newAccountPassword);
        router.get("/:householdId/accounts/:accountId/diagnostics").handler(HouseholdRoutes::requireOwner)
                .handler(this::downloadDiagnostics);
        router.post("/:householdId/meters").handler(HouseholdRoutes::requireOwner).handler(this::addMeter);
        return router;
    }

    /** Ids in URLs are checked against the user's memberships: not a member, or no such id, is 404 alike. */
    private void requireMember(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        services.households().membership(CurrentUser.user(ctx).id(), id.get()).onSuccess(role -> {
            if (role.isEmpty()) {
                ctx.fail(404);
            } else {
                ctx.put(ROLE_KEY, role.get());
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private static void requireOwner(RoutingContext ctx) {
        if (ctx.get(ROLE_KEY) == Role.OWNER) {
            ctx.next();
        } else {
            ctx.fail(403);
        }
    }

    private long householdId(RoutingContext ctx) {
        return Long.parseLong(ctx.pathParam("householdId"));
    }

    // --- home ------------------------------------------------------------------------------------------

    public void showHome(RoutingContext ctx) {
        renderHome(ctx, 200, Forms.empty());
    }

    private void renderHome(RoutingContext ctx, int status, Forms form) {
        User user = CurrentUser.user(ctx);
        LocalDate yesterday = Period.today(services.clock(), LocalDays.BRUSSELS).minusDays(1);
        Future.all(services.households().listForUser(user.id()), services.meters().listForUser(user.id()),
                        services.accounts().listForUser(user.id()), services.meterSync().forUser(user.id()))
                .compose(all -> {
                    List<Meter> meters = all.resultAt(1);
                    // One query for every meter's last 60 days, whatever the number of meters.
                    return services.readings().days(meters.stream().map(Meter::id).toList(),
                                    yesterday.minusDays(59).atStartOfDay(LocalDays.BRUSSELS).toInstant(),
                                    yesterday.plusDays(1).atStartOfDay(LocalDays.BRUSSELS).toInstant())
                            .map(readings -> {
                                Map<Long, MeterOverview> overviews = new HashMap<>();
                                Map<Long, String> sparklines = new HashMap<>();
                                for (Meter meter : meters) {
                                    MeterOverview overview = MeterOverview.of(readings.get(meter.id()), LocalDays.BRUSSELS,
                                            DailyData.unitOf(meter), yesterday);
                                    overviews.put(meter.id(), overview);
                                    sparklines.put(meter.id(), Sparkline.points(overview.last30Days()));
                                }
                                Map<String, Object> model = Page.model(ctx, "home.title");
                                List<Membership> memberships = all.resultAt(0);
                                List<FluviusAccount> accounts = all.resultAt(2);
                                model.put("memberships", memberships);
                                model.put("metersByHousehold", meters.stream().collect(Collectors.groupingBy(Meter::householdId)));
                                model.put("accountsByHousehold", accounts.stream().collect(Collectors.groupingBy(FluviusAccount::householdId)));
                                model.put("syncs", all.resultAt(3));
                                model.put("overviews", overviews);
                                model.put("sparklines", sparklines);
                                model.put("form", form);
                                return model;
                            });
                })
                .onSuccess(model -> templates.render(ctx, status, "home", model))
                .onFailure(ctx::fail);
    }

    public void createHousehold(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "name");
        if (form.get("name").isEmpty() || form.get("name").length() > 80) {
            renderHome(ctx, 400, form.error("name", "form.household.invalid"));
            return;
        }
        services.households().create(form.get("name"), CurrentUser.user(ctx).id())
                .onSuccess(h -> Page.redirect(ctx, Paths.household(h.id()), "flash.household.created"))
                .onFailure(ctx::fail);
    }

    // --- one household ---------------------------------------------------------------------------------

    private void showHousehold(RoutingContext ctx) {
        renderHousehold(ctx, 200, Forms.empty(), Forms.empty(), null);
    }

    private void renderHousehold(RoutingContext ctx, int status, Forms accountForm, Forms meterForm, String inviteUrl) {
        long id = householdId(ctx);
        User user = CurrentUser.user(ctx);
        Future.all(List.of(services.households().findById(id), services.households().members(id),
                        services.accounts().listForHousehold(id), services.meters().listForHousehold(id),
                        services.meterSync().forUser(user.id())))
                .onSuccess(all -> {
                    Optional<be.meterkast.store.Household> household = all.resultAt(0);
                    if (household.isEmpty()) {
                        ctx.fail(404);
                        return;
                    }
                    Map<String, Object> model = Page.model(ctx, "household.title");
                    model.put("household", household.get());
                    model.put("owner", ctx.get(ROLE_KEY) == Role.OWNER);
                    model.put("members", all.resultAt(1));
                    model.put("accounts", all.resultAt(2));
                    model.put("meters", all.resultAt(3));
                    model.put("syncs", all.resultAt(4));
                    model.put("accountForm", accountForm);
                    model.put("meterForm", meterForm.values().isEmpty() ? Forms.empty().set("kind", "electricity") : meterForm);
                    model.put("inviteUrl", inviteUrl);
                    templates.render(ctx, status, "household", model);
                })
                .onFailure(ctx::fail);
    }

    private void invite(RoutingContext ctx) {
        long id = householdId(ctx);
        Role role = "owner".equals(ctx.request().getFormAttribute("role")) ? Role.OWNER : Role.MEMBER;
        String token = InviteTokens.generate();
        services.invites().create(InviteTokens.hash(token), CurrentUser.user(ctx).id(), Optional.of(id), role,
                        services.clock().instant().plus(INVITE_LIFETIME))
                .onSuccess(invite -> renderHousehold(ctx, 200, Forms.empty(), Forms.empty(), services.absoluteUrl(ctx, Paths.invite(token))))
                .onFailure(ctx::fail);
    }

    private void linkAccount(RoutingContext ctx) {
        long id = householdId(ctx);
        Forms form = Forms.of(ctx, "email");
        String password = Forms.raw(ctx, "password");
        if (!MeterInput.looksLikeEmail(form.get("email"))) {
            form.error("email", "form.email.invalid");
        }
        if (password.isEmpty()) {
            form.error("password", "form.password.required");
        }
        if (!form.valid()) {
            renderHousehold(ctx, 400, form, Forms.empty(), null);
            return;
        }
        services.sync().linkAccount(id, form.get("email"), password)
                .onSuccess(outcome -> Page.redirect(ctx, Paths.household(id), flashFor(outcome)))
                .onFailure(err -> {
                    if (err instanceof DuplicateAccount) {
                        renderHousehold(ctx, 400, form.error("email", "form.email.duplicate"), Forms.empty(), null);
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    private void newAccountPassword(RoutingContext ctx) {
        long id = householdId(ctx);
        Optional<Long> accountId = Paths.id(ctx.pathParam("accountId"));
        String password = Forms.raw(ctx, "password");
        if (accountId.isEmpty()) {
            ctx.fail(404);
            return;
        }
        services.accounts().findForUser(CurrentUser.user(ctx).id(), accountId.get()).onSuccess(account -> {
            if (account.isEmpty() || account.get().householdId() != id) {
                ctx.fail(404);
            } else if (password.isEmpty()) {
                renderHousehold(ctx, 400, Forms.empty().error("password", "form.password.required"), Forms.empty(), null);
            } else {
                services.sync().updatePassword(accountId.get(), password)
                        .onSuccess(outcome -> Page.redirect(ctx, Paths.household(id), flashFor(outcome)))
                        .onFailure(ctx::fail);
            }
        }).onFailure(ctx::fail);
    }

    /** The latest sign-in's redacted trace, for the owner to send with a problem report. */
    private void downloadDiagnostics(RoutingContext ctx) {
        long id = householdId(ctx);
        Optional<Long> accountId = Paths.id(ctx.pathParam("accountId"));
        if (accountId.isEmpty()) {
            ctx.fail(404);
            return;
        }
        services.accounts().findForUser(CurrentUser.user(ctx).id(), accountId.get())
                .compose(account -> account.isEmpty() || account.get().householdId() != id
                        ? Future.succeededFuture(Optional.<String>empty())
                        : services.accounts().signInTrace(accountId.get()))
                .onSuccess(trace -> {
                    if (trace.isEmpty()) {
                        ctx.fail(404);
                        return;
                    }
                    ctx.response()
                            .putHeader("Content-Type", "application/json; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"meterkast-sign-in-account-"
                                    + accountId.get() + ".json\"")
                            .putHeader("Cache-Control", "no-store")
                            .end(trace.get());
                })
                .onFailure(ctx::fail);
    }

    private static String flashFor(LinkResult outcome) {
        return "flash.account." + outcome.status().name().toLowerCase(Locale.ROOT);
    }

    private void addMeter(RoutingContext ctx) {
        long id = householdId(ctx);
        Forms form = Forms.of(ctx, "ean", "serial", "kind", "label", "gasUnit", "accountId");
        services.accounts().listForHousehold(id).onSuccess(accounts -> {
            Optional<MeterInput.Valid> input = MeterInput.validate(form, accounts);
            if (input.isEmpty()) {
                renderHousehold(ctx, 400, Forms.empty(), form, null);
                return;
            }
            MeterInput.Valid meter = input.orElseThrow();
            services.meters().create(id, meter.accountId(), meter.ref(), meter.kind(), meter.label(), meter.gasUnit())
                    .compose(created -> services.sync().meterAdded(created.id()).map(created))
                    .onSuccess(created -> Page.redirect(ctx, Paths.meter(created.id()), "flash.meter.added"))
                    .onFailure(err -> {
                        if (err instanceof DuplicateMeter) {
                            renderHousehold(ctx, 400, Forms.empty(), form.error("ean", "form.ean.duplicate"), null);
                        } else {
                            ctx.fail(err);
                        }
                    });
        }).onFailure(ctx::fail);
    }
}
