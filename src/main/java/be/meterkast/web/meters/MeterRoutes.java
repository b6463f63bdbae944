package be.meterkast.web.meters;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.analysis.QuarterHourProfile;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.Meter;
import be.meterkast.web.ChartData;
import be.meterkast.web.Feature;
import be.meterkast.web.Format;
import be.meterkast.web.MessageKeys;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.Access;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A meter's pages: its days over a chosen period (table, chart, totals, busiest and quietest days, monthly
 * peaks) and one day in quarter-hours. Everything comes from PostgreSQL, never from Fluvius while rendering.
 * Meters outside the user's households answer 404.
 */
public final class MeterRoutes implements Feature {
    private final Vertx vertx;
    private final MeterService meters;
    private final ReadingService readings;
    private final Templates templates;

    public MeterRoutes(Vertx vertx, MeterService meters, ReadingService readings, Templates templates) {
        this.vertx = vertx;
        this.meters = meters;
        this.readings = readings;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        Router router = Router.router(vertx);
        router.route("/:meterId").handler(MeterAccess.require(meters, ctx -> ctx.fail(404)));
        router.route("/:meterId/*").handler(MeterAccess.require(meters, ctx -> ctx.fail(404)));
        router.get("/:meterId").handler(this::showMeter);
        router.get("/:meterId/day/:date").handler(this::showDay);
        router.post("/:meterId/refresh").handler(this::refresh);
        root.route(Paths.METERS + "*").handler(Access::requireUser);
        root.route(Paths.METERS + "/*").subRouter(router);
    }

    // --- the meter over a period ---------------------------------------------------------------------

    private void showMeter(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        LocalDate today = readings.today();
        Period.Either parsed = Period.of(ctx, today);
        Period period = parsed.period().orElse(Period.parse(null, null, null, null, null, today).period().orElseThrow());
        Unit unit = DailyData.unitOf(meter);
        readings.meterPeriod(meter, period.first(), period.last()).onSuccess(data -> {
            PeriodSummary summary = data.summary();
            Locale locale = Page.locale(ctx);
            Map<String, Object> model = Page.model(ctx, "meter.title");
            model.put("meter", meter);
            model.put("sync", data.sync());
            model.put("account", data.account());
            model.put("period", period);
            model.put("periodError", parsed.errorKey());
            model.put("summary", summary);
            model.put("rows", rows(summary, (Format) model.get("fmt"), meter));
            // Once each: both walk the whole period
            model.put("busiest", summary.busiestDay().orElse(null));
            model.put("quietest", summary.quietestDay().orElse(null));
            model.put("unit", unit.symbol());
            model.put("chart", dailyChart(summary, unit, locale).encode());
            model.put("peaks", CapacityTariff.rows(data.peaks()));
            model.put("monthValue", (period.kind().equals("month") ? period.value() : today.minusDays(1).toString().substring(0, 7)));
            model.put("years", List.of(today.getYear(), today.getYear() - 1, today.getYear() - 2));
            templates.render(ctx, parsed.errorKey() == null ? 200 : 400, "meter", model);
        }).onFailure(ctx::fail);
    }

    /**
     * One table row, formatted before rendering: the template reads JavaBean properties, which OGNL looks up once
     * and caches, where a method call with arguments per cell ({@code fmt.amount(d.offtakeDay())}) was resolved
     * again on every call and cost most of a year page's time.
     */
    public static final class DayRow {
        private final String label;
        private final String href;
        private final DailyUsage usage;
        private final String[] amounts;
        private final String defectKey;

        private DayRow(String label, String href, DailyUsage usage, String[] amounts, String defectKey) {
            this.label = label;
            this.href = href;
            this.usage = usage;
            this.amounts = amounts;
            this.defectKey = defectKey;
        }

        /** Weekday and date. */
        public String getLabel() {
            return label;
        }

        /** The day in quarter-hours, for an electricity meter's day with data; null otherwise. */
        public String getHref() {
            return href;
        }

        public boolean isMissing() {
            return usage == null;
        }

        public boolean isEstimated() {
            return usage != null && usage.estimated();
        }

        /** The message key of why the day is incomplete; null for a whole day. */
        public String getDefectKey() {
            return defectKey;
        }

        public String getRowClass() {
            return usage == null ? "" : usage.isIncomplete() ? "incomplete" : usage.estimated() ? "estimated" : "";
        }

        public String getOfftakeDay() {
            return amounts[0];
        }

        public String getOfftakeNight() {
            return amounts[1];
        }

        public String getInjectionDay() {
            return amounts[2];
        }

        public String getInjectionNight() {
            return amounts[3];
        }

        public String getTotalOfftake() {
            return amounts[4];
        }

        public String getTotalInjection() {
            return amounts[5];
        }

        public String getNet() {
            return amounts[6];
        }
    }

    /** One row per day of the period, newest first; a day without data is marked missing. */
    static List<DayRow> rows(PeriodSummary period, Format fmt, Meter meter) {
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        period.days().forEach(d -> byDay.put(d.day(), d));
        MessageKeys keys = MessageKeys.INSTANCE;
        List<DayRow> rows = new ArrayList<>();
        for (LocalDate day = period.lastDay(); !day.isBefore(period.firstDay()); day = day.minusDays(1)) {
            DailyUsage d = byDay.get(day);
            if (d == null) {
                rows.add(new DayRow(fmt.day(day), null, null, null, null));
                continue;
            }
            String[] amounts = {fmt.amount(d.offtakeDay()), fmt.amount(d.offtakeNight()), fmt.amount(d.injectionDay()),
                    fmt.amount(d.injectionNight()), fmt.amount(d.totalOfftake()), fmt.amount(d.totalInjection()),
                    fmt.amount(d.net())};
            rows.add(new DayRow(fmt.day(d.day()), meter.electricity() ? Paths.meterDay(meter.id(), d.day()) : null, d,
                    amounts, d.incomplete().map(keys::defect).orElse(null)));
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
            x.add(day.atStartOfDay(LocalDays.BRUSSELS).toEpochSecond());
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
        LocalDate today = readings.today();
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
        readings.quarterHours(meter, day).onSuccess(stored -> {
            Locale locale = Page.locale(ctx);
            List<QuarterHourProfile.Quarter> quarters = QuarterHourProfile.quarters(stored.readings(), LocalDays.BRUSSELS);
            Map<String, Object> model = Page.model(ctx, "day.title");
            model.put("meter", meter);
            model.put("day", day);
            model.put("quarters", quarters);
            model.put("usage", DailyAnalysis.daily(stored.readings(), LocalDays.BRUSSELS, Unit.KWH).stream().findFirst().orElse(null));
            model.put("dayIncomplete", stored.incomplete(day, Resolution.DAY).orElse(null));
            model.put("quartersIncomplete", stored.incomplete(day, Resolution.QUARTER_HOUR).orElse(null));
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
        meters.refresh(meter);
        Page.redirect(ctx, Paths.meter(meter.id()), "flash.meter.refreshing");
    }
}
