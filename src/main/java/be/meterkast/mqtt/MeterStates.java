package be.meterkast.mqtt;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.costs.Costs;
import be.meterkast.analysis.costs.Missing;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.app.readings.StoredDays;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Repositories;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * A meter's figures as Home Assistant reads them: one JSON object, published retained to the meter's state
 * topic, whose keys are the {@link Discovery.Sensor} keys. Everything comes from PostgreSQL through the
 * services the pages use, so Home Assistant shows the numbers the meter page shows.
 *
 * <p>"This month" is the month of the newest day with data: Fluvius publishes a day late, so on the 1st the
 * month that just ended is still the one with figures.
 */
final class MeterStates {
    static final String OK = "ok";
    static final String LOADING_HISTORY = "loading_history";
    static final String ERROR = "error";
    static final String WAITING = "waiting";
    static final String FILES_ONLY = "files_only";
    static final String NO_ACCOUNT = "no_account";
    /** Every sync status a state may carry: the options of the enum sensor in discovery. */
    static final List<String> SYNC_STATUSES = List.of(OK, LOADING_HISTORY, ERROR, WAITING, FILES_ONLY, NO_ACCOUNT);
    /** Without these the energy line is not priced: a total without it would look like a real bill, so unknown. */
    private static final java.util.Set<Missing> UNPRICED_ENERGY = java.util.EnumSet.of(Missing.TARIFF, Missing.GAS_KWH,
            Missing.GAS_PRICE, Missing.DAY_PRICE, Missing.NIGHT_PRICE, Missing.SINGLE_PRICE);
    /** Lifetime counters sum every stored day from here; no meter has data before it. */
    private static final LocalDate HISTORY_START = LocalDate.of(2000, 1, 1);

    private final Repositories store;
    private final ReadingService readings;
    private final CostService costs;

    MeterStates(Repositories store, ReadingService readings, CostService costs) {
        this.store = store;
        this.readings = readings;
        this.costs = costs;
    }

    /** The meter's state, and whether its household has tariffs (so its cost sensor exists). */
    record State(JsonObject json, boolean withCost) {
    }

    Future<State> of(Meter meter) {
        Future<MeterSync> sync = store.meterSync().get(meter.id());
        Future<List<TariffPeriod>> tariffs = costs.tariffs(meter.householdId());
        Future<Optional<LocalDate>> newest = newestDay(meter);
        return Future.all(sync, tariffs, newest).compose(all -> {
            JsonObject json = new JsonObject();
            syncStatus(meter, sync.result(), json);
            boolean withCost = !tariffs.result().isEmpty();
            if (newest.result().isEmpty()) {
                empty(meter, json);
                return Future.succeededFuture(new State(json, withCost));
            }
            return figures(meter, newest.result().get(), sync.result(), withCost, json).map(new State(json, withCost));
        });
    }

    /** Home Assistant's "unknown" for every figure: JSON null renders as {@code None}. */
    private static void empty(Meter meter, JsonObject json) {
        for (Discovery.Sensor sensor : Discovery.Sensor.of(meter.kind())) {
            if (sensor != Discovery.Sensor.SYNC_STATUS) {
                json.putNull(sensor.key);
            }
        }
        json.put("day_attributes", new JsonObject()).put("peak_attributes", new JsonObject())
                .put("cost_attributes", new JsonObject()).putNull("day_start").putNull("month_start");
    }

    /** The newest (gas) day of any stored reading; its figures may still come from quarter-hours only. */
    private Future<Optional<LocalDate>> newestDay(Meter meter) {
        return store.readings().lastPeriodEnd(meter.id()).map(end -> end.map(e -> LocalDays.dayOf(e.minusSeconds(1),
                LocalDays.BRUSSELS, LocalDays.dayStart(meter.kind()))));
    }

    /** Figures are published as stored (their sums are exact), in kWh, or in the gas meter's unit. */
    private Future<Void> figures(Meter meter, LocalDate candidate, MeterSync sync, boolean withCost, JsonObject json) {
        LocalDate first = candidate.minusMonths(1).withDayOfMonth(1);
        return readings.meterPeriod(meter, first, candidate).compose(period -> {
            List<DailyUsage> days = period.summary().days();
            if (days.isEmpty()) {
                empty(meter, json);
                return Future.succeededFuture();
            }
            DailyUsage newest = days.get(days.size() - 1);
            YearMonth month = YearMonth.from(newest.day());
            List<DailyUsage> monthDays = days.stream().filter(d -> YearMonth.from(d.day()).equals(month)).toList();
            json.put("day", newest.day().toString())
                    .put("day_attributes", new JsonObject().put("status", newest.status())
                            .put("incomplete", newest.incomplete().map(Enum::name).orElse(null)))
                    .put("day_start", start(meter, newest.day()))
                    .put("month_start", start(meter, month.atDay(1)));
            if (meter.electricity()) {
                json.put("offtake_day", newest.offtakeDay()).put("offtake_night", newest.offtakeNight())
                        .put("injection_day", newest.injectionDay()).put("injection_night", newest.injectionNight())
                        .put("net", newest.net())
                        .put("month_offtake", sum(monthDays, DailyUsage::totalOfftake))
                        .put("month_injection", sum(monthDays, DailyUsage::totalInjection))
                        .put("month_net", sum(monthDays, DailyUsage::net));
                peaks(period.peaks(), month, json);
            } else {
                json.put("gas", newest.totalOfftake()).put("month_gas", sum(monthDays, DailyUsage::totalOfftake));
            }
            Future<Void> cost = withCost ? cost(meter, month, newest.day(), json) : Future.succeededFuture();
            return cost.compose(v -> lifetime(meter, sync, newest.day(), json));
        });
    }

