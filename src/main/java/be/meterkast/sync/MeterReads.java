package be.meterkast.sync;

import be.meterkast.analysis.DayCompleteness;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.Granularity;
import be.meterkast.fluvius.History;
import be.meterkast.fluvius.HistoryQuery;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.MonthlyPeakRepository;
import be.meterkast.store.ReadingRepository;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.GasHours;
import be.meterkast.sync.BackfillPlan.Peaks;
import be.meterkast.sync.BackfillPlan.Position;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import be.meterkast.sync.BackfillPlan.Read;
import be.meterkast.sync.SyncCounters.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The steps of one meter's run: the backfill, step by step with its progress saved after each, and the
 * incremental re-read; each read from Fluvius stored before the next. Thread-safe.
 */
final class MeterReads {
    private final Vertx vertx;
    private final FluviusClient client;
    private final TokenCache tokens;
    private final RequestPacer pacer;
    private final MeterSyncRepository syncs;
    private final ReadingRepository readings;
    private final MonthlyPeakRepository peaks;
    private final SyncSettings settings;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final Map<Outcome, AtomicLong> requestCounts = new EnumMap<>(Outcome.class);

    /** {@code stopping} says when the service is stopping, so a run ends between two steps. */
    MeterReads(Vertx vertx, FluviusClient client, TokenCache tokens, RequestPacer pacer, MeterSyncRepository syncs,
               ReadingRepository readings, MonthlyPeakRepository peaks, SyncSettings settings, Clock clock,
               BooleanSupplier stopping) {
        this.vertx = vertx;
        this.client = client;
        this.tokens = tokens;
        this.pacer = pacer;
        this.syncs = syncs;
        this.readings = readings;
        this.peaks = peaks;
        this.settings = settings;
        this.clock = clock;
        this.stopping = stopping;
        for (Outcome outcome : Outcome.values()) {
            requestCounts.put(outcome, new AtomicLong());
        }
    }

    /** Raised between steps when the service is stopping: the run ends without recording anything. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("sync stopping", null, false, false);
        }
    }

    /** The data requests so far, by outcome. */
    Map<Outcome, Long> requestCounts() {
        Map<Outcome, Long> requests = new EnumMap<>(Outcome.class);
        requestCounts.forEach((outcome, count) -> requests.put(outcome, count.get()));
        return requests;
    }

    Future<Void> backfill(Meter meter, MeterSync state) {
        BackfillPlan plan = new BackfillPlan(meter.kind(), settings);
        LocalDate today = today();
        Optional<Position> at = state.backfillCursor().map(oldest -> new Position(oldest,
                state.backfillNewest().orElse(today.minusDays(1))));
        Future<Void> started = state.progressTotal() > 0 ? Future.succeededFuture()
                : historyStart(meter).compose(start -> saveProgress(meter, at, 0, plan.remaining(at, start, today)));
        return started.compose(v -> backfillFrom(meter, plan, at, state.progressDone()));
    }

    private Future<Void> backfillFrom(Meter meter, BackfillPlan plan, Optional<Position> at, int done) {
        if (stopping.getAsBoolean()) {
            return Future.failedFuture(new Stopped());
        }
        LocalDate today = today();
        return historyStart(meter).compose(start -> {
            BackfillPlan.Step step = plan.next(at, start, today);
            return readAll(meter, step.reads(), 0).compose(records -> {
                int nowDone = done + 1;
                if (step.probes() && records == 0) {
                    // Fluvius has nothing for this stretch: the history starts after it, so no further back. The
                    // position stays before the stretch, so a restart in between asks for it once more, no more.
                    return readAll(meter, plan.last(at, today).reads(), 0).compose(v -> finished(meter, nowDone + 1));
                }
                if (step.finishes()) {
                    return finished(meter, nowDone);
                }
                Optional<Position> next = step.next();
                // Saving the step also ends the meter's row of failures (MeterSyncRepository.saveProgress):
                // progress that would be lost on a restart is no progress
                return historyStart(meter)
                        .compose(first -> saveProgress(meter, next, nowDone, nowDone + plan.remaining(next, first, today)))
                        .compose(saved -> backfillFrom(meter, plan, next, nowDone));
            });
        });
    }

