package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.AccountSyncRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;

/**
 * One token renewal per Fluvius account at a time across every instance on the database: a lease row
 * ({@code account_sync.sign_in_by}) rather than an advisory lock, because a session lock belongs to one pooled
 * connection and the sign-in's steps run on whichever connection the pool hands out. The lease ends on the
 * sync's clock after {@link #LEASE}, so an instance that died while signing in blocks nobody for long.
 */
final class SignInTurns {
    /** Longer than a sign-in's five steps with their timeouts take. */
    static final Duration LEASE = Duration.ofMinutes(3);
    /** How often a waiting instance looks whether the other one is done. Real time: it paces database reads. */
    static final Duration POLL = Duration.ofMillis(250);

    private final Vertx vertx;
    private final AccountSyncRepository shared;
    private final SyncInstance instance;
    private final Clock clock;

    SignInTurns(Vertx vertx, AccountSyncRepository shared, SyncInstance instance, Clock clock) {
        this.vertx = vertx;
        this.shared = shared;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Completes when this instance holds the account's sign-in lease. Waits while another instance holds it;
     * gives up (Fluvius "unavailable" for this round) after waiting as long as a lease lasts, which only a
     * holder that keeps renewing tokens for that long, or a stopped sync clock, makes happen.
     */
    Future<Void> take(long accountId) {
        return take(accountId, System.nanoTime() + LEASE.toNanos());
    }

    private Future<Void> take(long accountId, long giveUpAt) {
        return shared.claimSignIn(accountId, instance.id(), clock.instant(), clock.instant().plus(LEASE))
                .compose(taken -> {
                    if (taken) {
                        return Future.<Void>succeededFuture();
                    }
                    if (System.nanoTime() - giveUpAt > 0) {
                        return Future.failedFuture(new FluviusException.Unavailable(
                                "another Meterkast instance is still signing in to this account", null));
                    }
                    return vertx.timer(POLL.toMillis()).compose(waited -> take(accountId, giveUpAt));
                });
    }

    Future<Void> release(long accountId) {
        return shared.releaseSignIn(accountId, instance.id());
    }
}
