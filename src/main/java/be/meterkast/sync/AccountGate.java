package be.meterkast.sync;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-account gate: work on a Fluvius account runs under this instance's claim on it
 * ({@link DueWork}), one piece after another. The claim is taken before the first piece, renewed while work
 * goes on and released after the last, so another instance may take the account as soon as this one is done
 * with it, or once the lease has passed when this one died.
 *
 * <p>What this instance has queued for an account lives here, in memory: it is the order of this process's
 * own futures, not shared state. Everything the instances share (claims, pauses, the pace) is in
 * PostgreSQL. Thread-safe.
 */
final class AccountGate {
    // SyncService's logger, so the sync's log lines keep the name they always had
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    /** Another instance holds the account: the work was not run here. */
    static final class HeldElsewhere extends RuntimeException {
        HeldElsewhere(long accountId) {
            super("another Meterkast instance is syncing Fluvius account " + accountId, null, false, false);
        }
    }

    /**
     * This instance's lease on the account passed and another instance took the account over: the run ends
     * between two requests, without recording anything (the other instance's run records its own).
     */
    static final class ClaimLost extends RuntimeException {
        ClaimLost(long accountId, String holder) {
            super("instance " + holder + " has taken over Fluvius account " + accountId, null, false, false);
        }
    }

    private final Vertx vertx;
    private final DueWork claims;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the accounts this instance has work queued for. */
    private final Map<Long, Queue> queues = new HashMap<>();

    AccountGate(Vertx vertx, DueWork claims) {
        this.vertx = vertx;
        this.claims = claims;
    }

    /** One account's work on this instance, and the claim it runs under. */
    private final class Queue {
        final long accountId;
        Future<Void> tail = Future.succeededFuture();
        int pending;
        /** Guarded by {@link #lock}; null while the account is not claimed. */
        DueWork.Claim claim;
        long renewTimer = -1;

        Queue(long accountId) {
            this.accountId = accountId;
        }
    }

    /** How many accounts this instance has work for now. */
    int accountsHeld() {
        synchronized (lock) {
            return queues.size();
        }
    }

    /**
     * Runs {@code work} under this instance's claim on the account, after the account's work queued before it.
     * Fails with {@link HeldElsewhere} (without running it) when another instance holds the account.
     */
    <T> Future<T> run(long accountId, Supplier<Future<T>> work) {
        return enqueue(accountId, null, work);
    }

    /** Like {@link #run}, for an account the scheduler has claimed already ({@link DueWork#claimDue}). */
    <T> Future<T> runClaimed(DueWork.Claim claim, Supplier<Future<T>> work) {
        return enqueue(claim.accountId(), claim, work);
    }

    private <T> Future<T> enqueue(long accountId, DueWork.Claim taken, Supplier<Future<T>> work) {
        synchronized (lock) {
            Queue queue = queues.computeIfAbsent(accountId, Queue::new);
            queue.pending++;
            Future<T> job = queue.tail.transform(before -> claimed(queue, taken).compose(claim -> work.get()));
            Future<Void> after = job.transform(done -> finished(queue));
            queue.tail = after;
            // The caller learns the outcome once the claim is released (when this was the last work), so the
            // account is free for other instances by the time a run is reported over
            return after.transform(released -> job);
        }
    }

    /** The claim the next piece of work runs under: the one held, the one the scheduler took, or a new one. */
    private Future<DueWork.Claim> claimed(Queue queue, DueWork.Claim taken) {
        synchronized (lock) {
            if (taken != null) {
                hold(queue, taken);
                return Future.succeededFuture(taken);
            }
            if (queue.claim != null) {
                return Future.succeededFuture(queue.claim);
            }
        }
        return claims.claim(queue.accountId).compose(claim -> {
            if (claim.isEmpty()) {
                return Future.failedFuture(new HeldElsewhere(queue.accountId));
            }
            synchronized (lock) {
                hold(queue, claim.get());
            }
            return Future.succeededFuture(claim.get());
        });
    }

    private void hold(Queue queue, DueWork.Claim claim) {
        queue.claim = claim;
        if (queue.renewTimer < 0) {
            queue.renewTimer = vertx.setPeriodic(DueWork.RENEW_EVERY.toMillis(), id -> renew(queue));
        }
    }

    private void renew(Queue queue) {
        DueWork.Claim claim;
        synchronized (lock) {
            claim = queue.claim;
        }
        if (claim != null) {
            claims.renew(claim).onComplete(renewed -> {
                if (renewed.failed() || !renewed.result()) {
                    LOG.warn("Instance {} could not renew its claim on Fluvius account {}: {}", claims.instance(),
                            claim.accountId(), renewed.failed() ? renewed.cause().toString() : "taken over");
                }
            });
        }
    }

    /** After each piece of work: the last one releases the claim, so other instances may take the account. */
    private Future<Void> finished(Queue queue) {
        DueWork.Claim release;
        synchronized (lock) {
            queue.pending--;
            if (queue.pending > 0) {
                return Future.succeededFuture();
            }
            release = queue.claim;
            queue.claim = null;
            if (queue.renewTimer >= 0) {
                vertx.cancelTimer(queue.renewTimer);
                queue.renewTimer = -1;
            }
        }
        Future<Void> released = release == null ? Future.succeededFuture() : claims.release(release).recover(err -> {
            // the lease ends by itself; until then the account waits
            LOG.warn("Could not release the claim on Fluvius account {}: {}", queue.accountId, err.toString());
            return Future.succeededFuture();
        });
        return released.andThen(done -> {
            synchronized (lock) {
                if (queue.pending == 0 && queues.get(queue.accountId) == queue) {
                    queues.remove(queue.accountId);
                }
            }
        });
    }

    /** Completes when the work queued so far on every account has ended, and its claims are released. */
    Future<Void> drained() {
        List<Future<Void>> tails = new ArrayList<>();
        synchronized (lock) {
            queues.values().forEach(queue -> tails.add(queue.tail));
        }
        return Future.join(tails).transform(done -> claims.releaseAll());
    }
}
