package be.meterkast.app.costs;

import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.costs.CostCalculation;
import be.meterkast.analysis.costs.Costs;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.StoredDays;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import io.vertx.core.Future;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** The meter's days {@code first} to {@code last} priced with its household's tariff periods. */
    public Future<Costs> costs(Meter meter, LocalDate first, LocalDate last) {
        Future<List<TariffPeriod>> periods = tariffs(meter.householdId());
        Future<List<Reading>> readings = store.readings().days(meter.id(), DailyData.from(first), DailyData.to(last));
        Future<List<IncompleteDay>> incomplete = store.incompleteDays().between(meter.id(), first, last);
        Future<List<MonthlyPeak>> peaks = meter.electricity() ? store.peaks().list(meter.id())
                : Future.succeededFuture(List.of());
        return Future.all(periods, readings, incomplete, peaks).map(all -> {
            List<Reading> whole = DailyAnalysis.wholeDays(readings.result());
            // Costs are in kWh for gas too: Fluvius' own kWh values, never m³ times a guessed factor.
            List<DailyUsage> kwh = DailyAnalysis.markIncomplete(DailyAnalysis.daily(whole, LocalDays.BRUSSELS, Unit.KWH),
                    new StoredDays(List.of(), incomplete.result()).incomplete(Resolution.DAY));
            Set<LocalDate> withKwh = new HashSet<>();
            kwh.forEach(d -> withKwh.add(d.day()));
            Set<LocalDate> otherUnitOnly = new HashSet<>();
            DailyAnalysis.daily(whole, LocalDays.BRUSSELS, Unit.M3).stream().map(DailyUsage::day)
                    .filter(day -> !withKwh.contains(day)).forEach(otherUnitOnly::add);
            return CostCalculation.costs(new CostCalculation.Input(meter.kind(), first, last, kwh, otherUnitOnly,
                    peaks.result(), periods.result()));
        });
    }
}
