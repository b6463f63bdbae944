package be.meterkast.app.costs;

import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.costs.CapacityOverview;
import be.meterkast.analysis.costs.CostCalculation;
import be.meterkast.analysis.costs.CostLines;
import be.meterkast.analysis.costs.Costs;
import be.meterkast.analysis.costs.DayCost;
import be.meterkast.app.imports.LineSource;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.StoredDays;
import be.meterkast.domain.DayAheadPrice;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.DayAheadPriceRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A household's tariff periods, and what a meter's days cost under them (for the costs page and the API alike).
 * Access is the caller's: routes check ownership or membership first.
 */
public final class CostService {
    private final Repositories store;

    public CostService(Repositories store) {
        this.store = store;
    }

    /** Oldest first. */
    public Future<List<TariffPeriod>> tariffs(long householdId) {
        return store.tariffs().list(householdId);
    }

    /** The household's periods become {@code periods} (checked by {@link TariffInput}), all at once. */
    public Future<List<TariffPeriod>> replaceTariffs(long householdId, List<TariffPeriod> periods) {
        return store.inTransaction(tx -> tx.tariffs().replace(householdId, periods))
                .compose(replaced -> tariffs(householdId));
    }

    /** What a price file brought: how many prices, the time they cover, and whether per quarter-hour. */
    public record PriceImport(int prices, Instant from, Instant to, boolean quarterHours) {
    }

    /**
     * Reads a day-ahead price file whole ({@link PriceFile}), then replaces the stored prices of the time it covers
     * in one transaction; a wrong line fails with {@link PriceFile.Refused} and nothing is stored.
     */
    public Future<PriceImport> importPrices(LineSource file) {
        PriceFile parser = new PriceFile();
        return file.lines(line -> {
            parser.line(line);
            return null;
        }).compose(read -> {
            List<DayAheadPrice> prices = parser.prices();
            Instant from = prices.get(0).start();
            Instant to = prices.get(prices.size() - 1).end();
            boolean quarters = prices.stream().anyMatch(p -> Duration.between(p.start(), p.end()).toMinutes() == 15);
            return store.inTransaction(tx -> tx.dayAheadPrices().replace(from, to, prices))
                    .map(stored -> new PriceImport(prices.size(), from, to, quarters));
        });
    }

    /**
     * Who may import day-ahead prices: they are the market's, the same for every household of the instance, so
     * only an administrator. An owner would not do: anyone may create a household (and with open registration
     * anyone may sign up), and one household's file would change every other household's dynamic bill.
     */
    public static boolean mayImportPrices(boolean admin) {
        return admin;
    }

    /** The day-ahead prices stored, if any: from when to when. */
    public Future<Optional<DayAheadPriceRepository.Coverage>> priceCoverage() {
        return store.dayAheadPrices().coverage();
    }

    /** The day-ahead prices of the local days {@code first} to {@code last}. */
    public Future<List<DayAheadPrice>> dayAheadPrices(LocalDate first, LocalDate last) {
        return store.dayAheadPrices().between(DailyData.from(first), DailyData.to(last));
    }

    /** The meter's days {@code first} to {@code last} priced with its household's tariff periods. */
    public Future<Costs> costs(Meter meter, LocalDate first, LocalDate last) {
        return tariffs(meter.householdId()).compose(periods -> costs(meter, first, last, periods));
    }

    /** The meter's days {@code first} to {@code last} in kWh and in euro, for the month and year views. */
    public Future<PricedDays> pricedDays(Meter meter, LocalDate first, LocalDate last) {
        return tariffs(meter.householdId()).compose(periods -> priced(meter, first, last, periods));
    }

    /**
     * What each meter whose household has tariffs cost over {@code first} to {@code last}, by meter id, in euro to
     * the cent (VAT included); meters without tariffs are left out, so pages show kWh alone for them.
     */
    public Future<Map<Long, BigDecimal>> totals(List<Meter> meters, LocalDate first, LocalDate last) {
        return withTariffs(meters).compose(priced -> {
            Map<Long, Future<Costs>> each = new LinkedHashMap<>();
            priced.forEach((meter, periods) -> each.put(meter.id(), costs(meter, first, last, periods)));
            return Future.all(List.copyOf(each.values())).map(all -> {
                Map<Long, BigDecimal> totals = new LinkedHashMap<>();
                each.forEach((id, costs) -> totals.put(id, costs.result().total().rounded().total()));
                return totals;
            });
        });
    }

    /** The home page's two figures: the last 7 and the last 30 days up to {@code lastDay}, by meter id. */
    public record Recent(BigDecimal week, BigDecimal month) {
    }

    public Future<Map<Long, Recent>> recent(List<Meter> meters, LocalDate lastDay) {
        LocalDate weekFrom = lastDay.minusDays(6);
        return withTariffs(meters).compose(priced -> {
            Map<Long, Future<Costs>> each = new LinkedHashMap<>();
            priced.forEach((meter, periods) -> each.put(meter.id(), costs(meter, lastDay.minusDays(29), lastDay, periods)));
            return Future.all(List.copyOf(each.values())).map(all -> {
                Map<Long, Recent> recent = new LinkedHashMap<>();
                each.forEach((id, month) -> {
                    Costs costs = month.result();
                    BigDecimal week = costs.days().stream().filter(d -> !d.day().isBefore(weekFrom))
                            .map(DayCost::lines)
                            .reduce(CostLines.ZERO, CostLines::plus)
                            .rounded().total();
                    recent.put(id, new Recent(week, costs.total().rounded().total()));
                });
                return recent;
            });
        });
    }

