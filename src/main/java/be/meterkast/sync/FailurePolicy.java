package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.AccountSyncRepository;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.StatusText;
import be.meterkast.sync.SyncCounters.Outcome;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a failed meter run means for when the meter, and the other meters of its account, run again: the
 * backoff per meter and the pause per account after Fluvius asked Meterkast to slow down.
 *
 * <p>Fluvius being slow or failing now and then is the normal case, so during a backfill the wait stays short
 * (from a twelfth of {@link SyncSettings#backoffStart()} doubling up to twice it: 5 s to 2 min by default) and
 * every backfill step that succeeds starts it afresh. Only an outage that lasts {@link #LONG_OUTAGE_STARTS}
 * times {@code backoffStart} (30 min by default) moves the meter to the slow schedule, up to
 * {@link SyncSettings#backoffMax()}, and its message says so. A {@code Retry-After} on a 429 or 503 is the
 * least a wait can be.
 *
 * <p>Its state is in PostgreSQL, shared by every instance: the account's pause in {@code account_sync}, the
 * meter's row of failures in {@code meter_sync} (a saved backfill step or a run that worked ends it).
 */
final class FailurePolicy {
    // SyncService's logger, so the sync's log lines keep the name they always had
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final FluviusAccountRepository accounts;
    private final MeterSyncRepository syncs;
    private final AccountSyncRepository shared;
    private final SyncSettings settings;
    private final Clock clock;

    static final int LONG_OUTAGE_STARTS = 30;

    FailurePolicy(FluviusAccountRepository accounts, MeterSyncRepository syncs, AccountSyncRepository shared,
                  SyncSettings settings, Clock clock) {
        this.accounts = accounts;
        this.syncs = syncs;
        this.shared = shared;
        this.settings = settings;
        this.clock = clock;
    }

    /** When the account's pause ends, while it is paused: none of its meters runs before. */
    Future<Optional<Instant>> pausedUntil(long accountId) {
        return shared.pausedUntil(accountId, clock.instant());
    }

    /** Pauses the account until {@code until}, unless it is paused for longer already; answers the pause's end. */
    Future<Instant> pause(long accountId, Instant until) {
        return shared.pause(accountId, until);
    }

    Future<Void> liftPause(long accountId) {
        return shared.liftPause(accountId);
    }

    /**
     * The wait after the {@code failures}-th failure in a row (1 = the first) of a run that has been failing
     * for {@code failingFor}. Pure, so the policy can be read and tested on its own.
     */
    static Duration waitAfter(int failures, Duration failingFor, boolean backfilling, Optional<Duration> retryAfter,
                              SyncSettings settings) {
        Duration wait = settings.backoff(failures);
        if (backfilling && !longOutage(failingFor, settings)) {
            Duration cap = settings.backoffStart().multipliedBy(2);
            Duration doubled = firstWait(true, settings).multipliedBy(1L << Math.min(failures - 1, 20));
            wait = doubled.compareTo(cap) > 0 ? cap : doubled;
        }
        return retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0 ? retryAfter.get() : wait;
    }

    /** The first wait of a row of failures: short while a backfill has work to do. */
    static Duration firstWait(boolean backfilling, SyncSettings settings) {
        return backfilling ? settings.backoffStart().dividedBy(12) : settings.backoffStart();
    }

    /** Tries of one data request within a run, the first included, before the run fails and the schedule takes over. */
    static final int TRIES_PER_REQUEST = 6;
    /** A longer Retry-After ends the run: the wait belongs to the schedule (and the account's pause), not to a run. */
    static final Duration LONGEST_WAIT_IN_RUN = Duration.ofSeconds(30);

    /**
     * Whether, and after how long, a data request that failed on its {@code attempt}-th try (1 = the first)
     * is sent again within the same run. A run that gave up on its first failure lost its place in the
     * schedule (the next scan is up to a tick away) and its meter's turn in the account's queue, which on a
     * Fluvius failing one request in three made a backfill crawl. So a request Fluvius failed for a moment
     * (5xx, a network error, a 429) is tried again at once: at the next request slot, then after half a
     * slot to a slot, doubling, with jitter so that instances and accounts do not retry in step; {@code Retry-After} is
     * honoured. Refusals of the request or the credentials are never retried here. Pure: {@code random} in
     * [0, 1) is the jitter's draw.
     */
    static Optional<Duration> retryWithinRun(int attempt, Throwable failure, SyncSettings settings, double random) {
        if (attempt >= TRIES_PER_REQUEST) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter;
        if (failure instanceof FluviusException.Unavailable unavailable) {
            retryAfter = unavailable.retryAfter();
        } else if (failure instanceof FluviusException.RateLimited limited) {
            retryAfter = limited.retryAfter();
        } else {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(LONGEST_WAIT_IN_RUN) <= 0 ? retryAfter : Optional.empty();
        }
        long slot = settings.requestSpacing().toNanos();
        if (attempt == 1) {
            // The pacer already keeps a slot between two requests: a moment's failure is tried at the next slot,
            // up to half a slot later at random
            return Optional.of(Duration.ofNanos(Math.round(slot / 2.0 * random)));
        }
        // "equal jitter": half the doubled wait for sure, the other half at random
        long doubled = slot << Math.min(attempt - 2, 20);
        return Optional.of(Duration.ofNanos(doubled / 2 + Math.round(doubled / 2.0 * random)));
    }

    static boolean longOutage(Duration failingFor, SyncSettings settings) {
        return failingFor.compareTo(settings.backoffStart().multipliedBy(LONG_OUTAGE_STARTS)) >= 0;
    }

    /** Records why the run failed and when the meter runs again, per the kind of failure ({@link #outcome}). */
    Future<Void> recordFailure(Meter meter, Throwable failure, boolean backfilling) {
        long accountId = meter.accountId().orElseThrow();
        Instant now = clock.instant();
        return switch (outcome(failure)) {
            // No next run: the scheduler leaves the meter alone until a new password is entered
            case BLOCKED, SIGN_IN_REFUSED -> accounts.findById(accountId).compose(account -> syncs.recordError(
                    meter.id(), SyncTexts.blocked(account.map(FluviusAccount::status)
                            .orElse(AccountStatus.NEEDS_PASSWORD)), null));
            case RATE_LIMITED -> {
                FluviusException.RateLimited limited = (FluviusException.RateLimited) failure;
                Duration wait = limited.retryAfter().orElse(firstWait(backfilling, settings));
                yield pause(accountId, now.plus(wait))
                        .compose(until -> syncs.recordError(meter.id(), SyncTexts.of(limited), until));
            }
            case REJECTED -> syncs.recordError(meter.id(), SyncTexts.of((FluviusException) failure),
                    now.plus(settings.rejectedRequestBackoff()));
            default -> backOff(meter, failure, backfilling, now);
        };
    }

    /** Fluvius failed (or something unexpected did): the next run after the meter's backoff. */
    private Future<Void> backOff(Meter meter, Throwable failure, boolean backfilling, Instant now) {
        Optional<Duration> retryAfter = failure instanceof FluviusException.Unavailable unavailable
                ? unavailable.retryAfter() : Optional.empty();
        if (!(failure instanceof FluviusException)) {
            LOG.warn("Sync of meter {} failed", meter.id(), failure);
        }
        // The row of failures is in meter_sync, so it goes on where it was when another instance takes over
        return syncs.countFailure(meter.id(), now).compose(row -> {
            Duration failingFor = Duration.between(row.failingSince(), now);
            StatusText message = failure instanceof FluviusException fluvius ? SyncTexts.of(fluvius)
                    : SyncTexts.unexpected(failure);
            if (backfilling && longOutage(failingFor, settings)) {
                message = SyncTexts.longOutage(message, failingFor.toMinutes());
            }
            return syncs.recordError(meter.id(), message,
                    now.plus(waitAfter(row.failuresInARow(), failingFor, backfilling, retryAfter, settings)));
        });
    }

    /**
     * What a failure is: the one classification of the sync's failures, for its counters
     * ({@link SyncCounters}), the next run ({@link #recordFailure}), the account's status
     * ({@link #accountStatus}) and whether a sign-in may be tried again ({@link #neverRetry}). {@code null} is
     * a request that worked.
     */
    static Outcome outcome(Throwable failure) {
        if (failure == null) {
            return Outcome.OK;
        }
        if (failure instanceof AccountVault.CredentialsBlocked) {
            return Outcome.BLOCKED;
        }
        // Rejected credentials, and also a sign-in that stops at two-step verification: an unattended retry
        // cannot get past it and would only count as another attempt at Fluvius
        if (failure instanceof FluviusException fluvius
                && (fluvius.credentialsRejected() || fluvius instanceof FluviusException.InteractionRequired)) {
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

    /** Credentials that must not be tried again until the owner enters a new password. */
    static boolean neverRetry(Throwable failure) {
        Outcome outcome = outcome(failure);
        return outcome == Outcome.SIGN_IN_REFUSED || outcome == Outcome.BLOCKED;
    }

    /** The status a sign-in failure leaves the account in. */
    static AccountStatus accountStatus(Throwable failure) {
        return switch (outcome(failure)) {
            case BLOCKED -> AccountStatus.NEEDS_PASSWORD;
            case SIGN_IN_REFUSED -> failure instanceof FluviusException.AccountLocked ? AccountStatus.LOCKED
                    : failure instanceof FluviusException.InteractionRequired ? AccountStatus.MFA_REQUIRED
                    : AccountStatus.NEEDS_PASSWORD;
            default -> AccountStatus.UNAVAILABLE;
        };
    }
}
