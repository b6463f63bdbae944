package be.meterkast.web.api;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.domain.Reading;
import be.meterkast.store.DuplicateAccount;
import be.meterkast.store.DuplicateMeter;
import be.meterkast.store.Membership;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Role;
import be.meterkast.sync.LinkResult;
import be.meterkast.web.DailyData;
import be.meterkast.web.Forms;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.PortalServices;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.CurrentUser;
import be.meterkast.web.auth.PasswordCheck;
import be.meterkast.web.auth.SessionTokens;
import be.meterkast.web.households.MeterInput;
import be.meterkast.web.meters.MeterAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JSON API for scripts and Home Assistant, under {@code /api/v1}. Bearer tokens from {@code POST /token};
 * the same access rules as the pages (other households' ids answer 404); errors as
 * {@code {"error": "...", "message": "..."}}.
 */
public final class ApiRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiRoutes.class);
    static final int MAX_DAILY_DAYS = 1100;
    static final int MAX_QUARTER_HOUR_DAYS = 31;
    static final int DEFAULT_DAYS = 7;

    private final Vertx vertx;
    private final PortalServices services;
    private final SessionTokens tokens;
    private final PasswordCheck passwords;

    public ApiRoutes(Vertx vertx, PortalServices services, SessionTokens tokens) {
        this.vertx = vertx;
        this.services = services;
        this.tokens = tokens;
        this.passwords = new PasswordCheck(vertx, services.users(), services.hasher());
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.post("/token").handler(this::issueToken);
        router.route().handler(ApiRoutes::requireUser);
        router.get("/households").handler(this::listHouseholds);
        router.get("/meters").handler(this::listMeters);
        router.route("/households/:householdId/*").handler(this::requireOwner);
        router.post("/households/:householdId/accounts").handler(this::linkAccount);
        router.post("/households/:householdId/meters").handler(this::addMeter);
        router.route("/meters/:meterId").handler(MeterAccess.require(services, ApiRoutes::noSuchMeter));
        router.route("/meters/:meterId/*").handler(MeterAccess.require(services, ApiRoutes::noSuchMeter));
        router.get("/meters/:meterId/sync").handler(this::syncStatus);
        router.post("/meters/:meterId/sync").handler(this::triggerSync);
        router.get("/meters/:meterId/readings").handler(this::readings);
        return router;
    }

    public static void error(RoutingContext ctx, int status, String error, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("message", message).encode());
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
    }

    private static void requireUser(RoutingContext ctx) {
        if (CurrentUser.user(ctx) == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(ctx, 401, "unauthorized", "Send 'Authorization: Bearer <token>' with a token from POST /api/v1/token.");
        } else {
            ctx.next();
        }
    }

    private static Optional<JsonObject> body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return Optional.of(body);
            }
        } catch (DecodeException | ClassCastException ignored) {
            // answered below
        }
        error(ctx, 400, "bad_request", "The body must be a JSON object.");
        return Optional.empty();
    }

    // --- tokens --------------------------------------------------------------------------------------

    private void issueToken(RoutingContext ctx) {
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String username = String.valueOf(body.get().getValue("username", "")).strip();
        String password = String.valueOf(body.get().getValue("password", ""));
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        if (services.throttle().wait(username, address).isPresent()) {
            error(ctx, 429, "too_many_requests", "Too many failed logins; wait a few minutes.");
            return;
        }
        passwords.verify(username, password)
                .onSuccess(user -> {
                    if (user.isEmpty()) {
                        services.throttle().failed(username, address);
                        error(ctx, 401, "unauthorized", "Wrong username or password.");
                        return;
                    }
                    services.throttle().succeeded(username);
                    String token = tokens.issue(user.get(), SessionTokens.API_LIFETIME, "api");
                    json(ctx, 200, new JsonObject().put("token", token).put("tokenType", "Bearer")
                            .put("expiresAt", services.clock().instant().plus(SessionTokens.API_LIFETIME).toString()));
                })
                .onFailure(ctx::fail);
    }

    // --- households, accounts, meters ------------------------------------------------------------------

    private void listHouseholds(RoutingContext ctx) {
        services.households().listForUser(CurrentUser.user(ctx).id()).onSuccess(memberships -> {
            JsonArray out = new JsonArray();
            for (Membership m : memberships) {
                out.add(new JsonObject().put("id", m.householdId()).put("name", m.householdName())
                        .put("role", m.role().name().toLowerCase(Locale.ROOT)));
            }
            json(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    private void listMeters(RoutingContext ctx) {
        long userId = CurrentUser.user(ctx).id();
        Future.all(services.meters().listForUser(userId), services.meterSync().forUser(userId)).onSuccess(all -> {
            List<Meter> meters = all.resultAt(0);
            Map<Long, MeterSync> syncs = all.resultAt(1);
            JsonArray out = new JsonArray();
            meters.forEach(m -> out.add(meterJson(m).put("sync", syncJson(syncs.getOrDefault(m.id(), MeterSync.initial(m.id()))))));
            json(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    private void requireOwner(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            error(ctx, 404, "not_found", "No such household.");
            return;
        }
        services.households().membership(CurrentUser.user(ctx).id(), id.get()).onSuccess(role -> {
            if (role.isEmpty()) {
                error(ctx, 404, "not_found", "No such household.");
            } else if (role.get() != Role.OWNER) {
                error(ctx, 403, "forbidden", "Only the household's owners can do this.");
            } else {
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private void linkAccount(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String email = String.valueOf(body.get().getValue("email", "")).strip();
        String password = String.valueOf(body.get().getValue("password", ""));
        if (!MeterInput.looksLikeEmail(email) || password.isEmpty()) {
            error(ctx, 400, "invalid", "Send the Fluvius login as {\"email\": \"...\", \"password\": \"...\"}.");
            return;
        }
        services.sync().linkAccount(householdId, email, password)
                .onSuccess(outcome -> json(ctx, 201, new JsonObject().put("accountId", outcome.accountId())
                        .put("status", outcome.status().name().toLowerCase(Locale.ROOT))
                        .put("message", outcome.message().orElse(null))))
                .onFailure(err -> {
                    if (err instanceof DuplicateAccount) {
                        error(ctx, 409, "conflict", "This household already has a Fluvius account with that email.");
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    private void addMeter(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        Forms form = Forms.empty();
        for (String field : List.of("ean", "serial", "kind", "label", "gasUnit", "accountId")) {
            Object value = body.get().getValue(field);
            form.set(field, value == null ? "" : String.valueOf(value).strip());
        }
        services.accounts().listForHousehold(householdId).onSuccess(accounts -> {
            Optional<MeterInput.Valid> input = MeterInput.validate(form, accounts);
            if (input.isEmpty()) {
                JsonObject fields = new JsonObject();
                form.errors().forEach((field, key) -> fields.put(field, Templates.text(Locale.ENGLISH, key)));
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "invalid").put("message", "Some fields are not valid.")
                                .put("fields", fields).encode());
                return;
            }
            MeterInput.Valid meter = input.orElseThrow();
            services.meters().create(householdId, meter.accountId(), meter.ref(), meter.kind(), meter.label(), meter.gasUnit())
                    .compose(created -> services.sync().meterAdded(created.id()).map(created))
                    .onSuccess(created -> json(ctx, 201, meterJson(created)))
                    .onFailure(err -> {
                        if (err instanceof DuplicateMeter) {
                            error(ctx, 409, "conflict", "This household already has a meter with that EAN.");
                        } else {
                            ctx.fail(err);
                        }
                    });
        }).onFailure(ctx::fail);
    }

    private static void noSuchMeter(RoutingContext ctx) {
        error(ctx, 404, "not_found", "No such meter.");
    }

    private void syncStatus(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        services.meterSync().get(meter.id()).onSuccess(sync -> json(ctx, 200, syncJson(sync))).onFailure(ctx::fail);
    }

    private void triggerSync(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        // Answered at once; the caller follows progress with GET .../sync.
        services.sync().refreshNow(meter.id())
                .onFailure(err -> LOG.warn("Refresh of meter {} failed: {}", meter.id(), err.getMessage()));
        json(ctx, 202, new JsonObject().put("meterId", meter.id()).put("status", "started"));
    }

    /** Stored readings of whole days (default) or quarter-hours, for local days {@code from} to {@code to}. */
    private void readings(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        String granularity = Optional.ofNullable(ctx.request().getParam("granularity")).orElse("daily");
        if (!granularity.equals("daily") && !granularity.equals("quarter-hour")) {
            error(ctx, 400, "invalid", "granularity must be daily or quarter-hour.");
            return;
        }
        int maxDays = granularity.equals("daily") ? MAX_DAILY_DAYS : MAX_QUARTER_HOUR_DAYS;
        Period.Either period = Period.range(DailyData.param(ctx, "from"), DailyData.param(ctx, "to"),
                Period.today(services.clock(), LocalDays.BRUSSELS), DEFAULT_DAYS, maxDays);
        if (period.period().isEmpty()) {
            error(ctx, 400, "invalid", period.errorKey().equals("period.error.format")
                    ? "from and to are dates like 2025-06-30."
                    : "from must not be after to, and a " + granularity + " request covers at most " + maxDays + " days.");
            return;
        }
        LocalDate from = period.period().get().first();
        LocalDate to = period.period().get().last();
        services.readings().readings(meter.id(), from.atStartOfDay(LocalDays.BRUSSELS).toInstant(),
                to.plusDays(1).atTime(6, 0).atZone(LocalDays.BRUSSELS).toInstant()).onSuccess(all -> {
            List<Reading> chosen = granularity.equals("daily") ? DailyAnalysis.wholeDays(all) : DailyAnalysis.quarterHours(all);
            JsonArray out = new JsonArray();
            for (Reading r : chosen) {
                LocalDate day = r.start().atZone(LocalDays.BRUSSELS).toLocalDate();
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                out.add(new JsonObject().put("start", r.start().toString()).put("end", r.end().toString())
                        .put("tariff", r.tariff().name().toLowerCase(Locale.ROOT))
                        .put("direction", r.direction().name().toLowerCase(Locale.ROOT))
                        .put("unit", r.unit().symbol()).put("value", r.value()).put("estimated", r.estimated()));
            }
            json(ctx, 200, new JsonObject().put("meter", meterJson(meter)).put("from", from.toString())
                    .put("to", to.toString()).put("granularity", granularity).put("readings", out));
        }).onFailure(ctx::fail);
    }

    private static JsonObject meterJson(Meter m) {
        return new JsonObject().put("id", m.id()).put("householdId", m.householdId())
                .put("accountId", m.accountId().orElse(null)).put("ean", m.ean()).put("serial", m.serial())
                .put("kind", m.kind().name().toLowerCase(Locale.ROOT)).put("label", m.label())
                .put("gasUnit", m.gasUnit().map(u -> u.symbol()).orElse(null));
    }

    private static JsonObject syncJson(MeterSync s) {
        return new JsonObject().put("backfillDone", s.backfillDone())
                .put("progressDone", s.progressDone()).put("progressTotal", s.progressTotal())
                .put("lastSuccessAt", s.lastSuccessAt().map(Object::toString).orElse(null))
                .put("lastError", s.lastError().orElse(null))
                .put("nextRunAt", s.nextRunAt().map(Object::toString).orElse(null));
    }
}
