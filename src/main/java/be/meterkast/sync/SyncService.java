package be.meterkast.sync;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.domain.MeterKind;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.fluvius.Granularity;
import be.meterkast.fluvius.HistoryQuery;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterRepository;
import be.meterkast.store.MeterSync;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.MonthlyPeakRepository;
import be.meterkast.store.ReadingRepository;
import be.meterkast.store.SecretBox;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.Peaks;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import be.meterkast.sync.BackfillPlan.Read;
import be.meterkast.sync.SyncCounters.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The background sync: the only part of Meterkast that talks to Fluvius for the portal. Pages use the store
 * and these entry points: {@link #linkAccount}, {@link #updatePassword}, {@link #meterAdded},
 * {@link #refreshNow}, {@link #counters}.
 *
 * <p>A plain class the portal creates once and starts with {@link #start()}; it owns the scheduler's
 * periodic timer. Rules it keeps: a meter never runs twice at once; the meters of one account run one
 * after another, their requests spaced by a {@link RequestPacer}; a rejected password is never tried again
 * (see {@link TokenCache} and {@link StoredAccountVault}); every step's result is in PostgreSQL before the
 * next, so a restart continues where the sync stopped. Thread-safe: callers may be on any thread.
 */
public final class SyncService implements SyncControl.Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final Vertx vertx;
    private final FluviusClient client;
    private final SyncSettings settings;
    private final Clock clock;
    private final FluviusAccountRepository accounts;
    private final MeterRepository meters;
    private final MeterSyncRepository syncs;
    private final ReadingRepository readings;
    private final MonthlyPeakRepository peaks;
    private final TokenCache tokens;
    private final RequestPacer pacer;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the job of each meter that is queued or running. */
    private final Map<Long, Future<Void>> jobs = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}: the last job queued per account; the next one starts after it. */
    private final Map<Long, Future<Void>> accountQueues = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}: sign-in retries of unavailable accounts that are queued or running. */
    private final Map<Long, Future<Void>> signInRetries = new ConcurrentHashMap<>();
    private final Map<Long, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<Long, Integer> failuresInARow = new ConcurrentHashMap<>();
    private final Map<Outcome, AtomicLong> requestCounts = new EnumMap<>(Outcome.class);
    private final AtomicBoolean scanning = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long timerId = -1;

    public SyncService(Vertx vertx, FluviusClient client, FluviusAccountRepository accounts, MeterRepository meters,
                       MeterSyncRepository syncs, ReadingRepository readings, MonthlyPeakRepository peaks,
                       SyncSettings settings, Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.accounts = accounts;
        this.meters = meters;
        this.syncs = syncs;
        this.readings = readings;
        this.peaks = peaks;
        this.tokens = new TokenCache(client, new StoredAccountVault(accounts, clock), clock);
        this.pacer = new RequestPacer(vertx, settings.requestSpacing());
        for (Outcome outcome : Outcome.values()) {
            requestCounts.put(outcome, new AtomicLong());
        }
    }

    /** The sync over the portal's pool; {@code clock} says what "today" is (the simulator's clock in tests). */
    public static SyncService create(Vertx vertx, FluviusClient client, Pool pool, SecretBox secrets,
                                     SyncSettings settings, Clock clock) {
        return new SyncService(vertx, client, new FluviusAccountRepository(pool, secrets), new MeterRepository(pool),
                new MeterSyncRepository(pool), new ReadingRepository(pool), new MonthlyPeakRepository(pool),
                settings, clock);
    }

    // ---- entry points for the portal ----

    /**
     * Stores a new Fluvius login for the household (password encrypted) and signs in with it once, right
     * away. A rejected password is kept but never tried again; an outage leaves the account
     * {@code UNAVAILABLE}, and the scheduler tries again later. Fails (unique violation) when the household
     * has this e-mail already.
     */
    public Future<LinkResult> linkAccount(long householdId, String email, String password) {
        return accounts.create(householdId, email, password).compose(account -> signInOnce(account.id()));
    }

    /** Stores the password the owner entered, lifts the block on the account and signs in once. */
    public Future<LinkResult> updatePassword(long accountId, String newPassword) {
        return accounts.updatePassword(accountId, newPassword).compose(updated -> {
            if (!updated) {
                return Future.failedFuture(new NoSuchElementException("no Fluvius account " + accountId));
            }
            tokens.forget(accountId);
            pausedUntil.remove(accountId);
            return signInOnce(accountId).onSuccess(result -> {
                if (result.linked()) {
                    resumeMetersOf(accountId);
                }
            });
        });
    }

    /** Starts the new meter's backfill now; completes once it is queued (progress shows in {@code meter_sync}). */
    public Future<Void> meterAdded(long meterId) {
        return meter(meterId).compose(meter -> {
            submit(meter);
            return Future.<Void>succeededFuture();
        });
    }

    /**
     * Syncs the meter now (an incremental run, or the rest of its backfill) and completes when that run is
     * over; joins the run already under way instead of starting a second one. Fails with the run's failure,
     * which is also recorded in {@code meter_sync}.
     */
    public Future<Void> refreshNow(long meterId) {
        return meter(meterId).compose(this::submit);
    }

    public SyncCounters counters() {
        Map<Outcome, Long> requests = new EnumMap<>(Outcome.class);
        requestCounts.forEach((outcome, count) -> requests.put(outcome, count.get()));
        return new SyncCounters(tokens.signIns(), tokens.refreshes(), tokens.hits(), requests);
    }

    /** Starts the scheduler: a scan for due meters now and every {@link SyncSettings#tick()}. */
    public Future<Void> start() {
        stopping = false;
        timerId = vertx.setPeriodic(1, settings.tick().toMillis(), id -> runDue());
        return Future.succeededFuture();
    }

    /**
     * Stops scheduling; runs under way finish their current step (whose result is saved) and stop there.
     * Completes when they have.
     */
    public Future<Void> stop() {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        List<Future<Void>> running;
        synchronized (lock) {
            // The account queues hold meter runs and the scheduler's sign-in retries alike: a sign-in under way
            // must get to write its outcome (a rejected password above all) before the database closes.
            running = new ArrayList<>(jobs.values());
            running.addAll(accountQueues.values());
        }
        return Future.join(running).transform(done -> Future.succeededFuture());
    }

    // ---- scheduler ----

    /**
     * One scan: queues every due meter whose account may be used, and retries accounts left unavailable.
     * Completes when the runs it queued are over (tests wait on it, to trigger a round instead of waiting for
     * the timer; the timer does not). A scan already under way makes this one a no-op.
     */
    public Future<Void> runDue() {
        if (stopping || !scanning.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        Future<List<MeterSync>> due = syncs.due(now);
        Future<List<FluviusAccount>> allAccounts = accounts.all();
        Future<List<Meter>> allMeters = meters.all();
        return Future.all(due, allAccounts, allMeters).transform(loaded -> {
            scanning.set(false);
            if (loaded.failed()) {
                LOG.warn("Sync scan failed: {}", loaded.cause().toString());
                return Future.succeededFuture();
            }
            Map<Long, FluviusAccount> accountsById = allAccounts.result().stream()
                    .collect(Collectors.toMap(FluviusAccount::id, Function.identity()));
            Map<Long, Meter> metersById = allMeters.result().stream()
                    .collect(Collectors.toMap(Meter::id, Function.identity()));
            List<Future<Void>> queued = new ArrayList<>();
            for (MeterSync sync : due.result()) {
                Meter meter = metersById.get(sync.meterId());
                FluviusAccount account = meter == null ? null
                        : meter.accountId().map(accountsById::get).orElse(null);
                if (account == null) {
                    continue;
                }
                if (StoredAccountVault.BLOCKED.contains(account.status())) {
                    if (sync.lastError().isEmpty()) {
                        // a meter added after the password was rejected: say why it does not sync
                        queued.add(syncs.recordError(meter.id(), blockedMessage(account.status()), null));
                    }
                } else if (!paused(account.id(), now) && !awaitingSignInRetry(account, now)) {
                    queued.add(submit(meter));
                }
            }
            for (FluviusAccount account : accountsById.values()) {
                if (account.status() == AccountStatus.UNAVAILABLE
                        && account.nextAttemptAt().map(at -> !at.isAfter(now)).orElse(true) && !paused(account.id(), now)) {
                    queued.add(retrySignIn(account.id()));
                }
            }
            return Future.join(queued).transform(done -> Future.succeededFuture());
        });
    }

    /**
     * An account whose sign-in failed because Fluvius was unavailable waits for its own retry; its meters
     * wait too, or each of them would try a sign-in of its own against an unavailable Fluvius.
     */
    private static boolean awaitingSignInRetry(FluviusAccount account, Instant now) {
        return account.status() == AccountStatus.UNAVAILABLE && account.nextAttemptAt().map(now::isBefore).orElse(false);
    }

    private boolean paused(long accountId, Instant now) {
        Instant until = pausedUntil.get(accountId);
        return until != null && until.isAfter(now);
    }

    /** The meter's job: the one under way, or a new one queued behind the other meters of its account. */
    private Future<Void> submit(Meter meter) {
        if (meter.accountId().isEmpty()) {
            return Future.failedFuture(new IllegalStateException("meter " + meter.id() + " has no Fluvius account"));
        }
        synchronized (lock) {
            Future<Void> existing = jobs.get(meter.id());
            if (existing != null) {
                return existing;
            }
            Future<Void> job = enqueue(meter.accountId().get(), () -> runMeter(meter));
            jobs.put(meter.id(), job);
            job.onComplete(done -> jobs.remove(meter.id(), job));
            return job;
        }
    }

    /** Runs {@code work} after everything queued for the account before it, whatever became of that. */
    private Future<Void> enqueue(long accountId, Supplier<Future<Void>> work) {
        synchronized (lock) {
            Future<Void> before = accountQueues.getOrDefault(accountId, Future.succeededFuture());
            Future<Void> job = before.transform(previous -> stopping ? Future.succeededFuture() : work.get());
            Future<Void> tail = job.transform(done -> Future.succeededFuture());
            accountQueues.put(accountId, tail);
            tail.onComplete(done -> {
                synchronized (lock) {
                    accountQueues.remove(accountId, tail);
                }
            });
            return job;
        }
    }

    private void resumeMetersOf(long accountId) {
        meters.listForAccount(accountId).onSuccess(list -> list.forEach(meter -> {
            failuresInARow.remove(meter.id());
            submit(meter);
        }));
    }

    // ---- one meter ----

    /** Raised between steps when the service is stopping: the run ends without recording anything. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("sync stopping", null, false, false);
        }
    }

    private Future<Void> runMeter(Meter meter) {
        long accountId = meter.accountId().orElseThrow();
        Instant now = clock.instant();
        Future<Void> run;
        if (paused(accountId, now)) {
            run = Future.failedFuture(new FluviusException.RateLimited(Duration.between(now, pausedUntil.get(accountId))));
        } else {
            run = syncs.get(meter.id()).compose(state -> state.backfillDone() ? incremental(meter)
                    : backfill(meter, state).compose(done -> incremental(meter)));
        }
        return run.compose(done -> recordSuccess(meter), failure -> failure instanceof Stopped
                ? Future.succeededFuture() : recordFailure(meter, failure).compose(v -> Future.failedFuture(failure)));
    }

    private Future<Void> backfill(Meter meter, MeterSync state) {
        BackfillPlan plan = new BackfillPlan(meter.kind(), settings);
        Optional<LocalDate> cursor = state.backfillCursor();
        Future<Void> started = state.progressTotal() > 0 ? Future.succeededFuture()
                : syncs.saveProgress(meter.id(), false, cursor, 0, plan.remaining(cursor, today()));
        return started.compose(v -> backfillFrom(meter, plan, cursor, state.progressDone()));
    }

    private Future<Void> backfillFrom(Meter meter, BackfillPlan plan, Optional<LocalDate> cursor, int done) {
        if (stopping) {
            return Future.failedFuture(new Stopped());
        }
        LocalDate today = today();
        BackfillPlan.Step step = plan.next(cursor, today);
        return readAll(meter, step.reads(), 0).compose(v -> {
            int nowDone = done + 1;
            if (step.finishes()) {
                return syncs.saveProgress(meter.id(), true, Optional.empty(), nowDone, nowDone);
            }
            Optional<LocalDate> next = Optional.of(step.nextCursor());
            return syncs.saveProgress(meter.id(), false, next, nowDone, nowDone + plan.remaining(next, today))
                    .compose(saved -> backfillFrom(meter, plan, next, nowDone));
        });
    }

    /**
     * Re-reads the trailing window, so estimated values are replaced by validated ones and late gas
     * arrives; electricity also refreshes this and last month's peaks.
     */
    private Future<Void> incremental(Meter meter) {
        LocalDate today = today();
        LocalDate end = today.minusDays(1);
        List<Read> reads = new ArrayList<>();
        if (meter.kind() == MeterKind.GAS) {
            reads.add(new Daily(today.minusDays(settings.gasWindowDays()), end));
        } else {
            LocalDate first = today.minusDays(settings.electricityWindowDays());
            reads.add(new Daily(first, end));
            for (LocalDate day : LocalDays.between(first, end)) {
                reads.add(new QuarterHours(day));
            }
            reads.add(new Peaks(YearMonth.from(end).minusMonths(1).atDay(1), end));
        }
        return readAll(meter, reads, 0);
    }

    /** The reads one after another, stopping between two when the service stops. */
    private Future<Void> readAll(Meter meter, List<Read> reads, int index) {
        if (index == reads.size()) {
            return Future.succeededFuture();
        }
        if (stopping && index > 0) {
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
                    .compose(history -> readings.upsert(meter.id(), history.measurements().readings())).mapEmpty();
        }
        if (read instanceof QuarterHours quarterHours) {
            HistoryQuery query = new HistoryQuery(meter.ref(), meter.kind(), quarterHours.day(), quarterHours.day(),
                    settings.zone(), Granularity.QUARTER_HOUR);
            return call(accountId, token -> client.history(token, query))
                    .compose(history -> readings.upsert(meter.id(), history.measurements().readings())).mapEmpty();
        }
        Peaks range = (Peaks) read;
        return call(accountId, token -> client.monthlyPeaks(token, meter.ref(), range.first(), range.last(),
                settings.zone()))
                .compose(list -> peaks.upsert(meter.id(), list.peaks())).mapEmpty();
    }

    /**
     * One data request: with a token from the cache, counted by outcome, and paced per account. The pace is
     * kept around the request itself, so a sign-in does not use up a slot and the retry after a 401 waits
     * for one like any other request.
     */
    private <T> Future<T> call(long accountId, Function<String, Future<T>> request) {
        return tokens.withToken(accountId, token -> pacer.permit(accountId).compose(v -> request.apply(token)))
                .andThen(result -> requestCounts.get(outcome(result.cause())).incrementAndGet());
    }

    private Future<Void> recordSuccess(Meter meter) {
        failuresInARow.remove(meter.id());
        Instant now = clock.instant();
        return syncs.recordSuccess(meter.id(), now, now.plus(withJitter(settings.incrementalInterval())));
    }

    /** Records why the run failed and when the meter runs again, per the kind of failure. */
    private Future<Void> recordFailure(Meter meter, Throwable failure) {
        long accountId = meter.accountId().orElseThrow();
        Instant now = clock.instant();
        if (failure instanceof AccountVault.CredentialsBlocked
                || failure instanceof FluviusException fluvius && TokenCache.neverRetry(fluvius)) {
            // No next run: the scheduler leaves the meter alone until a new password is entered
            return accounts.findById(accountId).compose(account -> syncs.recordError(meter.id(),
                    blockedMessage(account.map(FluviusAccount::status).orElse(AccountStatus.NEEDS_PASSWORD)), null));
        }
        if (failure instanceof FluviusException.RateLimited limited) {
            Duration wait = limited.retryAfter().orElse(settings.backoffStart());
            Instant until = now.plus(wait);
            pausedUntil.merge(accountId, until, (a, b) -> a.isAfter(b) ? a : b);
            return syncs.recordError(meter.id(), limited.getMessage(), pausedUntil.get(accountId));
        }
        if (failure instanceof FluviusException.RequestRejected rejected) {
            return syncs.recordError(meter.id(), rejected.getMessage(), now.plus(settings.rejectedRequestBackoff()));
        }
        int failures = failuresInARow.merge(meter.id(), 1, Integer::sum);
        String message = failure instanceof FluviusException ? failure.getMessage()
                : "The sync failed unexpectedly (" + failure + "); it will try again.";
        if (!(failure instanceof FluviusException)) {
            LOG.warn("Sync of meter {} failed", meter.id(), failure);
        }
        return syncs.recordError(meter.id(), message, now.plus(settings.backoff(failures)));
    }

    // ---- accounts ----

    /** One sign-in attempt (or a stored token), with the outcome shown to the owner. */
    private Future<LinkResult> signInOnce(long accountId) {
        return tokens.tokens(accountId)
                .compose(t -> accounts.markLinked(accountId, clock.instant()))
                .map(linked -> new LinkResult(accountId, AccountStatus.LINKED, Optional.empty()))
                .recover(failure -> signInFailed(accountId, failure));
    }

    private Future<LinkResult> signInFailed(long accountId, Throwable failure) {
        AccountStatus status = failure instanceof AccountVault.CredentialsBlocked
                ? AccountStatus.NEEDS_PASSWORD : StoredAccountVault.statusFor(failure);
        if (status != AccountStatus.UNAVAILABLE) {
            // the vault has stored the status and Fluvius' message already
            return accounts.findById(accountId).map(account -> new LinkResult(accountId,
                    account.map(FluviusAccount::status).orElse(status),
                    Optional.of(account.flatMap(FluviusAccount::statusMessage).orElse(blockedMessage(status)))));
        }
        String message = failure instanceof FluviusException ? failure.getMessage()
                : "Signing in to Fluvius failed unexpectedly; Meterkast will try again later.";
        if (!(failure instanceof FluviusException)) {
            LOG.warn("Sign-in of Fluvius account {} failed", accountId, failure);
        }
        Instant now = clock.instant();
        return accounts.findById(accountId).compose(account -> {
            Duration wait = failure instanceof FluviusException.RateLimited limited
                    ? limited.retryAfter().orElse(settings.backoffStart())
                    : settings.backoff(account.map(FluviusAccount::failureCount).orElse(0) + 1);
            if (failure instanceof FluviusException.RateLimited) {
                pausedUntil.merge(accountId, now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
            }
            return accounts.markFailed(accountId, AccountStatus.UNAVAILABLE, message, now.plus(wait));
        }).map(count -> new LinkResult(accountId, AccountStatus.UNAVAILABLE, Optional.of(message)));
    }

    /**
     * The scheduler's retry of an account that could not sign in because Fluvius was unavailable; queued
     * with its meters, and never twice at once.
     */
    private Future<Void> retrySignIn(long accountId) {
        synchronized (lock) {
            Future<Void> existing = signInRetries.get(accountId);
            if (existing != null) {
                return existing;
            }
            Future<Void> retry = enqueue(accountId, () -> signInOnce(accountId).compose(result -> {
                if (result.linked()) {
                    resumeMetersOf(accountId);
                }
                return Future.<Void>succeededFuture();
            }));
            signInRetries.put(accountId, retry);
            retry.onComplete(done -> signInRetries.remove(accountId, retry));
            return retry;
        }
    }

    static String blockedMessage(AccountStatus status) {
        return switch (status) {
            case LOCKED -> "Fluvius has locked this account; it needs a new password (or the old one once "
                    + "Fluvius unlocks it) before Meterkast syncs again.";
            case MFA_REQUIRED -> "Fluvius asks for two-step verification, which Meterkast cannot do. Switch it "
                    + "off on mijn.fluvius.be; the account needs a new password entry before Meterkast syncs again.";
            default -> "Fluvius rejected the password; the account needs a new password before Meterkast syncs again.";
        };
    }

    // ---- helpers ----

    private Future<Meter> meter(long meterId) {
        return meters.findById(meterId).map(found -> found.orElseThrow(
                () -> new NoSuchElementException("no meter " + meterId)));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }

    private Duration withJitter(Duration interval) {
        if (settings.jitter() == 0) {
            return interval;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-settings.jitter(), settings.jitter());
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }

    private static Outcome outcome(Throwable failure) {
        if (failure == null) {
            return Outcome.OK;
        }
        if (failure instanceof AccountVault.CredentialsBlocked) {
            return Outcome.BLOCKED;
        }
        if (failure instanceof FluviusException fluvius && TokenCache.neverRetry(fluvius)) {
            return Outcome.SIGN_IN_REFUSED;
        }
        if (failure instanceof FluviusException.Unavailable) {
            return Outcome.UNAVAILABLE;
        }
        if (failure instanceof FluviusException.RateLimited) {
            return Outcome.RATE_LIMITED;
        }
        if (failure instanceof FluviusException.Unauthorized) {
            return Outcome.UNAUTHORIZED;
        }
        if (failure instanceof FluviusException.RequestRejected) {
            return Outcome.REJECTED;
        }
        if (failure instanceof FluviusException.PortalChanged) {
            return Outcome.PORTAL_CHANGED;
        }
        return Outcome.OTHER;
    }
}
