package be.meterkast.sync;

import io.vertx.core.Future;

/** What the web layer may ask of the sync: everything else it reads from the store. */
public interface SyncControl {
    /** Stores the account (password encrypted) and signs in once, right away, to tell the owner how it went. */
    Future<LinkResult> linkAccount(long householdId, String email, String password);

    /** A new password for an account Fluvius refused; signs in once with it. */
    Future<LinkResult> updatePassword(long accountId, String password);

    /** Starts the backfill of a newly added meter. */
    Future<Void> meterAdded(long meterId);

    /** Runs an incremental sync of the meter now ("refresh now"). */
    Future<Void> refreshNow(long meterId);

    /**
     * The account was unlinked, or its household deleted: its row is gone. Forgets its tokens, and no sign-in
     * or request under way for it goes on (its meters, if kept, have no account and are not scheduled).
     */
    void accountRemoved(long accountId);

    /** What the sync did since start-up, for metrics; a sync that counts nothing reports zeros. */
    default SyncCounters counters() {
        return SyncCounters.NONE;
    }

    /** A sync that runs in the background and can be stopped (between steps) when the server shuts down. */
    interface Managed extends SyncControl {
        /**
         * Starts the background work; the server calls it once it answers on its port, so {@code /health}
         * answers while the first sync runs. Completes once started, not when the first sync is done.
         */
        default Future<Void> start() {
            return Future.succeededFuture();
        }

        Future<Void> stop();
    }
}