    /** Done, at 100 %: a history that ends early finishes below the total first announced. */
    private Future<Void> finished(Meter meter, int done) {
        return syncs.saveProgress(meter.id(), true, Optional.empty(), Optional.empty(), done, done);
    }

    private Future<Void> saveProgress(Meter meter, Optional<Position> at, int done, int total) {
        return syncs.saveProgress(meter.id(), false, at.map(Position::oldest), at.map(Position::newest), done, total);
    }

    /** The first (gas) day with daily values stored: the detail window goes no further back. */
    private Future<Optional<LocalDate>> historyStart(Meter meter) {
        return readings.firstDayStart(meter.id()).map(first -> first.map(start -> LocalDate.ofInstant(start,
                settings.zone())));
    }

    /**
     * Re-reads the trailing window, so estimated values are replaced by validated ones and late gas
     * arrives; electricity also refreshes this and last month's peaks. Incomplete days older than the
     * window are read again too, until Fluvius serves them whole.
     */
    Future<Void> incremental(Meter meter) {
        LocalDate today = today();
        LocalDate end = today.minusDays(1);
        LocalDate first = today.minusDays(meter.kind() == MeterKind.GAS ? settings.gasWindowDays()
                : settings.electricityWindowDays());
        List<Read> reads = new ArrayList<>();
        reads.add(new Daily(first, end));
        if (meter.kind() == MeterKind.GAS) {
            // the hours of the gas days that came late or were corrected, as the backfill read them
            for (LocalDate day : LocalDays.between(first, end)) {
                reads.add(new GasHours(day));
            }
        } else {
            for (LocalDate day : LocalDays.between(first, end)) {
                reads.add(new QuarterHours(day));
            }
            reads.add(new Peaks(YearMonth.from(end).minusMonths(1).atDay(1), end));
        }
        return readings.incompleteDays().all(meter.id()).compose(marks -> {
            reads.addAll(IncompleteRereads.before(first, marks));
            return readAll(meter, reads, 0).mapEmpty();
        });
    }

    /**
     * The reads one after another, stopping between two when the service stops; how many daily records
     * Fluvius sent, so the backfill can tell where a meter's history ends.
     */
    private Future<Integer> readAll(Meter meter, List<Read> reads, int index) {
        if (index == reads.size()) {
            return Future.succeededFuture(0);
        }
        if (stopping.getAsBoolean() && index > 0) {
            return Future.failedFuture(new Stopped());
        }
        return read(meter, reads.get(index)).compose(records -> readAll(meter, reads, index + 1)
                .map(rest -> records + rest));
    }

    /** One read, stored; the number of daily records received (0 for the other kinds of read). */
    private Future<Integer> read(Meter meter, Read read) {
        long accountId = meter.accountId().orElseThrow();
        if (read instanceof Daily daily) {
            return fetch(meter, daily.first(), daily.last(), Granularity.DAILY)
                    .compose(history -> saveDays(meter, daily, history.measurements()).map(history.raw().size()));
        }
        if (read instanceof QuarterHours quarterHours) {
            return fetch(meter, quarterHours.day(), quarterHours.day(), Granularity.QUARTER_HOUR)
                    .compose(history -> saveIntervals(meter, Resolution.QUARTER_HOUR, quarterHours.day(),
                            history.measurements()).map(0));
        }
        if (read instanceof GasHours gasHours) {
            return fetch(meter, gasHours.gasDay(), gasHours.gasDay(), Granularity.HOURLY)
                    .compose(history -> saveIntervals(meter, Resolution.HOUR, gasHours.gasDay(),
                            history.measurements()).map(0));
        }
        Peaks range = (Peaks) read;
        return call(accountId, token -> client.monthlyPeaks(token, meter.ref(), range.first(), range.last(),
                settings.zone()))
                .compose(list -> peaks.upsert(meter.id(), list.peaks())).map(0);
    }

