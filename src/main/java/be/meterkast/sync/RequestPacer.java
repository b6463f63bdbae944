package be.meterkast.sync;

import be.meterkast.store.AccountSyncRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * Spaces the data requests of one Fluvius account, whichever instance sends them: each request takes the
 * account's next slot in PostgreSQL ({@code account_sync.next_request_at}, advanced atomically by
 * {@code spacing}) and waits for it on a Vert.x timer (never by blocking). Accounts do not wait for each
 * other. The slots are on the database's clock on purpose: politeness is about real seconds, whatever the
 * sync's clock says, and one clock for every instance keeps their slots apart.
 *
 * <p>Taking a slot is also the fence of a claim: a request of an account whose claim another instance has
 * taken over (this one's lease lapsed) fails with {@link AccountGate.ClaimLost} instead of being sent twice.
 */
final class RequestPacer {
    private final Vertx vertx;
    private final AccountSyncRepository shared;
    private final Duration spacing;
    private final SyncInstance instance;

    RequestPacer(Vertx vertx, AccountSyncRepository shared, Duration spacing, SyncInstance instance) {
        this.vertx = vertx;
        this.shared = shared;
        this.spacing = spacing;
        this.instance = instance;
    }

    /** Completes when the account may send its next request. */
    Future<Void> permit(long accountId) {
        return shared.nextRequest(accountId, spacing).compose(slot -> {
            if (slot.claimedBy().filter(holder -> !holder.equals(instance.id())).isPresent()) {
                return Future.failedFuture(new AccountGate.ClaimLost(accountId, slot.claimedBy().get()));
            }
            long millis = slot.delay().toMillis();
            return millis <= 0 ? Future.<Void>succeededFuture() : vertx.timer(millis).<Void>mapEmpty();
        });
    }
}