    private static void peaks(List<MonthlyPeak> peaks, YearMonth month, JsonObject json) {
        Optional<CapacityTariff.Row> row = CapacityTariff.rows(peaks).stream()
                .filter(r -> r.peak().month().equals(month)).findFirst();
        json.put("peak", row.map(r -> kw(r.peak().kilowatts())).orElse(null))
                .put("peak_average", row.map(r -> kw(r.runningAverage())).orElse(null))
                .put("peak_attributes", row.map(r -> new JsonObject().put("month", month.toString())
                        .put("start", r.peak().start().toString()).put("end", r.peak().end().toString())
                        .put("months_in_average", r.monthsInAverage())).orElse(new JsonObject()));
    }

    /**
     * The month so far, as the costs page prices it (capacity and fixed fees counted on every day); what could not
     * be counted in the attributes, and unknown when the energy itself could not be priced.
     */
    private Future<Void> cost(Meter meter, YearMonth month, LocalDate through, JsonObject json) {
        return costs.costs(meter, month.atDay(1), through).map(priced -> {
            boolean energyPriced = priced.missing().keySet().stream().noneMatch(UNPRICED_ENERGY::contains);
            json.put("cost_month", energyPriced ? priced.total().rounded().total() : null)
                    .put("cost_attributes", new JsonObject().put("month", month.toString())
                            .put("through", through.toString()).put("missing", missing(priced)));
            return null;
        });
    }

    private static JsonArray missing(Costs priced) {
        JsonArray what = new JsonArray();
        priced.missing().keySet().stream().map(Missing::name).map(String::toLowerCase).forEach(what::add);
        return what;
    }

    /**
     * Every stored day summed, once the backfill is done: published while history still pours in, each step would
     * be booked by Home Assistant's energy dashboard as energy used in the hour it arrived. Before that: unknown.
     */
    private Future<Void> lifetime(Meter meter, MeterSync sync, LocalDate newest, JsonObject json) {
        String offtakeKey = meter.electricity() ? "offtake_total" : "gas_total";
        if (!sync.backfillDone() && !meter.filesOnly()) {
            json.putNull(offtakeKey);
            if (meter.electricity()) {
                json.putNull("injection_total");
            }
            return Future.succeededFuture();
        }
        return readings.days(meter, HISTORY_START, newest).map(stored -> {
            List<DailyUsage> days = daily(meter, stored);
            json.put(offtakeKey, sum(days, DailyUsage::totalOfftake));
            if (meter.electricity()) {
                json.put("injection_total", sum(days, DailyUsage::totalInjection));
            }
            return null;
        });
    }

    private static List<DailyUsage> daily(Meter meter, StoredDays stored) {
        return DailyAnalysis.daily(DailyAnalysis.wholeDays(stored.readings()), LocalDays.BRUSSELS, meter.unit());
    }

    private static void syncStatus(Meter meter, MeterSync sync, JsonObject json) {
        String status;
        if (meter.filesOnly()) {
            status = FILES_ONLY;
        } else if (meter.accountId().isEmpty()) {
            status = NO_ACCOUNT;
        } else if (sync.lastError().isPresent()) {
            status = ERROR;
        } else if (sync.loadingHistory()) {
            status = LOADING_HISTORY;
        } else if (sync.lastSuccessAt().isEmpty()) {
            status = WAITING;
        } else {
            status = OK;
        }
        JsonObject attributes = new JsonObject()
                .put("last_success", sync.lastSuccessAt().map(Instant::toString).orElse(null))
                .put("last_error", sync.lastError().orElse(null))
                .put("next_run", sync.nextRunAt().map(Instant::toString).orElse(null));
        if (sync.loadingHistory()) {
            attributes.put("progress_percent", 100 * sync.progressDone() / Math.max(1, sync.progressTotal()));
        }
        json.put("sync_status", status).put("sync_attributes", attributes);
    }

    private static String start(Meter meter, LocalDate day) {
        return LocalDays.start(day, LocalDays.BRUSSELS, LocalDays.dayStart(meter.kind())).atZone(LocalDays.BRUSSELS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static BigDecimal sum(List<DailyUsage> days, java.util.function.Function<DailyUsage, BigDecimal> figure) {
        return days.stream().map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal kw(BigDecimal value) {
        return value.setScale(3, RoundingMode.HALF_UP);
    }
}