    /** One history request; storing it is the caller's, with its days' completeness. */
    private Future<History> fetch(Meter meter, LocalDate first, LocalDate last, Granularity granularity) {
        HistoryQuery query = new HistoryQuery(meter.ref(), meter.kind(), first, last, settings.zone(), granularity);
        return call(meter.accountId().orElseThrow(), token -> client.history(token, query));
    }

    /**
     * Stores a daily response and which of its days were whole, judged against the meter's stored days
     * around it (see {@link DayCompleteness}).
     */
    private Future<Void> saveDays(Meter meter, Daily daily, Measurements fetched) {
        LocalTime dayStart = LocalDays.dayStart(meter.kind());
        Instant from = LocalDays.start(daily.first().minusDays(DayCompleteness.NEIGHBOURHOOD_DAYS), settings.zone(), dayStart);
        Instant to = LocalDays.start(daily.last().plusDays(DayCompleteness.NEIGHBOURHOOD_DAYS + 1L), settings.zone(), dayStart);
        return readings.days(meter.id(), from, to).compose(stored -> {
            var verdict = DayCompleteness.daily(meter.kind(), meter.unit(), settings.zone(), fetched, stored);
            return readings.upsert(meter.id(), fetched.readings())
                    .compose(n -> readings.incompleteDays().record(meter.id(), verdict.resolution(), verdict.whole(),
                            verdict.incomplete()));
        });
    }

    /** Stores one (gas) day's quarter-hours or hours and whether the day had all of them. */
    private Future<Void> saveIntervals(Meter meter, Resolution resolution, LocalDate day, Measurements fetched) {
        // Gas comes some 3 days late, electricity the next day: the newest of them may still be coming in
        boolean arriving = !day.isBefore(today().minusDays(meter.kind() == MeterKind.GAS ? 4 : 1));
        var verdict = DayCompleteness.intervals(meter.kind(), meter.unit(), settings.zone(), resolution, day, fetched,
                arriving);
        return readings.upsert(meter.id(), fetched.readings())
                .compose(n -> readings.incompleteDays().record(meter.id(), verdict.resolution(), verdict.whole(),
                        verdict.incomplete()));
    }

    /**
     * One data request: with a token from the cache, counted by outcome, and paced per account. The pace is
     * kept around the request itself, so a sign-in does not use up a slot and the retry after a 401 waits
     * for one like any other request.
     */
    private <T> Future<T> call(long accountId, Function<String, Future<T>> request) {
        return attempt(accountId, request, 1);
    }

    /**
     * One try of a data request, and the next after a short wait while {@link FailurePolicy#retryWithinRun}
     * allows it. Only a failure of the request itself is tried again: a failed sign-in is the token cache's
     * and the schedule's to repeat, since bursts of sign-ins are what gets an address blocked.
     */
    private <T> Future<T> attempt(long accountId, Function<String, Future<T>> request, int attempt) {
        AtomicReference<Throwable> requestFailure = new AtomicReference<>();
        return tokens.withToken(accountId, token -> pacer.permit(accountId)
                        .compose(v -> request.apply(token).onFailure(requestFailure::set)))
                .andThen(result -> requestCounts.get(FailurePolicy.outcome(result.cause())).incrementAndGet())
                .recover(failure -> {
                    Optional<Duration> retry = failure != requestFailure.get() || stopping.getAsBoolean()
                            ? Optional.empty()
                            : FailurePolicy.retryWithinRun(attempt, failure, settings, ThreadLocalRandom.current().nextDouble());
                    if (retry.isEmpty()) {
                        return Future.failedFuture(failure);
                    }
                    return vertx.timer(Math.max(1, retry.get().toMillis()))
                            .compose(fired -> attempt(accountId, request, attempt + 1));
                });
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }
}
