package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.StatusText;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The Fluvius-account side of the sync: linking an account, a new password, one sign-in attempt and what
 * its failure means for the account, and the scheduler's retries of accounts left unavailable (which
 * of them are due is part of the due-work claim, {@link DueWork}).
 */
final class AccountSignIns {
    // SyncService's logger, so the sync's log lines keep the name they always had
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final FluviusAccountRepository accounts;
    private final TokenCache tokens;
    private final FailurePolicy failures;
    private final SyncSettings settings;
    private final Clock clock;
    private final LongConsumer resumeMeters;

    /** {@code resumeMeters} starts the meters of an account that has a new password and signed in with it. */
    AccountSignIns(FluviusAccountRepository accounts, TokenCache tokens, FailurePolicy failures,
                   SyncSettings settings, Clock clock, LongConsumer resumeMeters) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.failures = failures;
        this.settings = settings;
        this.clock = clock;
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
            return failures.liftPause(accountId).compose(lifted -> signInOnce(accountId)).onSuccess(result -> {
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
        AccountStatus status = FailurePolicy.accountStatus(failure);
        if (status != AccountStatus.UNAVAILABLE) {
            // the vault has stored the status and Fluvius' message already
            return accounts.findById(accountId).map(account -> new LinkResult(accountId,
                    account.map(FluviusAccount::status).orElse(status),
                    Optional.of(account.flatMap(FluviusAccount::statusMessage).orElse(SyncTexts.blocked(status).text()))));
        }
        StatusText message = failure instanceof FluviusException fluvius ? SyncTexts.of(fluvius)
                : SyncTexts.signInUnexpected();
        if (!(failure instanceof FluviusException)) {
            LOG.warn("Sign-in of Fluvius account {} failed", accountId, failure);
        }
        Instant now = clock.instant();
        return accounts.findById(accountId).compose(account -> {
            Duration wait = failure instanceof FluviusException.RateLimited limited
                    ? limited.retryAfter().orElse(settings.backoffStart())
                    : settings.backoff(account.map(FluviusAccount::failureCount).orElse(0) + 1);
            Future<?> paused = failure instanceof FluviusException.RateLimited
                    ? failures.pause(accountId, now.plus(wait)) : Future.succeededFuture();
            return paused.compose(p -> accounts.markFailed(accountId, AccountStatus.UNAVAILABLE, message, now.plus(wait)));
        }).map(count -> new LinkResult(accountId, AccountStatus.UNAVAILABLE, Optional.of(message.text())));
    }

    /**
     * The scheduler's retry of an account that could not sign in because Fluvius was unavailable, run under
     * the account's claim before its meters; completes with whether the account is linked now.
     */
    Future<Boolean> retrySignIn(long accountId) {
        return signInOnce(accountId).map(LinkResult::linked);
    }
}
