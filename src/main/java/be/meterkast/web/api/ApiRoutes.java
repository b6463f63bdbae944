package be.meterkast.web.api;

import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.imports.CsvImportService;
import be.meterkast.app.imports.ImportRefused;
import be.meterkast.app.imports.LineSource;
import be.meterkast.app.meters.MeterInput;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.app.users.UserService;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.store.DuplicateAccount;
import be.meterkast.store.DuplicateMeter;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Role;
import be.meterkast.web.Feature;
import be.meterkast.web.PageCache;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.PortalServices;
import be.meterkast.web.PortalVerticle;
import be.meterkast.web.TextInput;
import be.meterkast.web.Uploads;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.CurrentUser;
import be.meterkast.web.auth.SessionRoutes;
import be.meterkast.web.auth.SessionTokens;
import be.meterkast.web.meters.MeterAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JSON API for scripts and Home Assistant, under {@code /api/v1}. Bearer tokens from {@code POST /token};
 * the same services and access rules as the pages (other households' ids answer 404); errors as
 * {@code {"error": "...", "message": "..."}}.
 */
public final class ApiRoutes implements Feature {
    static final int MAX_DAILY_DAYS = 1100;
    static final int MAX_QUARTER_HOUR_DAYS = 31;
    static final int DEFAULT_DAYS = 7;
    private static final String TOKEN = "/token";
    private static final String ACCOUNTS = "/households/:householdId/accounts";
    private static final String METERS = "/households/:householdId/meters";
    private static final String IMPORTS = "/meters/:meterId/imports";
    private static final List<String> METER_FIELDS = List.of("ean", "serial", "kind", "label", "gasUnit", "accountId");

    private final Vertx vertx;
    private final Clock clock;
    private final UserService users;
    private final HouseholdService households;
    private final MeterService meters;
    private final ReadingService readings;
    private final SessionTokens tokens;
    private final CsvImportService imports;
    private final Uploads uploads;
    private final CostApiRoutes costs;
    private final AlertApiRoutes alerts;
    private final PageCache pageCache;

    public ApiRoutes(Vertx vertx, PortalServices services, SessionTokens tokens) {
        this.vertx = vertx;
        this.clock = services.clock();
        this.users = services.users();
        this.households = services.households();
        this.meters = services.meters();
        this.readings = services.readings();
        this.tokens = tokens;
        this.imports = services.imports();
        this.uploads = new Uploads(services.settings().importMaxBytes(), services.settings().uploadsDirectory());
        this.costs = new CostApiRoutes(services.costs(), readings::today);
        this.alerts = new AlertApiRoutes(services.alerts());
        this.pageCache = services.pageCache();
    }

    /** Before the pages' session and CSRF handlers: the API authenticates by Bearer token, not by cookie. */
    @Override
    public void mount(Router root) {
        Router router = Router.router(vertx);
        router.route().handler(TextInput::guard);
        router.post(TOKEN).handler(this::issueToken);
        router.route().handler(ApiRoutes::requireUser);
        // Every read of the API shows the user's households' data: ETag, 304 and the page cache for all of them
        // Alerts are a user's own settings, not household data: the versions behind the page cache do not
        // follow them, so they are answered before it
        alerts.mount(router);
        router.get().handler(pageCache::handle);
        router.get("/households").handler(this::listHouseholds);
        router.get("/meters").handler(this::listMeters);
        router.route("/households/:householdId/*").handler(this::requireOwner);
        router.delete("/households/:householdId").handler(this::requireOwner).handler(this::deleteHousehold);
        router.post(ACCOUNTS).handler(this::linkAccount);
        router.delete("/households/:householdId/accounts/:accountId").handler(this::unlinkAccount);
        router.post(METERS).handler(this::addMeter);
        router.route("/meters/:meterId").handler(MeterAccess.require(meters, ApiRoutes::noSuchMeter));
        router.route("/meters/:meterId/*").handler(MeterAccess.require(meters, ApiRoutes::noSuchMeter));
        router.get("/meters/:meterId/sync").handler(this::syncStatus);
        router.post("/meters/:meterId/sync").handler(this::triggerSync);
        router.get("/meters/:meterId/readings").handler(this::readings);
        router.post(IMPORTS).handler(this::requireMeterOwner).handler(this::importFile);
        costs.mount(router);
        // Anything else under /api/v1 is answered here: never by the pages' CSRF check.
        router.route().handler(ctx -> ApiJson.error(ctx, 404, "not_found", "No such endpoint; see the README's JSON API section."));
        // Bodies are read for the routes that take one only, so an unknown path answers 404, not 413; and before
        // the token check, which is asynchronous: a body handler after it would find the request already read.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(PortalVerticle.MAX_BODY);
        List.of(TOKEN, ACCOUNTS, METERS).forEach(path -> root.post(Paths.API + path).handler(body));
        // A Mijn Fluvius file goes to disk as it arrives, up to the import limit (413 beyond), and is deleted after the answer
        root.post(Paths.API + IMPORTS).handler(uploads.handler(true));
        root.put(Paths.API + CostApiRoutes.TARIFFS).handler(body);
        root.put(Paths.API + AlertApiRoutes.SETTINGS).handler(body);
        root.post(Paths.API + CostApiRoutes.PRICES).handler(uploads.handler(true));
        root.route(Paths.API + "/*").handler(CurrentUser.fromBearer(tokens, users)::handle);
        root.route(Paths.API + "/*").subRouter(router);
    }

    private static void requireUser(RoutingContext ctx) {
        if (CurrentUser.user(ctx) == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ApiJson.error(ctx, 401, "unauthorized", "Send 'Authorization: Bearer <token>' with a token from POST /api/v1/token.");
        } else {
            ctx.next();
        }
    }

    private void requireOwner(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ApiJson.error(ctx, 404, "not_found", "No such household.");
            return;
        }
        households.role(CurrentUser.user(ctx).id(), id.get()).onSuccess(role -> {
            if (role.isEmpty()) {
                ApiJson.error(ctx, 404, "not_found", "No such household.");
            } else if (role.get() != Role.OWNER) {
                ApiJson.error(ctx, 403, "forbidden", "Only the household's owners can do this.");
            } else {
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    /** What only owners of the meter's household may do: members get 403 (others never got past the meter's 404). */
    private void requireMeterOwner(RoutingContext ctx) {
        households.role(CurrentUser.user(ctx).id(), MeterAccess.meter(ctx).householdId()).onSuccess(role -> {
            if (role.orElse(null) == Role.OWNER) {
                ctx.next();
            } else {
                ApiJson.error(ctx, 403, "forbidden", "Only the household's owners can do this.");
            }
        }).onFailure(ctx::fail);
    }

    /** Imports the Mijn Fluvius file sent as the body (text/csv) or as multipart field {@code file}. */
    private void importFile(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        Optional<Uploads.Upload> file = Uploads.files(ctx).stream()
                .filter(upload -> upload.field().isEmpty() || upload.field().equals("file")).findFirst();
        if (file.isEmpty()) {
            ApiJson.error(ctx, 400, "invalid", "Send the Mijn Fluvius file as the body (Content-Type: text/csv) or as"
                    + " the multipart field 'file'.");
            return;
        }
        String name = file.get().fileName().isEmpty() ? "upload.csv" : file.get().fileName();
        imports.importFile(meter, Optional.of(CurrentUser.user(ctx).id()), name, LineSource.file(vertx, file.get().path()))
                .eventually(() -> Uploads.discard(ctx))
                .onSuccess(report -> ApiJson.send(ctx, 200, ApiJson.importReport(report)))
                .onFailure(err -> {
                    if (err instanceof ImportRefused) {
                        ApiJson.error(ctx, 422, "refused", "Nothing was imported: " + err.getMessage() + ".");
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    private static void noSuchMeter(RoutingContext ctx) {
        ApiJson.error(ctx, 404, "not_found", "No such meter.");
    }

    private void issueToken(RoutingContext ctx) {
        Optional<JsonObject> body = ApiJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String username = String.valueOf(body.get().getValue("username", "")).strip();
        String password = String.valueOf(body.get().getValue("password", ""));
        users.login(username, password, SessionRoutes.remoteAddress(ctx)).onSuccess(login -> {
            if (login.throttledFor().isPresent()) {
                ApiJson.error(ctx, 429, "too_many_requests", "Too many failed logins; wait a few minutes.");
            } else if (login.user().isEmpty()) {
                ApiJson.error(ctx, 401, "unauthorized", "Wrong username or password.");
            } else {
                String token = tokens.issue(login.user().get(), SessionTokens.API_LIFETIME, "api");
                ApiJson.send(ctx, 200, new JsonObject().put("token", token).put("tokenType", "Bearer")
                        .put("expiresAt", clock.instant().plus(SessionTokens.API_LIFETIME).toString()));
            }
        }).onFailure(ctx::fail);
    }

    private void listHouseholds(RoutingContext ctx) {
        households.memberships(CurrentUser.user(ctx).id()).onSuccess(memberships ->
                ApiJson.send(ctx, 200, new JsonArray(memberships.stream().map(ApiJson::household).toList())))
                .onFailure(ctx::fail);
    }

    private void listMeters(RoutingContext ctx) {
        long userId = CurrentUser.user(ctx).id();
        Future<List<Meter>> visible = meters.meters(userId);
        Future<Map<Long, MeterSync>> syncs = meters.syncs(userId);
        Future.all(visible, syncs).onSuccess(all -> ApiJson.send(ctx, 200, new JsonArray(visible.result().stream()
                        .map(m -> ApiJson.meter(m).put("sync", ApiJson.sync(syncs.result()
                                .getOrDefault(m.id(), MeterSync.initial(m.id())))))
                        .toList())))
                .onFailure(ctx::fail);
    }

    private void linkAccount(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        Optional<JsonObject> body = ApiJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String email = String.valueOf(body.get().getValue("email", "")).strip();
        String password = String.valueOf(body.get().getValue("password", ""));
        if (!MeterInput.looksLikeEmail(email) || password.isEmpty()) {
            ApiJson.error(ctx, 400, "invalid", "Send the Fluvius login as {\"email\": \"...\", \"password\": \"...\"}.");
            return;
        }
        meters.linkAccount(householdId, email, password)
                .onSuccess(outcome -> ApiJson.send(ctx, 201, new JsonObject().put("accountId", outcome.accountId())
                        .put("status", outcome.status().name().toLowerCase(Locale.ROOT))
                        .put("message", outcome.message().orElse(null))))
                .onFailure(err -> {
                    if (err instanceof DuplicateAccount) {
                        ApiJson.error(ctx, 409, "conflict", "This household already has a Fluvius account with that email.");
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    /** Deletes the household with everything in it; answers what went. */
    private void deleteHousehold(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        households.contents(householdId).compose(found -> found.isEmpty()
                        ? Future.succeededFuture(Optional.<HouseholdService.Contents>empty())
                        : households.delete(householdId).map(deleted -> deleted ? found : Optional.<HouseholdService.Contents>empty()))
                .onSuccess(deleted -> {
                    if (deleted.isEmpty()) {
                        ApiJson.error(ctx, 404, "not_found", "No such household.");
                        return;
                    }
                    HouseholdService.Contents c = deleted.get();
                    ApiJson.send(ctx, 200, new JsonObject().put("deleted", new JsonObject()
                            .put("householdId", householdId).put("name", c.household().name())
                            .put("meters", c.meters().size()).put("readings", c.readings())
                            .put("accounts", c.accounts().size()).put("members", c.members().size())));
                })
                .onFailure(ctx::fail);
    }

    /** The password and tokens go; the account's meters stay, with their history, and stop syncing. */
    private void unlinkAccount(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        Optional<Long> accountId = Paths.id(ctx.pathParam("accountId"));
        if (accountId.isEmpty()) {
            ApiJson.error(ctx, 404, "not_found", "No such Fluvius account.");
            return;
        }
        meters.account(CurrentUser.user(ctx).id(), householdId, accountId.get())
                .compose(account -> account.isEmpty() ? Future.succeededFuture(false)
                        : meters.unlinkAccount(accountId.get()))
                .onSuccess(unlinked -> {
                    if (unlinked) {
                        ApiJson.send(ctx, 200, new JsonObject().put("unlinked", accountId.get()));
                    } else {
                        ApiJson.error(ctx, 404, "not_found", "No such Fluvius account.");
                    }
                })
                .onFailure(ctx::fail);
    }

    private void addMeter(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        Optional<JsonObject> body = ApiJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        Map<String, String> fields = new HashMap<>();
        METER_FIELDS.forEach(field -> fields.put(field, ApiJson.text(body.get(), field)));
        // "accountId": null asks for a meter without an account, also in a household that has one
        if (body.get().containsKey("accountId") && body.get().getValue("accountId") == null) {
            fields.put("accountId", MeterInput.NO_ACCOUNT);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        meters.addMeter(householdId, fields, errors).onSuccess(added -> {
            if (added.isPresent()) {
                ApiJson.send(ctx, 201, ApiJson.meter(added.get()));
                return;
            }
            JsonObject messages = new JsonObject();
            errors.forEach((field, key) -> messages.put(field, Templates.text(Locale.ENGLISH, key)));
            ApiJson.send(ctx, 400, new JsonObject().put("error", "invalid").put("message", "Some fields are not valid.")
                    .put("fields", messages));
        }).onFailure(err -> {
            if (err instanceof DuplicateMeter) {
                ApiJson.error(ctx, 409, "conflict", "This household already has a meter with that EAN.");
            } else {
                ctx.fail(err);
            }
        });
    }

    private void syncStatus(RoutingContext ctx) {
        meters.sync(MeterAccess.meter(ctx)).onSuccess(sync -> ApiJson.send(ctx, 200, ApiJson.sync(sync)))
                .onFailure(ctx::fail);
    }

    private void triggerSync(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        // Answered at once; the caller follows progress with GET .../sync.
        meters.refresh(meter);
        ApiJson.send(ctx, 202, new JsonObject().put("meterId", meter.id()).put("status", "started"));
    }

    /** Stored readings of whole days (default) or quarter-hours, for local days {@code from} to {@code to}. */
    private void readings(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        String granularity = Optional.ofNullable(ctx.request().getParam("granularity")).orElse("daily");
        if (!granularity.equals("daily") && !granularity.equals("quarter-hour")) {
            ApiJson.error(ctx, 400, "invalid", "granularity must be daily or quarter-hour.");
            return;
        }
        int maxDays = granularity.equals("daily") ? MAX_DAILY_DAYS : MAX_QUARTER_HOUR_DAYS;
        Period.Either period = Period.range(Period.param(ctx, "from"), Period.param(ctx, "to"), readings.today(),
                DEFAULT_DAYS, maxDays);
        if (period.period().isEmpty()) {
            String key = period.errorKey();
            ApiJson.error(ctx, 400, "invalid", !key.equals("period.error.order") && !key.equals("period.error.tooLong")
                    ? Templates.text(Locale.ENGLISH, key)
                    : "from must not be after to, and a " + granularity + " request covers at most " + maxDays + " days.");
            return;
        }
        LocalDate from = period.period().get().first();
        LocalDate to = period.period().get().last();
        boolean quarterHours = granularity.equals("quarter-hour");
        Future<List<Reading>> chosen = readings.readings(meter, from, to, quarterHours);
        Future<List<IncompleteDay>> incomplete = readings.incompleteDays(meter, from, to);
        Future.all(chosen, incomplete).onSuccess(all ->
                ApiJson.send(ctx, 200, new JsonObject().put("meter", ApiJson.meter(meter)).put("from", from.toString())
                        .put("to", to.toString()).put("granularity", granularity)
                        .put("readings", new JsonArray(chosen.result().stream().map(ApiJson::reading).toList()))
                        // the days whose readings above are only part of what Fluvius should have sent
                        .put("incomplete_days", new JsonArray(incomplete.result().stream()
                                .filter(d -> d.resolution() == (quarterHours ? Resolution.QUARTER_HOUR : Resolution.DAY))
                                .map(ApiJson::incompleteDay).toList()))))
                .onFailure(ctx::fail);
    }
}
