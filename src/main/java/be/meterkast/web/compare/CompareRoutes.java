package be.meterkast.web.compare;

import be.meterkast.analysis.Comparison.Measure;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.app.readings.StoredDays;
import be.meterkast.store.Meter;
import be.meterkast.store.Membership;
import be.meterkast.store.User;
import be.meterkast.web.Feature;
import be.meterkast.web.Format;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.Access;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The compare page: two or more meters over one period ({@code ?meter=1&meter=2&month=2025-06}), or one meter
 * over a period and the same period a year earlier ({@code ?meter=1&month=2025-06&against=previous-year}).
 * Reads the user's meters and their daily readings in one query each, whatever the number of meters or days.
 * A meter the user may not see answers 404; parameters that make no sense answer 400 with what to fix.
 */
public final class CompareRoutes implements Feature {
    public static final String AGAINST_PREVIOUS_YEAR = "previous-year";
    static final String TEMPLATE = "compare";

    private final HouseholdService households;
    private final MeterService meters;
    private final ReadingService readings;
    private final Templates templates;
    private final CostService costs;

    public CompareRoutes(HouseholdService households, MeterService meters, ReadingService readings, CostService costs,
                         Templates templates) {
        this.costs = costs;
        this.households = households;
        this.meters = meters;
        this.readings = readings;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.COMPARE).handler(Access::requireUser).handler(this::showComparison);
    }

    /** The request's choices; {@code errorKey} when they do not make a comparison. */
    private record Choice(List<Long> meterIds, Optional<Period> period, Measure measure, String against,
                          String errorKey) {
    }

    private void showComparison(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        Future.all(households.memberships(user.id()), meters.meters(user.id()))
                .onSuccess(all -> {
                    List<Membership> memberships = all.resultAt(0);
                    List<Meter> visible = all.resultAt(1);
                    Map<Long, Meter> byId = new LinkedHashMap<>();
                    visible.forEach(m -> byId.put(m.id(), m));
                    List<Long> ids = new ArrayList<>();
                    for (String text : ctx.queryParam("meter")) {
                        Optional<Long> id = Paths.id(text.strip());
                        if (id.isEmpty() || !byId.containsKey(id.get())) {
                            ctx.fail(404); // never silently dropped: the same answer as for an unknown meter
                            return;
                        }
                        if (!ids.contains(id.get())) {
                            ids.add(id.get());
                        }
                    }
                    Choice choice = choice(ctx, ids);
                    Map<String, Object> model = Page.model(ctx, "compare.title");
                    model.put("memberships", memberships);
                    model.put("metersByHousehold", groupByHousehold(visible));
                    model.put("selected", ids);
                    model.put("params", params(ctx));
                    model.put("measure", choice.measure().name().toLowerCase(Locale.ROOT));
                    model.put("against", choice.against() == null ? "" : choice.against());
                    model.put("periodDays", List.of("7", "30", "90", "365"));
                    if (choice.errorKey() != null) {
                        model.put("errorKey", choice.errorKey());
                        templates.render(ctx, 400, TEMPLATE, model);
                    } else if (ids.isEmpty()) {
                        templates.render(ctx, 200, TEMPLATE, model);
                    } else {
                        compare(ctx, model, ids.stream().map(byId::get).toList(), choice);
                    }
                })
                .onFailure(ctx::fail);
    }

    private Choice choice(RoutingContext ctx, List<Long> ids) {
        Period.Either period = Period.of(ctx, readings.today());
        String measureText = Period.param(ctx, "measure");
        Optional<Measure> measure = measureText == null ? Optional.of(Measure.NET) : Measure.parse(measureText);
        String against = Period.param(ctx, "against");
        String error = null;
        if (period.period().isEmpty()) {
            error = period.errorKey();
        } else if (measure.isEmpty()) {
            error = "compare.error.measure";
        } else if (against != null && !AGAINST_PREVIOUS_YEAR.equals(against)) {
            error = "compare.error.against";
        } else if (against != null && ids.size() != 1) {
            error = "compare.error.againstOne";
        } else if (against == null && ids.size() == 1) {
            error = "compare.error.tooFew";
        }
        return new Choice(ids, period.period(), measure.orElse(Measure.NET), against, error);
    }

    private void compare(RoutingContext ctx, Map<String, Object> model, List<Meter> meters, Choice choice) {
        Period period = choice.period().orElseThrow();
        Optional<Period> earlier = choice.against() == null ? Optional.empty() : Optional.of(period.yearEarlier());
        // One query for every meter and both periods: from the earliest first day to the last day.
        Future<Map<Long, StoredDays>> days = readings.days(meters, earlier.orElse(period).first(), period.last());
        // Euro beside kWh for the meters whose household has tariffs
        Future<Map<Long, BigDecimal>> euros = costs.totals(meters, period.first(), period.last());
        Future<Map<Long, BigDecimal>> earlierEuros = earlier.map(e -> costs.totals(meters, e.first(), e.last()))
                .orElse(Future.succeededFuture(Map.of()));
        Future.all(days, euros, earlierEuros).map(all -> days.result())
                .onSuccess(stored -> {
                    Format fmt = (Format) model.get("fmt");
                    List<ComparisonView.Column> columns = new ArrayList<>();
                    int reference = 0;
                    if (earlier.isPresent()) {
                        Meter meter = meters.get(0);
                        columns.add(column(meter, stored.get(meter.id()), period, periodLabel(fmt, period)));
                        columns.add(column(meter, stored.get(meter.id()), earlier.get(), periodLabel(fmt, earlier.get())));
                        reference = 1;
                        model.put("single", meter);
                    } else {
                        for (Meter meter : meters) {
                            columns.add(column(meter, stored.get(meter.id()), period, meter.label()));
                        }
                    }
                    model.put("periodLabel", periodLabel(fmt, period));
                    model.put("exportQuery", period.query());
                    model.put("groups", ComparisonView.groups(columns, choice.measure(), reference, Page.locale(ctx)));
                    Map<ComparisonView.Column, BigDecimal> columnEuros = new java.util.HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        Map<Long, BigDecimal> source = earlier.isPresent() && i == 1 ? earlierEuros.result() : euros.result();
                        BigDecimal euro = source.get(columns.get(i).meter().id());
                        if (euro != null) {
                            columnEuros.put(columns.get(i), euro);
                        }
                    }
                    model.put("euros", columnEuros);
                    templates.render(ctx, 200, TEMPLATE, model);
                })
                .onFailure(ctx::fail);
    }

    private static ComparisonView.Column column(Meter meter, StoredDays readings, Period period, String label) {
        return new ComparisonView.Column(label, meter,
                DailyData.summary(readings, period.first(), period.last(), DailyData.unitOf(meter)));
    }

    private static String periodLabel(Format fmt, Period period) {
        return fmt.date(period.first()) + " – " + fmt.date(period.last());
    }

    private static Map<Long, List<Meter>> groupByHousehold(List<Meter> meters) {
        Map<Long, List<Meter>> byHousehold = new LinkedHashMap<>();
        meters.forEach(m -> byHousehold.computeIfAbsent(m.householdId(), h -> new ArrayList<>()).add(m));
        return byHousehold;
    }

    /** The picker's fields as they were sent, to fill the form in again. */
    private static Map<String, String> params(RoutingContext ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("days", "month", "year", "from", "to")) {
            String value = Period.param(ctx, name);
            values.put(name, value == null ? "" : value);
        }
        if (values.values().stream().allMatch(String::isEmpty)) {
            values.put("days", Integer.toString(Period.DEFAULT_DAYS));
        }
        return values;
    }
}
