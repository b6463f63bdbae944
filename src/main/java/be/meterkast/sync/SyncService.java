package be.meterkast.sync;

import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterRepository;
import be.meterkast.store.MeterSync;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.MonthlyPeakRepository;
import be.meterkast.store.ReadingRepository;
import be.meterkast.store.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>This class schedules and queues; the steps of a run are in {@link MeterReads}, what a failed run means
 * for the next in {@link FailurePolicy}, and the Fluvius-account side (linking, sign-ins) in
 * {@link AccountSignIns}.
 */
public final class SyncService implements SyncControl.Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final Vertx vertx;
    private final SyncSettings settings;
    private final Clock clock;
    private final FluviusAccountRepository accounts;
    private final MeterRepository meters;
    private final MeterSyncRepository syncs;
    private final TokenCache tokens;
    private final FailurePolicy failures;
    private final AccountSignIns signIns;
    private final MeterReads reads;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the job of each meter that is queued or running. */
    private final Map<Long, Future<Void>> jobs = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}: the last job queued per account; the next one starts after it. */
    private final Map<Long, Future<Void>> accountQueues = new ConcurrentHashMap<>();
    private final AtomicBoolean scanning = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long timerId = -1;

    public SyncService(Vertx vertx, FluviusClient client, FluviusAccountRepository accounts, MeterRepository meters,
                       MeterSyncRepository syncs, ReadingRepository readings, MonthlyPeakRepository peaks,
                       SyncSettings settings, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.accounts = accounts;
        this.meters = meters;
        this.syncs = syncs;
        this.tokens = new TokenCache(client, new StoredAccountVault(accounts, clock), clock);
        this.failures = new FailurePolicy(accounts, syncs, settings, clock);
        this.signIns = new AccountSignIns(accounts, tokens, failures, settings, clock, this::enqueue,
                this::resumeMetersOf);
        this.reads = new MeterReads(vertx, client, tokens, new RequestPacer(vertx, settings.requestSpacing()), syncs,
                readings, peaks, settings, clock, () -> stopping, failures::forgetFailures);
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
        return signIns.linkAccount(householdId, email, password);
    }

    /** Stores the password the owner entered, lifts the block on the account and signs in once. */
    public Future<LinkResult> updatePassword(long accountId, String newPassword) {
        return signIns.updatePassword(accountId, newPassword);
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

    @Override
    public void accountRemoved(long accountId) {
        tokens.remove(accountId);
    }

    public SyncCounters counters() {
        return new SyncCounters(tokens.signIns(), tokens.refreshes(), tokens.hits(), reads.requestCounts());
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
                    // unlinked (account_id set null) or the account is gone: its meter keeps its history only
                    continue;
                }
                if (StoredAccountVault.BLOCKED.contains(account.status())) {
                    if (sync.lastError().isEmpty()) {
                        // a meter added after the password was rejected: say why it does not sync
                        queued.add(syncs.recordError(meter.id(), AccountSignIns.blockedMessage(account.status()), null));
                    }
                } else if (!failures.paused(account.id(), now) && !AccountSignIns.awaitingRetry(account, now)) {
                    queued.add(submit(meter));
                }
            }
            for (FluviusAccount account : accountsById.values()) {
                if (signIns.retryDue(account, now)) {
                    queued.add(signIns.retrySignIn(account.id()));
                }
            }
            return Future.join(queued).transform(done -> Future.succeededFuture());
        });
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
            failures.forgetFailures(meter.id());
            submit(meter);
        }));
    }

    // ---- one meter ----

    private Future<Void> runMeter(Meter meter) {
        long accountId = meter.accountId().orElseThrow();
        Instant now = clock.instant();
        if (failures.paused(accountId, now)) {
            return recorded(meter, Future.failedFuture(new FluviusException.RateLimited(
                    Duration.between(now, failures.pausedUntil(accountId)))), false);
        }
        return syncs.get(meter.id()).compose(state -> recorded(meter, state.backfillDone() ? reads.incremental(meter)
                : reads.backfill(meter, state).compose(done -> reads.incremental(meter)), !state.backfillDone()));
    }

    /** Records how a run ended; {@code backfilling} says which failure policy applies to it. */
    private Future<Void> recorded(Meter meter, Future<Void> run, boolean backfilling) {
        return run.compose(done -> recordSuccess(meter), failure -> failure instanceof MeterReads.Stopped
                || failure instanceof TokenCache.AccountRemoved
                ? Future.succeededFuture()
                : failures.recordFailure(meter, failure, backfilling).compose(v -> Future.failedFuture(failure)));
    }

    private Future<Void> recordSuccess(Meter meter) {
        failures.forgetFailures(meter.id());
        Instant now = clock.instant();
        return syncs.recordSuccess(meter.id(), now, now.plus(withJitter(settings.incrementalInterval())));
    }

    // ---- helpers ----

    private Future<Meter> meter(long meterId) {
        return meters.findById(meterId).map(found -> found.orElseThrow(
                () -> new NoSuchElementException("no meter " + meterId)));
    }

    private Duration withJitter(Duration interval) {
        if (settings.jitter() == 0) {
            return interval;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-settings.jitter(), settings.jitter());
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }
}
