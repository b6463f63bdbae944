package be.meterkast.sync;

import be.meterkast.analysis.DayCompleteness;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.Granularity;
import be.meterkast.fluvius.HistoryQuery;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.MonthlyPeakRepository;
import be.meterkast.store.ReadingRepository;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.Peaks;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import be.meterkast.sync.BackfillPlan.Read;
import be.meterkast.sync.SyncCounters.Outcome;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Function;

/**
 * The steps of one meter's run: the backfill, step by step with its progress saved after each, and the
 * incremental re-read; each read from Fluvius stored before the next. Thread-safe.
 */
final class MeterReads {
    private final FluviusClient client;
    private final TokenCache tokens;
    private final RequestPacer pacer;
    private final MeterSyncRepository syncs;
    private final ReadingRepository readings;
    private final MonthlyPeakRepository peaks;
    private final SyncSettings settings;
    private final Clock clock;
    private final BooleanSupplier stopping;
    /** Told after every backfill step that worked: progress, not only a whole run, ends a row of failures. */
    private final LongConsumer stepDone;
    private final Map<Outcome, AtomicLong> requestCounts = new EnumMap<>(Outcome.class);

    /** {@code stopping} says when the service is stopping, so a run ends between two steps. */
    MeterReads(FluviusClient client, TokenCache tokens, RequestPacer pacer, MeterSyncRepository syncs,
               ReadingRepository readings, MonthlyPeakRepository peaks, SyncSettings settings, Clock clock,
               BooleanSupplier stopping, LongConsumer stepDone) {
        this.stepDone = stepDone;
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
        Optional<LocalDate> cursor = state.backfillCursor();
        Future<Void> started = state.progressTotal() > 0 ? Future.succeededFuture()
                : syncs.saveProgress(meter.id(), false, cursor, 0, plan.remaining(cursor, today()));
        return started.compose(v -> backfillFrom(meter, plan, cursor, state.progressDone()));
    }

    private Future<Void> backfillFrom(Meter meter, BackfillPlan plan, Optional<LocalDate> cursor, int done) {
        if (stopping.getAsBoolean()) {
            return Future.failedFuture(new Stopped());
        }
        LocalDate today = today();
        BackfillPlan.Step step = plan.next(cursor, today);
        return readAll(meter, step.reads(), 0).compose(v -> {
            int nowDone = done + 1;
            if (step.finishes()) {
                return syncs.saveProgress(meter.id(), true, Optional.empty(), nowDone, nowDone)
                        .andThen(saved -> stepDone.accept(meter.id())).mapEmpty();
            }
            Optional<LocalDate> next = Optional.of(step.nextCursor());
            return syncs.saveProgress(meter.id(), false, next, nowDone, nowDone + plan.remaining(next, today))
                    .compose(saved -> {
                        // Counted once the step is saved: progress that would be lost on a restart is no progress
                        stepDone.accept(meter.id());
                        return backfillFrom(meter, plan, next, nowDone);
                    });
        });
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
        if (meter.kind() == MeterKind.GAS) {
            reads.add(new Daily(first, end));
        } else {
            reads.add(new Daily(first, end));
            for (LocalDate day : LocalDays.between(first, end)) {
                reads.add(new QuarterHours(day));
            }
            reads.add(new Peaks(YearMonth.from(end).minusMonths(1).atDay(1), end));
        }
        return readings.incompleteDays().all(meter.id()).compose(marks -> {
            reads.addAll(IncompleteRereads.before(first, marks));
            return readAll(meter, reads, 0);
        });
    }

    /** The reads one after another, stopping between two when the service stops. */
    private Future<Void> readAll(Meter meter, List<Read> reads, int index) {
        if (index == reads.size()) {
            return Future.succeededFuture();
        }
        if (stopping.getAsBoolean() && index > 0) {
            return Future.failedFuture(new Stopped());
        }
        return read(meter, reads.get(index)).compose(v -> readAll(meter, reads, index + 1));
    }

    private Future<Void> read(Meter meter, Read read) {
        long accountId = meter.accountId().orElseThrow();
        if (read instanceof Daily daily) {
            HistoryQuery query = new HistoryQuery(meter.ref(), meter.kind(), daily.first(), daily.last(),
                    settings.zone(), Granularity.DAILY);
            return call(accountId, token -> client.history(token, query))
                    .compose(history -> saveDays(meter, daily, history.measurements()));
        }
        if (read instanceof QuarterHours quarterHours) {
            HistoryQuery query = new HistoryQuery(meter.ref(), meter.kind(), quarterHours.day(), quarterHours.day(),
                    settings.zone(), Granularity.QUARTER_HOUR);
            return call(accountId, token -> client.history(token, query))
                    .compose(history -> saveDays(meter, quarterHours.day(), history.measurements()));
        }
        Peaks range = (Peaks) read;
        return call(accountId, token -> client.monthlyPeaks(token, meter.ref(), range.first(), range.last(),
                settings.zone()))
                .compose(list -> peaks.upsert(meter.id(), list.peaks())).mapEmpty();
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

    /** Stores one day's quarter-hours and whether the day had all of them. */
    private Future<Void> saveDays(Meter meter, LocalDate day, Measurements fetched) {
        var verdict = DayCompleteness.intervals(meter.kind(), meter.unit(), settings.zone(), Resolution.QUARTER_HOUR,
                day, fetched);
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
        return tokens.withToken(accountId, token -> pacer.permit(accountId).compose(v -> request.apply(token)))
                .andThen(result -> requestCounts.get(FailurePolicy.outcome(result.cause())).incrementAndGet());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }
}
