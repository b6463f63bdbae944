package be.meterkast.web.households;

import be.meterkast.app.costs.CostService;
import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.imports.CsvImportService;
import be.meterkast.app.imports.ImportRefused;
import be.meterkast.app.imports.LineSource;
import be.meterkast.app.meters.MeterInput;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.DuplicateAccount;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Household;
import be.meterkast.store.Meter;
import be.meterkast.store.Role;
import be.meterkast.sync.LinkResult;
import be.meterkast.web.Feature;
import be.meterkast.web.Format;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Sparkline;
import be.meterkast.web.Templates;
import be.meterkast.web.Uploads;
import be.meterkast.web.meters.MeterRoutes;
import be.meterkast.web.WebSettings;
import be.meterkast.web.auth.Access;
import be.meterkast.web.auth.CurrentUser;
import be.meterkast.store.DuplicateMeter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Households: the home page (every meter the user can see), a household's page, and what owners do there:
 * invite members, link and unlink Fluvius accounts, add meters, delete the household; and leaving one.
 * Anything outside the user's households answers 404; what only owners may do answers 403 to members.
 */
public final class HouseholdRoutes implements Feature {
    static final String ROLE_KEY = "householdRole";

    private final Vertx vertx;
    private final HouseholdService households;
    private final MeterService meters;
    private final ReadingService readings;
    private final CsvImportService imports;
    private final WebSettings settings;
    private final Templates templates;
    private final CostService costs;

    public HouseholdRoutes(Vertx vertx, HouseholdService households, MeterService meters, ReadingService readings,
                           CsvImportService imports, CostService costs, WebSettings settings, Templates templates) {
        this.vertx = vertx;
        this.costs = costs;
        this.households = households;
        this.meters = meters;
        this.readings = readings;
        this.imports = imports;
        this.settings = settings;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        Router router = Router.router(vertx);
        router.route("/:householdId").handler(this::requireMember);
        router.route("/:householdId/*").handler(this::requireMember);
        router.get("/:householdId").handler(this::showHousehold);
        router.post("/:householdId/invites").handler(HouseholdRoutes::requireOwner).handler(this::invite);
        router.post("/:householdId/members").handler(HouseholdRoutes::requireOwner).handler(this::addMember);
        router.post("/:householdId/accounts").handler(HouseholdRoutes::requireOwner).handler(this::linkAccount);
        router.post("/:householdId/accounts/:accountId/password").handler(HouseholdRoutes::requireOwner)
                .handler(this::newAccountPassword);
        router.get("/:householdId/accounts/:accountId/diagnostics").handler(HouseholdRoutes::requireOwner)
                .handler(this::downloadDiagnostics);
        router.post("/:householdId/meters").handler(HouseholdRoutes::requireOwner).handler(this::addMeter);
        router.post("/:householdId/meters/from-file").handler(HouseholdRoutes::requireOwner).handler(this::addMeterFromFile);
        router.post("/:householdId/accounts/:accountId/unlink").handler(HouseholdRoutes::requireOwner)
                .handler(this::unlinkAccount);
        router.get("/:householdId/delete").handler(HouseholdRoutes::requireOwner).handler(this::confirmDelete);
        router.post("/:householdId/delete").handler(HouseholdRoutes::requireOwner).handler(this::deleteHousehold);
        router.get("/:householdId/leave").handler(this::confirmLeave);
        router.post("/:householdId/leave").handler(this::leave);

        root.get(Paths.HOME).handler(Access::requireUser).handler(this::showHome);
        root.route(Paths.HOUSEHOLDS + "*").handler(Access::requireUser);
        root.get(Paths.HOUSEHOLDS).handler(ctx -> ctx.redirect(Paths.HOME));
        root.post(Paths.HOUSEHOLDS).handler(this::createHousehold);
        root.route(Paths.HOUSEHOLDS + "/*").subRouter(router);
    }

