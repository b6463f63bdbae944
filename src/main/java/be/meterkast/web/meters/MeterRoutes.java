package be.meterkast.web.meters;

import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.PortalServices;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A meter's page: what it is, how its sync is doing, and its recent days, all read from PostgreSQL (never
 * from Fluvius while rendering). Meters outside the user's households answer 404.
 */
public final class MeterRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeterRoutes.class);
    public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    static final int RECENT_DAYS = 14;
    static final String METER_KEY = "meter";

    private final io.vertx.core.Vertx vertx;
    private final PortalServices services;
    private final Templates templates;

    public MeterRoutes(io.vertx.core.Vertx vertx, PortalServices services, Templates templates) {
        this.vertx = vertx;
        this.services = services;
        this.templates = templates;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route("/:meterId").handler(this::requireVisible);
        router.route("/:meterId/*").handler(this::requireVisible);
        router.get("/:meterId").handler(this::showMeter);
        router.post("/:meterId/refresh").handler(this::refresh);
        return router;
    }

    private void requireVisible(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("meterId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        services.meters().findForUser(CurrentUser.user(ctx).id(), id.get()).onSuccess(meter -> {
            if (meter.isEmpty()) {
                ctx.fail(404);
            } else {
                ctx.put(METER_KEY, meter.get());
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private void showMeter(RoutingContext ctx) {
        Meter meter = ctx.get(METER_KEY);
        LocalDate last = LocalDate.now(services.clock().withZone(ZONE)).minusDays(1);
        LocalDate first = last.minusDays(RECENT_DAYS - 1L);
        Unit unit = meter.kind() == MeterKind.GAS ? meter.gasUnit().orElse(Unit.M3) : Unit.KWH;
        Future.all(services.meterSync().get(meter.id()),
                        services.readings().readings(meter.id(), first.atStartOfDay(ZONE).toInstant(),
                                last.plusDays(1).atTime(6, 0).atZone(ZONE).toInstant()),
                        meter.accountId().map(a -> services.accounts().findById(a))
                                .orElse(Future.succeededFuture(Optional.empty())))
                .onSuccess(all -> {
                    PeriodSummary recent = DailyAnalysis.summarize(DailyAnalysis.daily(
                            DailyAnalysis.wholeDays(all.resultAt(1)), ZONE, unit), first, last, unit);
                    Map<String, Object> model = Page.model(ctx, "meter.title");
                    model.put("meter", meter);
                    model.put("sync", all.resultAt(0));
                    model.put("account", all.resultAt(2));
                    model.put("recent", recent);
                    model.put("rows", rows(recent));
                    model.put("unit", unit.symbol());
                    model.put("zone", ZONE);
                    templates.render(ctx, 200, "meter", model);
                })
                .onFailure(ctx::fail);
    }

    /** One row per day of the period, newest first; a day without data has no usage. */
    public record DayRow(LocalDate day, DailyUsage usage) {
    }

    static List<DayRow> rows(PeriodSummary period) {
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        period.days().forEach(d -> byDay.put(d.day(), d));
        List<DayRow> rows = new ArrayList<>();
        for (LocalDate day = period.lastDay(); !day.isBefore(period.firstDay()); day = day.minusDays(1)) {
            rows.add(new DayRow(day, byDay.get(day)));
        }
        return rows;
    }

    private void refresh(RoutingContext ctx) {
        Meter meter = ctx.get(METER_KEY);
        // The sync runs in the background; the page shows its progress, so there is nothing to wait for.
        services.sync().refreshNow(meter.id())
                .onFailure(err -> LOG.warn("Refresh of meter {} failed: {}", meter.id(), err.getMessage()));
        Page.redirect(ctx, Paths.meter(meter.id()), "flash.meter.refreshing");
    }
}
