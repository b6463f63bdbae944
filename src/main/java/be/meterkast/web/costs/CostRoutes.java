package be.meterkast.web.costs;

import be.meterkast.analysis.costs.CostLines;
import be.meterkast.analysis.costs.Costs;
import be.meterkast.analysis.costs.Missing;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.costs.PriceFile;
import be.meterkast.app.costs.TariffInput;
import be.meterkast.app.imports.LineSource;
import be.meterkast.store.DayAheadPriceRepository.Coverage;
import be.meterkast.web.Uploads;
import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.store.Meter;
import be.meterkast.store.Role;
import be.meterkast.web.BadParameters;
import be.meterkast.web.Feature;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.Access;
import be.meterkast.web.auth.CurrentUser;
import be.meterkast.web.meters.MeterAccess;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import be.meterkast.analysis.costs.CapacityOverview;
import be.meterkast.analysis.costs.UsageAndCost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A meter's costs page (a month per day, a year per month) and the household's tariffs form (owners). Mounted
 * before the meters' and households' routers, so it does its own access checks: meters outside the user's
 * households and households they are not in answer 404, members get 403 on the tariffs form.
 */
public final class CostRoutes implements Feature {
    static final String ROWS = "rows";
    /** More periods than any household has had contracts. */
    static final int MAX_ROWS = 200;
    private static final String REMOVE = "remove";
    private static final String PRICE_ERROR = "priceError";
    /** The what-if caps offered as links: the 2.5 kW minimum and the peaks a household can reach by spreading its loads. */
    static final List<String> CAP_PRESETS = List.of("2.5", "3", "4", "5");
    static final BigDecimal MIN_CAP = new BigDecimal("0.1");
    static final BigDecimal MAX_CAP = new BigDecimal("100");

    private final HouseholdService households;
    private final MeterService meters;
    private final ReadingService readings;
    private final CostService costs;
    private final Templates templates;
    private final long maxUploadBytes;