    /** Ids in URLs are checked against the user's memberships: not a member, or no such id, is 404 alike. */
    private void requireMember(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        households.role(CurrentUser.user(ctx).id(), id.get()).onSuccess(role -> {
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

    private static long householdId(RoutingContext ctx) {
        return Long.parseLong(ctx.pathParam("householdId"));
    }

    // --- home ------------------------------------------------------------------------------------------

    private void showHome(RoutingContext ctx) {
        renderHome(ctx, 200, Forms.empty());
    }

    private void renderHome(RoutingContext ctx, int status, Forms form) {
        Future<ReadingService.Home> loaded = readings.home(CurrentUser.user(ctx).id());
        // Euro beside kWh for the meters whose household has tariffs
        loaded.compose(home -> costs.recent(home.meters(), readings.today().minusDays(1))).onSuccess(euros -> {
            ReadingService.Home home = loaded.result();
            Map<Long, String> sparklines = new HashMap<>();
            home.overviews().forEach((id, overview) -> sparklines.put(id, Sparkline.points(overview.last30Days())));
            Map<String, Object> model = Page.model(ctx, "home.title");
            model.put("memberships", home.memberships());
            model.put("metersByHousehold", home.meters().stream().collect(Collectors.groupingBy(Meter::householdId)));
            model.put("accountsByHousehold", home.accounts().stream()
                    .collect(Collectors.groupingBy(FluviusAccount::householdId)));
            model.put("syncs", home.syncs());
            model.put("overviews", home.overviews());
            model.put("sparklines", sparklines);
            model.put("euros", euros);
            model.put("form", form);
            templates.render(ctx, status, "home", model);
        }).onFailure(ctx::fail);
    }

    private void createHousehold(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "name");
        if (form.get("name").isEmpty() || form.get("name").length() > 80) {
            renderHome(ctx, 400, form.error("name", "form.household.invalid"));
            return;
        }
        households.create(form.get("name"), CurrentUser.user(ctx).id())
                .onSuccess(h -> Page.redirect(ctx, Paths.household(h.id()), "flash.household.created"))
                .onFailure(ctx::fail);
    }

    // --- one household ---------------------------------------------------------------------------------

    private void showHousehold(RoutingContext ctx) {
        renderHousehold(ctx, 200, Forms.empty(), Forms.empty(), null);
    }

    private void renderHousehold(RoutingContext ctx, int status, Forms accountForm, Forms meterForm, String inviteUrl) {
        renderHousehold(ctx, status, accountForm, meterForm, inviteUrl, Forms.empty(), null);
    }

    private void renderHousehold(RoutingContext ctx, int status, Forms accountForm, Forms meterForm, String inviteUrl,
                                 Forms fileForm, String fileRefusal) {
        households.overview(householdId(ctx), CurrentUser.user(ctx).id()).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(404);
                return;
            }
            HouseholdService.Overview household = found.get();
            Map<String, Object> model = Page.model(ctx, "household.title");
            model.put("household", household.household());
            model.put("owner", ctx.get(ROLE_KEY) == Role.OWNER);
            model.put("members", household.members());
            model.put("accounts", household.accounts());
            model.put("meters", household.meters());
            model.put("syncs", household.syncs());
            model.put("accountForm", accountForm);
            model.put("meterForm", meterForm.values().isEmpty() ? Forms.empty().set("kind", "electricity") : meterForm);
            model.put("inviteUrl", inviteUrl);
            model.put("fileForm", fileForm);
            model.put("fileRefusal", fileRefusal);
            model.put("publicUrlMissing", settings.publicUrl().isEmpty());
            templates.render(ctx, status, "household", model);
        }).onFailure(ctx::fail);
    }

    private void invite(RoutingContext ctx) {
        Role role = "owner".equals(ctx.request().getFormAttribute("role")) ? Role.OWNER : Role.MEMBER;
        households.invite(CurrentUser.user(ctx).id(), Optional.of(householdId(ctx)), role)
                .onSuccess(token -> renderHousehold(ctx, 200, Forms.empty(), Forms.empty(),
                        settings.absoluteUrl(ctx, Paths.invite(token))))
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
        meters.linkAccount(id, form.get("email"), password)
                .onSuccess(outcome -> redirectWithOutcome(ctx, id, outcome))
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
        meters.account(CurrentUser.user(ctx).id(), id, accountId.get()).onSuccess(account -> {
            if (account.isEmpty()) {
                ctx.fail(404);
            } else if (password.isEmpty()) {
                renderHousehold(ctx, 400, Forms.empty().error("password", "form.password.required"), Forms.empty(), null);
            } else {
                meters.newPassword(accountId.get(), password)
                        .onSuccess(outcome -> redirectWithOutcome(ctx, id, outcome))
                        .onFailure(ctx::fail);
            }
        }).onFailure(ctx::fail);
    }

    /** The latest sign-in's redacted trace, for the owner to send with a problem report. */
    private void downloadDiagnostics(RoutingContext ctx) {
        Optional<Long> accountId = Paths.id(ctx.pathParam("accountId"));
        if (accountId.isEmpty()) {
            ctx.fail(404);
            return;
        }
        meters.signInTrace(CurrentUser.user(ctx).id(), householdId(ctx), accountId.get()).onSuccess(trace -> {
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
        }).onFailure(ctx::fail);
    }

    /** The password and tokens go; the meters stay with their history and stop syncing. */
    private void unlinkAccount(RoutingContext ctx) {
        long id = householdId(ctx);
        Optional<Long> accountId = Paths.id(ctx.pathParam("accountId"));
        if (accountId.isEmpty()) {
            ctx.fail(404);
            return;
        }
        meters.account(CurrentUser.user(ctx).id(), id, accountId.get()).compose(account -> account.isEmpty()
                        ? Future.succeededFuture(false) : meters.unlinkAccount(accountId.get()))
                .onSuccess(unlinked -> {
                    if (unlinked) {
                        Page.redirect(ctx, Paths.household(id), "flash.account.unlinked");
                    } else {
                        ctx.fail(404);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void confirmDelete(RoutingContext ctx) {
        long id = householdId(ctx);
        renderDeleteConfirmation(ctx, templates, households, id, Paths.householdDelete(id), Paths.household(id));
    }

    /**
     * The confirmation page before a household goes, naming what goes with it; the owner's and the
     * administrator's, with their own form action and way back.
     */
    public static void renderDeleteConfirmation(RoutingContext ctx, Templates templates, HouseholdService households,
                                                long householdId, String action, String cancel) {
        households.contents(householdId).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(404);
                return;
            }
            Map<String, Object> model = Page.model(ctx, "household.delete.title");
            model.put("contents", found.get());
            model.put("action", action);
            model.put("cancel", cancel);
            templates.render(ctx, 200, "household-delete", model);
        }).onFailure(ctx::fail);
    }

    private void deleteHousehold(RoutingContext ctx) {
        households.delete(householdId(ctx)).onSuccess(deleted -> {
            if (deleted) {
                Page.redirect(ctx, Paths.HOME, "flash.household.deleted");
            } else {
                ctx.fail(404);
            }
        }).onFailure(ctx::fail);
    }

    private void confirmLeave(RoutingContext ctx) {
        renderLeave(ctx, 200, Forms.empty());
    }

    /** A sole owner chooses what becomes of the household: another member owns it, or it is deleted. */
    private void renderLeave(RoutingContext ctx, int status, Forms form) {
        long id = householdId(ctx);
        long me = CurrentUser.user(ctx).id();
        Future.all(households.overview(id, me), households.soleOwnerOf(me)).onSuccess(all -> {
            Optional<HouseholdService.Overview> found = all.resultAt(0);
            List<Household> sole = all.resultAt(1);
            if (found.isEmpty()) {
                ctx.fail(404);
                return;
            }
            Map<String, Object> model = Page.model(ctx, "household.leave.title");
            model.put("household", found.get().household());
            model.put("soleOwner", sole.stream().anyMatch(h -> h.id() == id));
            model.put("heirs", found.get().members().stream().filter(m -> m.userId() != me).toList());
            model.put("form", form);
            templates.render(ctx, status, "household-leave", model);
        }).onFailure(ctx::fail);
    }

    private void leave(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "fate");
        Optional<HouseholdService.Fate> fate = fate(form.get("fate"));
        households.leave(householdId(ctx), CurrentUser.user(ctx).id(), fate).onSuccess(removal -> {
            if (!removal.found()) {
                ctx.fail(404);
            } else if (!removal.done()) {
                renderLeave(ctx, 400, form.error("fate", "form.fate.required"));
            } else {
                Page.redirect(ctx, Paths.HOME, "flash.household.left");
            }
        }).onFailure(ctx::fail);
    }

    /** A fate as forms send it: {@code delete}, or the id of the user to hand over to. */
    public static Optional<HouseholdService.Fate> fate(String value) {
        if ("delete".equals(value)) {
            return Optional.of(HouseholdService.Fate.DELETE);
        }
        return Paths.id(value).map(HouseholdService.Fate::handOverTo);
    }

    /** Back to the household, saying how the sign-in went: green when it worked or is under way, red when not. */
    private static void redirectWithOutcome(RoutingContext ctx, long householdId, LinkResult outcome) {
        String key = "flash.account." + outcome.status().name().toLowerCase(Locale.ROOT);
        boolean fine = outcome.linked() || outcome.status() == AccountStatus.PENDING;
        if (fine) {
            Page.redirect(ctx, Paths.household(householdId), key);
        } else {
            Page.redirectWithError(ctx, Paths.household(householdId), key);
        }
    }

    /** An owner adds someone who has an account on the portal already, by username. */
    private void addMember(RoutingContext ctx) {
        long id = householdId(ctx);
        Forms form = Forms.of(ctx, "username", "role");
        Role role = "owner".equals(form.get("role")) ? Role.OWNER : Role.MEMBER;
        if (form.get("username").isEmpty()) {
            Page.redirectWithError(ctx, Paths.household(id), "flash.member.noSuchUser");
            return;
        }
        households.addExistingUser(id, form.get("username"), role).onSuccess(addition -> {
            switch (addition) {
                case ADDED -> Page.redirect(ctx, Paths.household(id), "flash.member.added");
                case ALREADY_MEMBER -> Page.redirect(ctx, Paths.household(id), "flash.member.already");
                default -> Page.redirectWithError(ctx, Paths.household(id), "flash.member.noSuchUser");
            }
        }).onFailure(ctx::fail);
    }

    /**
     * A meter from a Mijn Fluvius file: EAN, serial and kind read from the file (once, storing nothing), the
     * name from the form; the meter gets no account and the file is imported into it. A file that would be
     * refused adds no meter.
     */
    private void addMeterFromFile(RoutingContext ctx) {
        long id = householdId(ctx);
        Forms form = Forms.of(ctx, "label");
        Optional<Uploads.Upload> file = Uploads.files(ctx).stream().filter(u -> u.field().equals("file")).findFirst();
        if (file.isEmpty()) {
            renderHousehold(ctx, 400, Forms.empty(), Forms.empty(), null, form.error("file", "import.newMeter.fileRequired"),
                    null);
            return;
        }
        String name = file.get().fileName().isEmpty() ? "upload.csv" : file.get().fileName();
        imports.describe(LineSource.file(vertx, file.get().path())).compose(described -> {
            if (described.serial().isEmpty()) {
                form.error("file", "import.newMeter.noSerial");
                return Future.succeededFuture(Optional.<FromFile>empty());
            }
            Map<String, String> fields = new HashMap<>(Map.of("ean", described.ean(), "serial", described.serial().get(),
                    "kind", described.kind().name().toLowerCase(Locale.ROOT), "label", form.get("label"),
                    "accountId", MeterInput.NO_ACCOUNT));
            return meters.addMeter(id, fields, form.errors()).compose(added -> added.isEmpty()
                    ? Future.succeededFuture(Optional.<FromFile>empty())
                    : imports.importFile(added.get(), Optional.of(CurrentUser.user(ctx).id()), name,
                            LineSource.file(vertx, file.get().path()))
                    .map(report -> Optional.of(new FromFile(added.get(), new MeterRoutes.FileOutcome(name, report, null)))));
        }).eventually(() -> Uploads.discard(ctx)).onSuccess(created -> {
            if (created.isEmpty()) {
                renderHousehold(ctx, 400, Forms.empty(), Forms.empty(), null, form, null);
                return;
            }
            Map<String, Object> model = Page.model(ctx, "import.title");
            model.put("meter", created.get().meter());
            model.put("outcomes", List.of(created.get().outcome()));
            templates.render(ctx, 200, "meter-import", model);
        }).onFailure(err -> {
            if (err instanceof ImportRefused) {
                renderHousehold(ctx, 400, Forms.empty(), Forms.empty(), null, form.error("file", "import.newMeter.refused"),
                        new Format(Page.locale(ctx), LocalDays.BRUSSELS).reason(((ImportRefused) err).reason()));
            } else if (err instanceof DuplicateMeter) {
                renderHousehold(ctx, 400, Forms.empty(), Forms.empty(), null, form.error("file", "form.ean.duplicate"), null);
            } else {
                ctx.fail(err);
            }
        });
    }

    /** The meter a file made, and what importing the file into it did. */
    private record FromFile(Meter meter, MeterRoutes.FileOutcome outcome) {
    }

    private void addMeter(RoutingContext ctx) {
        Forms form = Forms.of(ctx, "ean", "serial", "kind", "label", "gasUnit", "accountId");
        meters.addMeter(householdId(ctx), form.values(), form.errors()).onSuccess(added -> {
            if (added.isEmpty()) {
                renderHousehold(ctx, 400, Forms.empty(), form, null);
            } else {
                Page.redirect(ctx, Paths.meter(added.get().id()), "flash.meter.added");
            }
        }).onFailure(err -> {
            if (err instanceof DuplicateMeter) {
                renderHousehold(ctx, 400, Forms.empty(), form.error("ean", "form.ean.duplicate"), null);
            } else {
                ctx.fail(err);
            }
        });
    }
}
