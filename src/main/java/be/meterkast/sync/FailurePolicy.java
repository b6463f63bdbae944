package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.sync.SyncCounters.Outcome;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a failed meter run means for when the meter, and the other meters of its account, run again: the
 * backoff per meter and the pause per account after Fluvius asked Meterkast to slow down. Thread-safe.
 */
final class FailurePolicy {
    // SyncService's logger, so the sync's log lines keep the name they always had
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final FluviusAccountRepository accounts;
    private final MeterSyncRepository syncs;
    private final SyncSettings settings;
    private final Clock clock;
    private final Map<Long, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<Long, Integer> failuresInARow = new ConcurrentHashMap<>();

    FailurePolicy(FluviusAccountRepository accounts, MeterSyncRepository syncs, SyncSettings settings, Clock clock) {
        this.accounts = accounts;
        this.syncs = syncs;
        this.settings = settings;
        this.clock = clock;
    }

    boolean paused(long accountId, Instant now) {
        Instant until = pausedUntil.get(accountId);
        return until != null && until.isAfter(now);
    }

    /** When the account's pause ends; only meaningful while {@link #paused} says so. */
    Instant pausedUntil(long accountId) {
        return pausedUntil.get(accountId);
    }

    /** Pauses the account until {@code until}, unless it is paused for longer already. */
    void pause(long accountId, Instant until) {
        pausedUntil.merge(accountId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    void liftPause(long accountId) {
        pausedUntil.remove(accountId);
    }

    /** Starts the meter's backoff afresh: after a run that worked, or a new password for its account. */
    void forgetFailures(long meterId) {
        failuresInARow.remove(meterId);
    }

    /** Records why the run failed and when the meter runs again, per the kind of failure. */
    Future<Void> recordFailure(Meter meter, Throwable failure) {
        long accountId = meter.accountId().orElseThrow();
        Instant now = clock.instant();
        if (failure instanceof AccountVault.CredentialsBlocked
                || failure instanceof FluviusException fluvius && TokenCache.neverRetry(fluvius)) {
            // No next run: the scheduler leaves the meter alone until a new password is entered
            return accounts.findById(accountId).compose(account -> syncs.recordError(meter.id(),
                    AccountSignIns.blockedMessage(account.map(FluviusAccount::status)
                            .orElse(AccountStatus.NEEDS_PASSWORD)), null));
        }
        if (failure instanceof FluviusException.RateLimited limited) {
            Duration wait = limited.retryAfter().orElse(settings.backoffStart());
            pause(accountId, now.plus(wait));
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

    /** How a data request ended, for {@link SyncCounters}; {@code null} is a request that worked. */
    static Outcome outcome(Throwable failure) {
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
