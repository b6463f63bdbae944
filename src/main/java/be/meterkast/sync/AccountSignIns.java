package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The Fluvius-account side of the sync: linking an account, a new password, one sign-in attempt and what
 * its failure means for the account, and the scheduler's retries of accounts left unavailable.
 * Thread-safe.
 */
final class AccountSignIns {
    // SyncService's logger, so the sync's log lines keep the name they always had
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    /** Runs work after everything queued for the account before it: the scheduler's per-account queue. */
    interface AccountQueue {
        Future<Void> enqueue(long accountId, Supplier<Future<Void>> work);
    }

    private final FluviusAccountRepository accounts;
    private final TokenCache tokens;
    private final FailurePolicy failures;
    private final SyncSettings settings;
    private final Clock clock;
    private final AccountQueue queue;
    private final LongConsumer resumeMeters;

    // Taken before the account queue's lock, never while holding it
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: sign-in retries of unavailable accounts that are queued or running. */
    private final Map<Long, Future<Void>> signInRetries = new ConcurrentHashMap<>();

    /** {@code resumeMeters} starts the meters of an account that has just signed in again. */
    AccountSignIns(FluviusAccountRepository accounts, TokenCache tokens, FailurePolicy failures,
                   SyncSettings settings, Clock clock, AccountQueue queue, LongConsumer resumeMeters) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.failures = failures;
        this.settings = settings;
        this.clock = clock;
        this.queue = queue;
        this.resumeMeters = resumeMeters;
    }

    /** See {@link SyncService#linkAccount}. */
    Future<LinkResult> linkAccount(long householdId, String email, String password) {
        return accounts.create(householdId, email, password).compose(account -> signInOnce(account.id()));
    }

    /** See {@link SyncService#updatePassword}. */
    Future<LinkResult> updatePassword(long accountId, String newPassword) {
        return accounts.updatePassword(accountId, newPassword).compose(updated -> {
            if (!updated) {
                return Future.failedFuture(new NoSuchElementException("no Fluvius account " + accountId));
            }
            tokens.forget(accountId);
            failures.liftPause(accountId);
            return signInOnce(accountId).onSuccess(result -> {
                if (result.linked()) {
                    resumeMeters.accept(accountId);
                }
            });
        });
    }

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
                failures.pause(accountId, now.plus(wait));
            }
            return accounts.markFailed(accountId, AccountStatus.UNAVAILABLE, message, now.plus(wait));
        }).map(count -> new LinkResult(accountId, AccountStatus.UNAVAILABLE, Optional.of(message)));
    }

    /**
     * An account whose sign-in failed because Fluvius was unavailable waits for its own retry; its meters
     * wait too, or each of them would try a sign-in of its own against an unavailable Fluvius.
     */
    static boolean awaitingRetry(FluviusAccount account, Instant now) {
        return account.status() == AccountStatus.UNAVAILABLE && account.nextAttemptAt().map(now::isBefore).orElse(false);
    }

    /** An account left unavailable whose next sign-in attempt is due. */
    boolean retryDue(FluviusAccount account, Instant now) {
        return account.status() == AccountStatus.UNAVAILABLE
                && account.nextAttemptAt().map(at -> !at.isAfter(now)).orElse(true) && !failures.paused(account.id(), now);
    }

    /**
     * The scheduler's retry of an account that could not sign in because Fluvius was unavailable; queued
     * with its meters, and never twice at once.
     */
    Future<Void> retrySignIn(long accountId) {
        synchronized (lock) {
            Future<Void> existing = signInRetries.get(accountId);
            if (existing != null) {
                return existing;
            }
            Future<Void> retry = queue.enqueue(accountId, () -> signInOnce(accountId).compose(result -> {
                if (result.linked()) {
                    resumeMeters.accept(accountId);
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
}
