package be.meterkast.web.meters;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.analysis.QuarterHourProfile;
import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.imports.CsvImportService;
import be.meterkast.app.imports.ImportRefused;
import be.meterkast.csvimport.Reason;
import be.meterkast.app.imports.ImportReport;
import be.meterkast.app.imports.LineSource;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.CsvImport;
import be.meterkast.store.Meter;
import be.meterkast.store.Role;
import be.meterkast.web.ChartData;
import be.meterkast.web.Feature;
import be.meterkast.web.Format;
import be.meterkast.web.MessageKeys;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.Templates;
import be.meterkast.web.Uploads;
import be.meterkast.web.WebSettings;
import be.meterkast.web.auth.Access;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Future;
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
import java.util.Optional;

/**
 * A meter's pages: its days over a chosen period (table, chart, totals, busiest and quietest days, monthly
 * peaks) and one day in quarter-hours. Everything comes from PostgreSQL, never from Fluvius while rendering.
 * Meters outside the user's households answer 404.
 */
public final class MeterRoutes implements Feature {
    private final Vertx vertx;
    private final HouseholdService households;
    private final MeterService meters;
    private final ReadingService readings;
    private final CsvImportService imports;
    private final WebSettings settings;
    private final Templates templates;

    public MeterRoutes(Vertx vertx, HouseholdService households, MeterService meters, ReadingService readings,
                       CsvImportService imports, WebSettings settings, Templates templates) {
        this.vertx = vertx;
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
        router.route("/:meterId").handler(MeterAccess.require(meters, ctx -> ctx.fail(404)));
        router.route("/:meterId/*").handler(MeterAccess.require(meters, ctx -> ctx.fail(404)));
        router.get("/:meterId").handler(this::showMeter);
        router.get("/:meterId/day/:date").handler(this::showDay);
        router.post("/:meterId/refresh").handler(this::refresh);
        router.post("/:meterId/imports").handler(this::requireOwner).handler(this::importFiles);
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
        Future<ReadingService.MeterPeriod> loaded = readings.meterPeriod(meter, period.first(), period.last());
        Future<List<CsvImport>> imported = imports.latest(meter.id());
        Future<Optional<Role>> role = households.role(CurrentUser.user(ctx).id(), meter.householdId());
        Future.all(loaded, imported, role).onSuccess(all -> {
            ReadingService.MeterPeriod data = loaded.result();
            PeriodSummary summary = data.summary();
            Locale locale = Page.locale(ctx);
            Map<String, Object> model = Page.model(ctx, "meter.title");
            model.put("meter", meter);
            model.put("sync", data.sync());
            model.put("account", data.account());
            model.put("imports", imported.result());
            model.put("owner", role.result().orElse(null) == Role.OWNER);
            model.put("maxMegabytes", settings.importMaxBytes() / (1024 * 1024));
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
        List<BigDecimal> offtakeNight = new ArrayList<>();
        List<BigDecimal> offtakeAll = new ArrayList<>();
        List<BigDecimal> injectionDay = new ArrayList<>();
        List<BigDecimal> injectionNight = new ArrayList<>();
        for (LocalDate day : LocalDays.between(summary.firstDay(), summary.lastDay())) {
            DailyUsage d = byDay.get(day);
            x.add(day.atStartOfDay(LocalDays.BRUSSELS).toEpochSecond());
            offtakeDay.add(d == null ? null : d.offtakeDay());
            // The rest of the total: night, or a single register where a meter has one next to injection
            offtakeNight.add(d == null ? null : d.totalOfftake().subtract(d.offtakeDay()));
            offtakeAll.add(d == null ? null : d.totalOfftake());
            injectionDay.add(d == null ? null : d.injectionDay());
            injectionNight.add(d == null ? null : d.totalInjection().subtract(d.injectionDay()));
        }
        ChartData chart = ChartData.bars(unit.symbol()).daily().x(x);
        if (summary.offtakeOnly()) {
            return chart.series(Templates.text(locale, "table.totalOfftake"), "#c2410c", offtakeAll);
        }
        // Night outermost, day next to the axis; injection below the axis: energy given to the grid.
        return chart.stacked()
                .series(Templates.text(locale, "table.offtakeNight"), "#7c2d12", "offtake", offtakeNight)
                .series(Templates.text(locale, "table.offtakeDay"), "#ea580c", "offtake", offtakeDay)
                .seriesBelow(Templates.text(locale, "table.injectionNight"), "#166534", "injection", injectionNight)
                .seriesBelow(Templates.text(locale, "table.injectionDay"), "#22c55e", "injection", injectionDay);
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

    // --- Mijn Fluvius files ---------------------------------------------------------------------------

    /** Only the household's owners change what a meter holds; members see its page but get 403 here. */
    private void requireOwner(RoutingContext ctx) {
        households.role(CurrentUser.user(ctx).id(), MeterAccess.meter(ctx).householdId()).onSuccess(role -> {
            if (role.orElse(null) == Role.OWNER) {
                ctx.next();
            } else {
                ctx.fail(403);
            }
        }).onFailure(ctx::fail);
    }

    /** One file's outcome: its report, or why it was refused whole. */
    public record FileOutcome(String fileName, ImportReport report, Reason refusal) {
    }

    /** Imports the uploaded files one after another (the report says what each did), then shows the reports. */
    private void importFiles(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        List<Uploads.Upload> files = Uploads.files(ctx).stream().filter(upload -> upload.field().equals("files")).toList();
        importEach(meter, CurrentUser.user(ctx).id(), files, 0, new ArrayList<>())
                .eventually(() -> Uploads.discard(ctx))
                .onSuccess(outcomes -> {
                    Map<String, Object> model = Page.model(ctx, "import.title");
                    model.put("meter", meter);
                    model.put("outcomes", outcomes);
                    model.put("maxMegabytes", settings.importMaxBytes() / (1024 * 1024));
                    templates.render(ctx, files.isEmpty() ? 400 : 200, "meter-import", model);
                })
                .onFailure(ctx::fail);
    }

    private Future<List<FileOutcome>> importEach(Meter meter, long userId, List<Uploads.Upload> files, int index,
                                                 List<FileOutcome> done) {
        if (index == files.size()) {
            return Future.succeededFuture(done);
        }
        Uploads.Upload file = files.get(index);
        String name = file.fileName().isEmpty() ? "upload.csv" : file.fileName();
        return imports.importFile(meter, Optional.of(userId), name, LineSource.file(vertx, file.path()))
                .map(report -> new FileOutcome(name, report, null))
                .recover(err -> err instanceof ImportRefused
                        ? Future.succeededFuture(new FileOutcome(name, null, ((ImportRefused) err).reason()))
                        : Future.failedFuture(err))
                .compose(outcome -> {
                    done.add(outcome);
                    return importEach(meter, userId, files, index + 1, done);
                });
    }

    private void refresh(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        // The sync runs in the background; the page shows its progress, so there is nothing to wait for.
        meters.refresh(meter);
        // Back to the period the page showed (its form posts to refresh?<period>); one it cannot read is dropped
        Period.Either period = Period.of(ctx, readings.today());
        boolean chosen = ctx.request().params().names().stream()
                .anyMatch(name -> List.of("days", "month", "year", "from", "to").contains(name));
        String back = chosen && period.period().isPresent() ? Paths.meter(meter.id(), period.period().get().query())
                : Paths.meter(meter.id());
        Page.redirect(ctx, back, "flash.meter.refreshing");
    }
}
