package be.meterkast.sync;

import be.meterkast.fluvius.FluviusClient;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.AccountSyncRepository;
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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The background sync: the only part of Meterkast that talks to Fluvius for the portal. Pages use the store
 * and these entry points: {@link #linkAccount}, {@link #updatePassword}, {@link #meterAdded},
 * {@link #refreshNow}, {@link #counters}.
 *
 * <p>A plain class the portal creates once and starts with {@link #start()}; it owns the scheduler's
 * periodic timer. Several instances may run on one database: each scan claims accounts with due work
 * ({@link DueWork}), and an account's work runs under that claim ({@link AccountGate}), so a meter never runs
 * twice at once, an account's meters run one after another on one instance, and their requests are spaced
 * by a {@link RequestPacer} shared by all. A rejected password is never tried again (see {@link TokenCache}
 * and {@link StoredAccountVault}); every step's result is in PostgreSQL before the next, so a restart, or
 * another instance, continues where the sync stopped. Thread-safe: callers may be on any thread.
 *
 * <p>A meter's run is {@link MeterRun} (its steps in {@link MeterReads}, what a failure means for the next run in
 * {@link FailurePolicy}), waiting for a run on another instance {@link RunElsewhere}, and the Fluvius-account
 * side (linking, sign-ins) {@link AccountSignIns}.
 */
public final class SyncService implements SyncControl.Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    /** Passes over an account's due meters per claim: refreshes asked during a pass run in the next. */
    private static final int PASSES_PER_CLAIM = 3;

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
    private final MeterRun meterRun;
    private final DueWork dueWork;
    private final AccountGate gate;
    private final RunElsewhere elsewhere;

    /** The runs of this instance by meter, so a second request for one joins it: this process's own futures. */
    private final Map<Long, Future<Void>> runs = new ConcurrentHashMap<>();
    private final AtomicBoolean scanning = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long timerId = -1;

    public SyncService(Vertx vertx, FluviusClient client, FluviusAccountRepository accounts, MeterRepository meters,
                       MeterSyncRepository syncs, AccountSyncRepository shared, ReadingRepository readings,
                       MonthlyPeakRepository peaks, SyncSettings settings, Clock clock, SyncInstance instance) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.accounts = accounts;
        this.meters = meters;
        this.syncs = syncs;
        this.tokens = new TokenCache(client, new StoredAccountVault(accounts, clock,
                new SignInTurns(vertx, shared, instance, clock)), clock);
        this.failures = new FailurePolicy(accounts, syncs, shared, settings, clock);
        this.signIns = new AccountSignIns(accounts, tokens, failures, settings, clock, this::resumeMetersOf);
        this.reads = new MeterReads(vertx, client, tokens, new RequestPacer(vertx, shared, settings.requestSpacing(), instance),
                syncs, readings, peaks, settings, clock, () -> stopping);
        this.dueWork = new DueWork(shared, instance, clock);
        this.gate = new AccountGate(vertx, dueWork);
        this.meterRun = new MeterRun(reads, failures, syncs, settings, clock, vertx.eventBus());
        this.elsewhere = new RunElsewhere(vertx, syncs, dueWork, gate, clock, meterRun::run, () -> stopping);
    }

    /**
     * The sync over the portal's pool; {@code clock} says what "today" is (the simulator's clock in tests).
     * {@code instance} names this process among those sharing the database ({@link SyncInstance#generate}).
     */
    public static SyncService create(Vertx vertx, FluviusClient client, Pool pool, SecretBox secrets,
                                     SyncSettings settings, Clock clock, SyncInstance instance) {
        return new SyncService(vertx, client, new FluviusAccountRepository(pool, secrets), new MeterRepository(pool),
                new MeterSyncRepository(pool), new AccountSyncRepository(pool), new ReadingRepository(pool),
                new MonthlyPeakRepository(pool), settings, clock, instance);
    }

    public SyncInstance instance() {
        return dueWork.instance();
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
     * over; joins the run already under way instead of starting a second one, also when another instance
     * runs it. Fails with the run's failure, which is also recorded in {@code meter_sync}.
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
    @Override
    public Future<Void> start() {
        stopping = false;
        LOG.info("Sync instance {} started", instance());
        timerId = vertx.setPeriodic(1, settings.tick().toMillis(), id -> runDue());
        return Future.succeededFuture();
    }

    /**
     * Stops scheduling; runs under way finish their current step (whose result is saved) and stop there, a
     * sign-in under way gets to write its outcome (a rejected password above all) before the database closes.
     * Completes when they have and this instance's claims are released, for other instances to take over.
     */
    public Future<Void> stop() {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        return gate.drained().otherwiseEmpty();
    }

    // ---- scheduler ----

    /**
     * One scan: claims accounts with due work that no instance holds (due meters, or a sign-in retry of an
     * account left unavailable) and runs them. Completes when those runs are over (tests wait on it, to trigger
     * a round instead of waiting for the timer; the timer does not). A scan already under way on this instance
     * makes this one a no-op.
     */
    public Future<Void> runDue() {
        if (stopping || !scanning.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        Future<List<DueWork.Claim>> claimed = dueWork.claimDue(DueWork.ACCOUNTS_AT_ONCE - gate.accountsHeld());
        Future<Void> blocked = explainBlocked();
        return Future.all(claimed, blocked).transform(loaded -> {
            scanning.set(false);
            if (claimed.failed()) {
                LOG.warn("Sync scan failed: {}", claimed.cause().toString());
                return Future.succeededFuture();
            }
            List<Future<Void>> rounds = new ArrayList<>();
            for (DueWork.Claim claim : claimed.result()) {
                rounds.add(gate.runClaimed(claim, () -> accountRound(claim.accountId())));
            }
            return Future.join(rounds).transform(done -> Future.succeededFuture());
        });
    }

    /** A meter added after its account's password was rejected: say why it does not sync. */
    private Future<Void> explainBlocked() {
        Instant now = clock.instant();
        Future<List<MeterSync>> due = syncs.due(now);
        Future<List<FluviusAccount>> allAccounts = accounts.all();
        Future<List<Meter>> allMeters = meters.all();
        return Future.all(due, allAccounts, allMeters).compose(loaded -> {
            Map<Long, FluviusAccount> accountsById = allAccounts.result().stream()
                    .collect(Collectors.toMap(FluviusAccount::id, Function.identity()));
            Map<Long, Meter> metersById = allMeters.result().stream()
                    .collect(Collectors.toMap(Meter::id, Function.identity()));
            List<Future<Void>> recorded = new ArrayList<>();
            for (MeterSync sync : due.result()) {
                Meter meter = metersById.get(sync.meterId());
                FluviusAccount account = meter == null ? null
                        : meter.accountId().map(accountsById::get).orElse(null);
                if (account != null && StoredAccountVault.BLOCKED.contains(account.status()) && sync.lastError().isEmpty()) {
                    recorded.add(syncs.recordError(meter.id(), SyncTexts.blocked(account.status()), null));
                }
            }
            return Future.join(recorded).mapEmpty();
        });
    }

    /**
     * The work of one claimed account: its sign-in retry when it was left unavailable, then its due meters one
     * after another, pass after pass while meters are due (a refresh asked on another instance meanwhile).
     */
    private Future<Void> accountRound(long accountId) {
        return accounts.findById(accountId).compose(account -> {
            if (account.isEmpty() || StoredAccountVault.BLOCKED.contains(account.get().status())) {
                return Future.succeededFuture();
            }
            if (account.get().status() != AccountStatus.UNAVAILABLE) {
                return duePasses(accountId, 0);
            }
            return signIns.retrySignIn(accountId).compose(linked -> linked
                    ? syncs.accountDueAfresh(accountId, clock.instant()).compose(due -> duePasses(accountId, 0))
                    : Future.succeededFuture());
        });
    }

    private Future<Void> duePasses(long accountId, int pass) {
        if (stopping || pass == PASSES_PER_CLAIM) {
            return Future.succeededFuture();
        }
        return syncs.dueForAccount(accountId, clock.instant()).compose(due -> due.isEmpty()
                ? Future.succeededFuture()
                : runEach(due, 0).compose(ended -> ended ? Future.succeededFuture() : duePasses(accountId, pass + 1)));
    }

    /** Runs the meters one after another; completes with true when the sync stops or another instance took over. */
    private Future<Boolean> runEach(List<Long> meterIds, int index) {
        if (stopping) {
            return Future.succeededFuture(true);
        }
        if (index == meterIds.size()) {
            return Future.succeededFuture(false);
        }
        long meterId = meterIds.get(index);
        // Registered, so a refresh of this meter on this instance meanwhile joins the run. A run registered
        // already is queued behind this round (or waits for it): it runs after, not twice.
        Promise<Void> promise = Promise.promise();
        Future<Void> run = promise.future();
        if (runs.putIfAbsent(meterId, run) != null) {
            return runEach(meterIds, index + 1);
        }
        run.onComplete(done -> runs.remove(meterId, run));
        meter(meterId).compose(meterRun::run).onComplete(promise);
        return run.transform(ended -> ended.failed() && MeterRun.endsClaim(ended.cause())
                ? Future.succeededFuture(true) : runEach(meterIds, index + 1));
    }

    /** The meter's run: the one under way, or a new one queued on its account's gate. */
    private Future<Void> submit(Meter meter) {
        if (meter.accountId().isEmpty()) {
            return Future.failedFuture(new IllegalStateException("meter " + meter.id() + " has no Fluvius account"));
        }
        long accountId = meter.accountId().get();
        Promise<Void> promise = Promise.promise();
        Future<Void> existing = runs.putIfAbsent(meter.id(), promise.future());
        if (existing != null) {
            return existing;
        }
        Future<Void> run = promise.future();
        run.onComplete(done -> runs.remove(meter.id(), run));
        gate.run(accountId, () -> meterRun.run(meter))
                .recover(err -> err instanceof AccountGate.HeldElsewhere ? elsewhere.await(meter) : Future.failedFuture(err))
                .onComplete(promise);
        return run;
    }

    private void resumeMetersOf(long accountId) {
        syncs.accountDueAfresh(accountId, clock.instant())
                .compose(due -> gate.run(accountId, () -> duePasses(accountId, 0)))
                .onFailure(err -> {
                    if (!(err instanceof AccountGate.HeldElsewhere)) {
                        LOG.warn("Could not resume the meters of Fluvius account {}: {}", accountId, err.toString());
                    }
                });
    }

    // ---- helpers ----

    private Future<Meter> meter(long meterId) {
        return meters.findById(meterId).map(found -> found.orElseThrow(
                () -> new NoSuchElementException("no meter " + meterId)));
    }
}
