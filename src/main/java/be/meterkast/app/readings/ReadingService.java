package be.meterkast.app.readings;

import be.meterkast.analysis.MeterOverview;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Membership;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Repositories;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the home, meter, compare and export pages and the API read: stored readings turned into local days by
 * the analysis, so that every page, file and API answer shows the same numbers. Never asks Fluvius.
 */
public final class ReadingService {
    /** The home page's small charts cover this many days, ending yesterday. */
    static final int OVERVIEW_DAYS = 60;

    private final Clock clock;
    private final Repositories store;

    public ReadingService(Clock clock, Repositories store) {
        this.clock = clock;
        this.store = store;
    }

    /** Everything the user can see, with each meter's recent days. */
    public record Home(List<Membership> memberships, List<Meter> meters, List<FluviusAccount> accounts,
                       Map<Long, MeterSync> syncs, Map<Long, MeterOverview> overviews) {
    }

    /** A meter over a period: its sync state, account, days and (electricity) monthly peaks. */
    public record MeterPeriod(MeterSync sync, Optional<FluviusAccount> account, PeriodSummary summary,
                              List<MonthlyPeak> peaks) {
    }

    public LocalDate today() {
        return DailyData.today(clock);
    }

    public Future<Home> home(long userId) {
        LocalDate yesterday = today().minusDays(1);
        Future<List<Membership>> memberships = store.households().listForUser(userId);
        Future<List<Meter>> meters = store.meters().listForUser(userId);
        Future<List<FluviusAccount>> accounts = store.accounts().listForUser(userId);
        Future<Map<Long, MeterSync>> syncs = store.meterSync().forUser(userId);
        return Future.all(memberships, meters, accounts, syncs).compose(all ->
                // One query for every meter's recent days (and one for their marks), whatever the number of meters.
                days(meters.result(), yesterday.minusDays(OVERVIEW_DAYS - 1L), yesterday)
                        .map(stored -> {
                            Map<Long, MeterOverview> overviews = new HashMap<>();
                            for (Meter meter : meters.result()) {
                                StoredDays days = stored.get(meter.id());
                                overviews.put(meter.id(), MeterOverview.of(days.readings(), days.incomplete(Resolution.DAY),
                                        LocalDays.BRUSSELS, DailyData.unitOf(meter), yesterday));
                            }
                            return new Home(memberships.result(), meters.result(), accounts.result(), syncs.result(),
                                    overviews);
                        }));
    }

    /** The meter's local days {@code first} to {@code last}, in its unit. */
    public Future<MeterPeriod> meterPeriod(Meter meter, LocalDate first, LocalDate last) {
        Future<StoredDays> days = days(meter, first, last);
        Future<List<MonthlyPeak>> peaks = meter.kind() == MeterKind.ELECTRICITY ? peaks(meter)
                : Future.succeededFuture(List.of());
        Future<MeterSync> sync = store.meterSync().get(meter.id());
        Future<Optional<FluviusAccount>> account = meter.accountId().map(id -> store.accounts().findById(id))
                .orElse(Future.succeededFuture(Optional.empty()));
        return Future.all(sync, days, peaks, account).map(all -> new MeterPeriod(sync.result(), account.result(),
                DailyData.summary(days.result(), first, last, DailyData.unitOf(meter)), peaks.result()));
    }

    /**
     * The meter's monthly peaks: Fluvius' own where it sent them, else the highest of the month's stored
     * quarter-hours (a meter whose data came from files), in month order.
     */
    public Future<List<MonthlyPeak>> peaks(Meter meter) {
        return store.peaks().list(meter.id()).compose(stored -> store.readings()
                .quarterHourPeaks(meter.id(), stored.stream().map(MonthlyPeak::month).toList())
                .map(fromQuarters -> {
                    Map<java.time.YearMonth, MonthlyPeak> byMonth = new java.util.TreeMap<>();
                    fromQuarters.forEach(p -> byMonth.put(p.month(), p));
                    stored.forEach(p -> byMonth.put(p.month(), p));
                    return List.copyOf(byMonth.values());
                }));
    }

    /** The quarter-hours of one local day, and whether the day (or its quarter-hours) came incomplete. */
    public Future<StoredDays> quarterHours(Meter meter, LocalDate day) {
        Future<List<Reading>> quarters = store.readings().quarterHours(meter.id(),
                day.atStartOfDay(LocalDays.BRUSSELS).toInstant(), day.plusDays(1).atStartOfDay(LocalDays.BRUSSELS).toInstant());
        Future<List<IncompleteDay>> incomplete = store.incompleteDays().between(meter.id(), day, day);
        return Future.all(quarters, incomplete).map(all -> new StoredDays(quarters.result(), incomplete.result()));
    }

    /**
     * The daily readings of the meters' days {@code first} to {@code last}, by meter id; two queries. A day
     * without daily values has the sum of its quarter-hours (or hours) instead.
     */
    public Future<Map<Long, StoredDays>> days(List<Meter> meters, LocalDate first, LocalDate last) {
        List<Long> ids = meters.stream().map(Meter::id).toList();
        Future<Map<Long, List<Reading>>> days = store.readings().dailyFigures(ids, DailyData.from(first), DailyData.to(last));
        Future<Map<Long, List<IncompleteDay>>> incomplete = store.incompleteDays().between(ids, first, last);
        return Future.all(days, incomplete).map(all -> {
            Map<Long, StoredDays> byMeter = new LinkedHashMap<>();
            ids.forEach(id -> byMeter.put(id, new StoredDays(days.result().get(id), incomplete.result().get(id))));
            return byMeter;
        });
    }

    /** The stored daily readings of the meter's days {@code first} to {@code last}, with its incomplete days. */
    public Future<StoredDays> days(Meter meter, LocalDate first, LocalDate last) {
        return days(List.of(meter), first, last).map(byMeter -> byMeter.get(meter.id()));
    }

    /** The meter's incomplete days from {@code first} to {@code last}, at any resolution. */
    public Future<List<IncompleteDay>> incompleteDays(Meter meter, LocalDate first, LocalDate last) {
        return store.incompleteDays().between(meter.id(), first, last);
    }

    /**
     * Whole days (as {@link #days(Meter, LocalDate, LocalDate)} gives them: summed from quarter-hours where a
     * day has no daily values) or quarter-hours as stored, whose local day lies in [first, last], for the API.
     * The database picks the resolution and does the sums: no quarter-hour row comes back for a daily view.
     */
    public Future<List<Reading>> readings(Meter meter, LocalDate first, LocalDate last, boolean quarterHours) {
        Future<List<Reading>> chosen = quarterHours
                ? store.readings().quarterHours(meter.id(), DailyData.from(first), DailyData.to(last))
                : days(meter, first, last).map(StoredDays::readings);
        return chosen.map(all -> all.stream()
                .filter(r -> !DailyData.dayOf(r).isBefore(first) && !DailyData.dayOf(r).isAfter(last))
                .toList());
    }
}
