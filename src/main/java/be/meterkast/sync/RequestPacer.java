package be.meterkast.sync;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces the data requests of one Fluvius account: each permit is granted at least {@code spacing} after
 * the previous one, by a Vert.x timer (never by blocking). Accounts do not wait for each other.
 * Wall-clock time on purpose: politeness is about real seconds, whatever the sync's clock says.
 */
final class RequestPacer {
    private final Vertx vertx;
    private final long spacingNanos;
    private final Map<Long, Long> nextSlot = new ConcurrentHashMap<>();

    RequestPacer(Vertx vertx, Duration spacing) {
        this.vertx = vertx;
        this.spacingNanos = spacing.toNanos();
    }

    /** Completes when the account may send its next request. */
    Future<Void> permit(long accountId) {
        long now = System.nanoTime();
        long slot = nextSlot.compute(accountId, (id, next) -> (next == null || next - now < 0 ? now : next)
                + spacingNanos) - spacingNanos;
        long delayMillis = (slot - now + 999_999) / 1_000_000;
        return delayMillis <= 0 ? Future.succeededFuture() : vertx.timer(delayMillis).mapEmpty();
    }
}