    /** The meters whose household has tariff periods, with them; one query per household. */
    private Future<Map<Meter, List<TariffPeriod>>> withTariffs(List<Meter> meters) {
        Map<Long, Future<List<TariffPeriod>>> byHousehold = new LinkedHashMap<>();
        meters.forEach(m -> byHousehold.computeIfAbsent(m.householdId(), this::tariffs));
        return Future.all(List.copyOf(byHousehold.values())).map(all -> {
            Map<Meter, List<TariffPeriod>> priced = new LinkedHashMap<>();
            for (Meter m : meters) {
                List<TariffPeriod> periods = byHousehold.get(m.householdId()).result();
                if (!periods.isEmpty()) {
                    priced.put(m, periods);
                }
            }
            return priced;
        });
    }

    /** Days in kWh (gas: Fluvius' kWh values) and what they cost. */
    public record PricedDays(Costs costs, List<DailyUsage> usage) {
    }

    private Future<Costs> costs(Meter meter, LocalDate first, LocalDate last, List<TariffPeriod> tariffs) {
        return priced(meter, first, last, tariffs).map(PricedDays::costs);
    }

    private Future<PricedDays> priced(Meter meter, LocalDate first, LocalDate last, List<TariffPeriod> tariffs) {
        Future<List<TariffPeriod>> periods = Future.succeededFuture(tariffs);
        // A dynamic period needs the quarter-hours and the day-ahead prices of its days; others never read them.
        Optional<LocalDate> dynamicFrom = meter.electricity() ? firstDynamicDay(tariffs, first, last) : Optional.empty();
        Future<List<Reading>> intervals = dynamicFrom.map(from -> store.readings()
                        .readings(meter.id(), DailyData.from(from), DailyData.to(last)))
                .orElse(Future.succeededFuture(List.of()));
        Future<List<DayAheadPrice>> prices = dynamicFrom.map(from -> dayAheadPrices(from, last))
                .orElse(Future.succeededFuture(List.of()));
        Future<List<Reading>> readings = store.readings().dailyFigures(List.of(meter.id()), DailyData.from(first),
                DailyData.to(last)).map(byMeter -> byMeter.get(meter.id()));
        Future<List<IncompleteDay>> incomplete = store.incompleteDays().between(meter.id(), first, last);
        Future<List<MonthlyPeak>> peaks = meter.electricity() ? peaks(meter).map(MeterPeaks::used)
                : Future.succeededFuture(List.of());
        return Future.all(List.of(periods, readings, incomplete, peaks, intervals, prices)).map(all -> {
            List<Reading> whole = DailyAnalysis.wholeDays(readings.result());
            // Costs are in kWh for gas too: Fluvius' own kWh values, never m³ times a guessed factor.
            List<DailyUsage> kwh = DailyAnalysis.markIncomplete(DailyAnalysis.daily(whole, LocalDays.BRUSSELS, Unit.KWH),
                    new StoredDays(List.of(), incomplete.result()).incomplete(Resolution.DAY));
            Set<LocalDate> withKwh = new HashSet<>();
            kwh.forEach(d -> withKwh.add(d.day()));
            Set<LocalDate> otherUnitOnly = new HashSet<>();
            DailyAnalysis.daily(whole, LocalDays.BRUSSELS, Unit.M3).stream().map(DailyUsage::day)
                    .filter(day -> !withKwh.contains(day)).forEach(otherUnitOnly::add);
            return new PricedDays(CostCalculation.costs(new CostCalculation.Input(meter.kind(), first, last, kwh,
                    otherUnitOnly, peaks.result(), periods.result(), intervals.result(), prices.result())), kwh);
        });
    }

    /**
     * An electricity meter's monthly peaks both ways: Fluvius' own (its "spikes") and the highest stored
     * quarter-hour of each month; costs use Fluvius' where it sent one, else the quarter-hours'.
     */
    public record MeterPeaks(List<MonthlyPeak> fluvius, List<MonthlyPeak> quarterHours) {
        public List<MonthlyPeak> used() {
            Map<YearMonth, MonthlyPeak> byMonth = new TreeMap<>();
            quarterHours.forEach(p -> byMonth.put(p.month(), p));
            fluvius.forEach(p -> byMonth.put(p.month(), p));
            return List.copyOf(byMonth.values());
        }
    }

    public Future<MeterPeaks> peaks(Meter meter) {
        Future<List<MonthlyPeak>> fluvius = store.peaks().list(meter.id());
        Future<List<MonthlyPeak>> quarters = store.readings().quarterHourPeaks(meter.id(), List.of());
        return Future.all(fluvius, quarters).map(all -> new MeterPeaks(fluvius.result(), quarters.result()));
    }

    /**
     * An electricity meter's capacity tariff in euro on {@code today}: per month, this month so far, and what capping
     * every monthly peak at {@code capKw} would save a year.
     */
    public Future<CapacityOverview.Overview> capacity(Meter meter, LocalDate today, Optional<BigDecimal> capKw) {
        Future<MeterPeaks> peaks = peaks(meter);
        Future<List<TariffPeriod>> periods = tariffs(meter.householdId());
        return Future.all(peaks, periods).map(all -> CapacityOverview.of(peaks.result().fluvius(),
                peaks.result().quarterHours(), periods.result(), today, capKw));
    }

    /** The first day in [first, last] priced by a dynamic period, if any is. */
    static Optional<LocalDate> firstDynamicDay(List<TariffPeriod> sorted, LocalDate first, LocalDate last) {
        for (int i = 0; i < sorted.size(); i++) {
            TariffPeriod p = sorted.get(i);
            LocalDate end = i + 1 < sorted.size() ? sorted.get(i + 1).validFrom().minusDays(1) : last;
            if (p.dynamic().isPresent() && !end.isBefore(first) && !p.validFrom().isAfter(last)) {
                return Optional.of(p.validFrom().isAfter(first) ? p.validFrom() : first);
            }
        }
        return Optional.empty();
    }
}