    public CostRoutes(HouseholdService households, MeterService meters, ReadingService readings, CostService costs,
                      Templates templates, long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.households = households;
        this.meters = meters;
        this.readings = readings;
        this.costs = costs;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.METERS + "/:meterId/costs").handler(Access::requireUser)
                .handler(MeterAccess.require(meters, ctx -> ctx.fail(404))).handler(this::showCosts);
        root.get(Paths.HOUSEHOLDS + "/:householdId/tariffs").handler(Access::requireUser).handler(this::requireOwner)
                .handler(this::showTariffs);
        root.post(Paths.HOUSEHOLDS + "/:householdId/tariffs").handler(Access::requireUser).handler(this::requireOwner)
                .handler(this::saveTariffs);
        root.post(Paths.HOUSEHOLD_TARIFF_PRICES).handler(Access::requireUser).handler(this::requireOwner)
                .handler(this::importPrices);
    }

    private void requireOwner(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("householdId"));
        if (id.isEmpty()) {
            ctx.fail(404);
            return;
        }
        households.role(CurrentUser.user(ctx).id(), id.get()).onSuccess(role -> {
            if (role.isEmpty()) {
                ctx.fail(404);
            } else if (role.get() != Role.OWNER) {
                ctx.fail(403);
            } else {
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    // --- costs -----------------------------------------------------------------------------------------

    /** One row of the table: a day or a month, its lines to the cent, and what was missing in it. */
    public record CostRow(LocalDate day, YearMonth month, Optional<LocalDate> tariffFrom, CostLines.Rounded lines,
                          List<String> missingKeys) {
    }

    /** What was missing over the period: its message key, on how many days, the first and last of them. */
    public record MissingRow(String key, int days, LocalDate first, LocalDate last) {
    }

    private void showCosts(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        LocalDate today = readings.today();
        YearMonth thisMonth = YearMonth.from(today.minusDays(1));
        Period.Either parsed = Period.parse(null, Period.param(ctx, "month"), Period.param(ctx, "year"), null, null, today);
        Period period = parsed.period().filter(p -> !p.kind().equals("days"))
                .orElse(Period.parse(null, thisMonth.toString(), null, null, null, today).period().orElseThrow());
        boolean yearView = period.kind().equals("year");
        Future<CostService.PricedDays> days = period.dayCount() == 0
                ? Future.succeededFuture(new CostService.PricedDays(new Costs(period.first(), period.last(), List.of()),
                List.of()))
                : costs.pricedDays(meter, period.first(), period.last());
        Future<Costs> priced = days.map(CostService.PricedDays::costs);
        // The year view sets each month beside the same month of the year before.
        Future<CostService.PricedDays> before = yearView && period.dayCount() > 0
                ? costs.pricedDays(meter, period.first().minusYears(1), period.last().minusYears(1))
                : Future.succeededFuture(null);
        Future<List<TariffPeriod>> tariffs = costs.tariffs(meter.householdId());
        Future<Optional<Role>> role = households.role(CurrentUser.user(ctx).id(), meter.householdId());
        Optional<BigDecimal> cap = capKw(Period.param(ctx, "cap"));
        boolean capRefused = Period.param(ctx, "cap") != null && !Period.param(ctx, "cap").isBlank() && cap.isEmpty();
        Future<Optional<CapacityOverview.Overview>> capacity = meter.electricity()
                ? costs.capacity(meter, today, cap).map(Optional::of) : Future.succeededFuture(Optional.empty());
        Future.all(List.of(days, priced, tariffs, role, capacity, before)).onSuccess(all -> {
            Costs result = priced.result();
            Map<String, Object> model = Page.model(ctx, "costs.title");
            model.put("meter", meter);
            model.put("period", period);
            model.put("periodError", parsed.errorKey());
            model.put("yearView", yearView);
            model.put("month", YearMonth.from(period.first()));
            model.put("monthValue", yearView ? thisMonth.toString() : period.value());
            model.put("years", List.of(today.getYear(), today.getYear() - 1, today.getYear() - 2));
            model.put("hasTariffs", !tariffs.result().isEmpty());
            model.put("owner", role.result().filter(r -> r == Role.OWNER).isPresent());
            model.put("rows", yearView ? monthRows(result) : dayRows(result));
            model.put("total", result.total().rounded());
            model.put("missing", missingRows(result));
            model.put("capacity", capacity.result().orElse(null));
            putFigures(model, Page.locale(ctx), yearView, days.result(), before.result(), period.first());
            model.put("capPresets", CAP_PRESETS);
            model.put("capValue", cap.map(BigDecimal::toPlainString).orElse(""));
            model.put("capError", capRefused);
            model.put("capBase", "month=" + (yearView ? thisMonth.toString() : period.value()));
            int status = parsed.errorKey() == null && !capRefused ? 200 : 400;
            templates.render(ctx, status, "costs", model);
        }).onFailure(ctx::fail);
    }

    /** A month (of this year and the year before) in kWh and euro, for the year view's table. */
    public record YearRow(UsageAndCost.Bucket now, UsageAndCost.Bucket before) {
    }

    private static void putFigures(Map<String, Object> model, Locale locale, boolean yearView, CostService.PricedDays days,
                                   CostService.PricedDays before, LocalDate first) {
        boolean split = days.usage().stream().noneMatch(u -> u.offtake().containsKey(be.meterkast.domain.Tariff.SINGLE));
        model.put("split", split);
        if (!yearView) {
            List<UsageAndCost.Bucket> byDay = UsageAndCost.byDay(days.costs(), days.usage());
            model.put("dayFigures", byDay);
            model.put("dayFiguresTotal", UsageAndCost.total(byDay, first));
            model.put("chart", CostCharts.days(byDay, locale));
            return;
        }
        List<UsageAndCost.Bucket> months = UsageAndCost.byMonth(days.costs(), days.usage());
        List<UsageAndCost.Bucket> previous = before == null ? List.of() : UsageAndCost.byMonth(before.costs(), before.usage());
        Map<YearMonth, UsageAndCost.Bucket> byMonth = new LinkedHashMap<>();
        previous.forEach(b -> byMonth.put(b.month(), b));
        List<YearRow> rows = months.stream().map(m -> new YearRow(m, byMonth.get(m.month().minusYears(1)))).toList();
        model.put("yearRows", rows);
        model.put("yearTotal", UsageAndCost.total(months, first));
        model.put("beforeTotal", previous.isEmpty() ? null : UsageAndCost.total(previous, first.minusYears(1)));
        model.put("chart", CostCharts.months(months, byMonth, locale));
        model.put("netChart", CostCharts.net(months, byMonth, locale));
    }

    /** A what-if cap in kW as typed (decimal comma or point), 0.1 to 100; empty when absent or wrong. */
    static Optional<BigDecimal> capKw(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal kw = new BigDecimal(text.strip().replace(',', '.'));
            return kw.compareTo(MIN_CAP) < 0 || kw.compareTo(MAX_CAP) > 0 || kw.scale() > 3 ? Optional.empty()
                    : Optional.of(kw.stripTrailingZeros());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<CostRow> dayRows(Costs costs) {
        return costs.days().stream().map(d -> new CostRow(d.day(), null, d.period().map(TariffPeriod::validFrom),
                d.lines().rounded(), keys(d.missing()))).toList();
    }

    private static List<CostRow> monthRows(Costs costs) {
        return costs.months().values().stream().map(m -> new CostRow(null, m.month(), Optional.empty(),
                m.lines().rounded(), keys(m.missing()))).toList();
    }

    private static List<MissingRow> missingRows(Costs costs) {
        List<MissingRow> rows = new ArrayList<>();
        costs.missing().forEach((what, days) -> rows.add(new MissingRow(key(what), days.size(), days.get(0),
                days.get(days.size() - 1))));
        return rows;
    }

    private static List<String> keys(java.util.Set<Missing> missing) {
        return missing.stream().sorted().map(CostRoutes::key).toList();
    }

    private static String key(Missing missing) {
        return "costs.missing." + missing.name().toLowerCase(Locale.ROOT);
    }

    // --- the tariffs form ------------------------------------------------------------------------------

    /** One row of the form: the values shown, and whether it is the blank row for a new period. */
    public record TariffRow(int index, Map<String, String> values, boolean blank, boolean removed) {
        public String get(String field) {
            return values.getOrDefault(field, "");
        }

        public boolean includesVat() {
            return "true".equals(values.get(TariffInput.PRICES_INCLUDE_VAT));
        }

        public boolean floorOnAverage() {
            return TariffInput.FLOOR_AVERAGE.equals(values.get(TariffInput.CAPACITY_FLOOR));
        }
    }

    private void showTariffs(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        costs.tariffs(householdId).onSuccess(periods -> {
            List<TariffRow> rows = new ArrayList<>();
            for (TariffPeriod p : periods) {
                rows.add(new TariffRow(rows.size(), TariffInput.fields(p), false, false));
            }
            rows.add(new TariffRow(rows.size(), Map.of(), true, false));
            renderTariffs(ctx, 200, householdId, rows, null, null);
        }).onFailure(ctx::fail);
    }

    /** A day-ahead price file: stored whole, or refused naming its first wrong line with nothing stored. */
    private void importPrices(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        if (!CostService.mayImportPrices(CurrentUser.user(ctx).admin())) {
            Uploads.discard(ctx).onComplete(done -> showTariffsWith(ctx, householdId, 403,
                    Templates.text(Page.locale(ctx), "costs.prices.adminOnly")));
            return;
        }
        Optional<Uploads.Upload> file = Uploads.files(ctx).stream().filter(u -> u.field().equals("file")).findFirst();
        if (file.isEmpty()) {
            Uploads.discard(ctx).onComplete(done -> showTariffsWith(ctx, householdId, 400,
                    Templates.text(Page.locale(ctx), "costs.prices.error.noFile")));
            return;
        }
        costs.importPrices(LineSource.file(ctx.vertx(), file.get().path()))
                .eventually(() -> Uploads.discard(ctx))
                .onSuccess(imported -> Page.redirect(ctx, Paths.householdTariffs(householdId), "costs.prices.imported"))
                .onFailure(err -> {
                    if (err instanceof PriceFile.Refused refused) {
                        showTariffsWith(ctx, householdId, 422, Templates.text(Page.locale(ctx), "costs.prices.refused",
                                Templates.text(Page.locale(ctx), "costs.prices.error.line", refused.line(),
                                        Templates.text(Page.locale(ctx), refused.messageKey(), refused.arguments()))));
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    private void showTariffsWith(RoutingContext ctx, long householdId, int status, String priceError) {
        ctx.put(PRICE_ERROR, priceError);
        costs.tariffs(householdId).onSuccess(periods -> {
            List<TariffRow> rows = new ArrayList<>();
            for (TariffPeriod p : periods) {
                rows.add(new TariffRow(rows.size(), TariffInput.fields(p), false, false));
            }
            rows.add(new TariffRow(rows.size(), Map.of(), true, false));
            renderTariffs(ctx, status, householdId, rows, null, null);
        }).onFailure(ctx::fail);
    }

    /** Every row of the form at once: the list is replaced, or nothing is and the form comes back as sent. */
    private void saveTariffs(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        int count;
        try {
            count = Integer.parseInt(Optional.ofNullable(ctx.request().getFormAttribute(ROWS)).orElse(""));
        } catch (NumberFormatException e) {
            count = -1;
        }
        // Not the form's own post: refused, rather than read as "no periods" and the list emptied.
        if (count < 0 || count > MAX_ROWS) {
            ctx.fail(400, new BadParameters("tariffs.error.rows"));
            return;
        }
        List<TariffRow> rows = new ArrayList<>();
        List<Map<String, String>> kept = new ArrayList<>();
        List<Integer> keptRows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : TariffInput.FIELDS) {
                String value = ctx.request().getFormAttribute(field + "." + i);
                values.put(field, value == null ? "" : value.strip());
            }
            boolean removed = ctx.request().getFormAttribute(REMOVE + "." + i) != null;
            // The blank row for a new period, left blank (its VAT box may have been ticked alone).
            boolean blank = values.entrySet().stream().allMatch(e -> e.getValue().isEmpty()
                    || e.getKey().equals(TariffInput.PRICES_INCLUDE_VAT) || e.getKey().equals(TariffInput.CAPACITY_FLOOR));
            rows.add(new TariffRow(i, values, blank, removed));
            if (!removed && !blank) {
                kept.add(values);
                keptRows.add(i);
            }
        }
        List<TariffPeriod> periods;
        try {
            periods = TariffInput.periods(kept);
        } catch (TariffInput.Refused refused) {
            int row = keptRows.get(refused.index());
            if (rows.stream().noneMatch(TariffRow::blank)) {
                rows.add(new TariffRow(rows.size(), Map.of(), true, false));
            }
            String message = Templates.text(Page.locale(ctx), "tariffs.rowError", row + 1,
                    Templates.text(Page.locale(ctx), refused.messageKey()));
            renderTariffs(ctx, 400, householdId, rows, message, refused.field() + "." + row);
            return;
        }
        costs.replaceTariffs(householdId, periods)
                .onSuccess(stored -> Page.redirect(ctx, Paths.householdTariffs(householdId), "flash.tariffs.saved"))
                .onFailure(ctx::fail);
    }

    private void renderTariffs(RoutingContext ctx, int status, long householdId, List<TariffRow> rows, String error,
                               String errorField) {
        Future<Optional<Coverage>> coverage = costs.priceCoverage();
        Future.all(households.contents(householdId), coverage).map(all -> all.<Optional<HouseholdService.Contents>>resultAt(0))
                .onSuccess(contents -> {
            if (contents.isEmpty()) {
                ctx.fail(404);
                return;
            }
            Map<String, Object> model = Page.model(ctx, "tariffs.title");
            model.put("household", contents.get().household());
            model.put("rows", rows);
            model.put("prices", TariffInput.PRICES);
            model.put("error", error);
            model.put("errorField", errorField);
            model.put("priceError", ctx.get(PRICE_ERROR));
            model.put("priceCoverage", coverage.result().orElse(null));
            model.put("maxMegabytes", maxUploadBytes / (1024 * 1024));
            templates.render(ctx, status, "tariffs", model);
        }).onFailure(ctx::fail);
    }
}
