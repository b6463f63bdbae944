package be.meterkast.web.meters;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.CapacityTariff;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.analysis.QuarterHourProfile;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;
import be.meterkast.web.ChartData;
import be.meterkast.web.DailyData;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.PortalServices;
import be.meterkast.web.Templates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A meter's pages: its days over a chosen period (table, chart, totals, busiest and quietest days, monthly
 * peaks) and one day in quarter-hours. Everything comes from PostgreSQL, never from Fluvius while rendering.
 * Meters outside the user's households answer 404.
 */
public final class MeterRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(MeterRoutes.class);
    public static final ZoneId ZONE = DailyData.ZONE;

    private final Vertx vertx;
    private final PortalServices services;
    private final Templates templates;

    public MeterRoutes(Vertx vertx, PortalServices services, Templates templates) {
        this.vertx = vertx;
        this.services = services;
        this.templates = templates;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route("/:meterId").handler(MeterAccess.require(services, ctx -> ctx.fail(404)));
        router.route("/:meterId/*").handler(MeterAccess.require(services, ctx -> ctx.fail(404)));
        router.get("/:meterId").handler(this::showMeter);
        router.get("/:meterId/day/:date").handler(this::showDay);
        router.post("/:meterId/refresh").handler(this::refresh);
        return router;
    }

    // --- the meter over a period ---------------------------------------------------------------------

    private void showMeter(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        LocalDate today = Period.today(services.clock(), ZONE);
        Period.Either parsed = DailyData.period(ctx, services.clock());
        Period period = parsed.period().orElse(Period.parse(null, null, null, null, null, today).period().orElseThrow());
        Unit unit = DailyData.unitOf(meter);
        Future<List<Reading>> days = services.readings().days(meter.id(), DailyData.from(period.first()),
                DailyData.to(period.last()));
        Future<List<MonthlyPeak>> peaks = meter.kind() == MeterKind.ELECTRICITY ? services.peaks().list(meter.id())
                : Future.succeededFuture(List.of());
        Future.all(services.meterSync().get(meter.id()), days, peaks,
                        meter.accountId().map(a -> services.accounts().findById(a)).orElse(Future.succeededFuture(Optional.empty())))
                .onSuccess(all -> {
                    PeriodSummary summary = DailyData.summary(days.result(), period.first(), period.last(), unit);
                    Locale locale = Page.locale(ctx);
                    Map<String, Object> model = Page.model(ctx, "meter.title");
                    model.put("meter", meter);
                    model.put("sync", all.resultAt(0));
                    model.put("account", all.resultAt(3));
                    model.put("period", period);
                    model.put("periodError", parsed.errorKey());
                    model.put("summary", summary);
                    model.put("rows", rows(summary));
                    model.put("unit", unit.symbol());
                    model.put("chart", dailyChart(summary, unit, locale).encode());
                    model.put("peaks", CapacityTariff.rows(peaks.result()));
                    model.put("monthValue", (period.kind().equals("month") ? period.value() : today.minusDays(1).toString().substring(0, 7)));
                    model.put("years", List.of(today.getYear(), today.getYear() - 1, today.getYear() - 2));
                    templates.render(ctx, parsed.errorKey() == null ? 200 : 400, "meter", model);
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

    private static ChartData dailyChart(PeriodSummary summary, Unit unit, Locale locale) {
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        summary.days().forEach(d -> byDay.put(d.day(), d));
        List<Long> x = new ArrayList<>();
        List<BigDecimal> offtakeDay = new ArrayList<>();
        List<BigDecimal> offtakeAll = new ArrayList<>();
        List<BigDecimal> injectionDay = new ArrayList<>();
        List<BigDecimal> injectionAll = new ArrayList<>();
        for (LocalDate day : LocalDays.between(summary.firstDay(), summary.lastDay())) {
            DailyUsage d = byDay.get(day);
            x.add(day.atStartOfDay(ZONE).toEpochSecond());
            offtakeDay.add(d == null ? null : d.offtakeDay());
            offtakeAll.add(d == null ? null : d.totalOfftake());
            // Injection goes below the axis: energy given to the grid.
            injectionDay.add(d == null ? null : d.injectionDay().negate());
            injectionAll.add(d == null ? null : d.totalInjection().negate());
        }
        ChartData chart = ChartData.bars(unit.symbol()).daily().x(x);
        if (summary.offtakeOnly()) {
            return chart.series(Templates.text(locale, "table.totalOfftake"), "#c2410c", offtakeAll);
        }
        // Night is drawn as the whole bar and day over it, so the part above the day is the night.
        return chart.stacked()
                .series(Templates.text(locale, "table.offtakeNight"), "#7c2d12", offtakeAll)
                .series(Templates.text(locale, "table.offtakeDay"), "#ea580c", offtakeDay)
                .series(Templates.text(locale, "table.injectionNight"), "#166534", injectionAll)
                .series(Templates.text(locale, "table.injectionDay"), "#22c55e", injectionDay);
    }

    // --- one day in quarter-hours --------------------------------------------------------------------

    private void showDay(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        LocalDate today = Period.today(services.clock(), ZONE);
        LocalDate day;
        try {
            day = LocalDate.parse(ctx.pathParam("date"));
        } catch (DateTimeParseException e) {
            ctx.fail(400, e);
            return;
        }
        if (!day.isBefore(today) || day.isBefore(today.minusYears(5))) {
            ctx.fail(404);
            return;
        }
        services.readings().quarterHours(meter.id(), day.atStartOfDay(ZONE).toInstant(),
                day.plusDays(1).atStartOfDay(ZONE).toInstant()).onSuccess(readings -> {
            Locale locale = Page.locale(ctx);
            List<QuarterHourProfile.Quarter> quarters = QuarterHourProfile.quarters(readings, ZONE);
            Map<String, Object> model = Page.model(ctx, "day.title");
            model.put("meter", meter);
            model.put("day", day);
            model.put("quarters", quarters);
            model.put("usage", DailyAnalysis.daily(readings, ZONE, Unit.KWH).stream().findFirst().orElse(null));
            model.put("baseLoad", QuarterHourProfile.baseLoadWatts(quarters).orElse(null));
            model.put("peak", QuarterHourProfile.peak(quarters).orElse(null));
            model.put("previous", day.minusDays(1));
            model.put("next", day.plusDays(1).isBefore(today) ? day.plusDays(1) : null);
            model.put("chart", ChartData.lines("W")
                    .x(quarters.stream().map(q -> q.start().getEpochSecond()).toList())
                    .series(Templates.text(locale, "day.offtakeW"), "#c2410c", quarters.stream().map(q -> q.offtakeWatts()).toList())
                    .series(Templates.text(locale, "day.injectionW"), "#16a34a", quarters.stream().map(q -> q.injectionWatts()).toList())
                    .encode());
            templates.render(ctx, 200, "day", model);
        }).onFailure(ctx::fail);
    }

    private void refresh(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        // The sync runs in the background; the page shows its progress, so there is nothing to wait for.
        services.sync().refreshNow(meter.id())
                .onFailure(err -> LOG.warn("Refresh of meter {} failed: {}", meter.id(), err.getMessage()));
        Page.redirect(ctx, Paths.meter(meter.id()), "flash.meter.refreshing");
    }
}
