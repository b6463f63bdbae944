package be.meterkast.app;

import be.meterkast.store.InviteRepository;
import be.meterkast.store.SessionRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Removes rows nobody will ask for again, so a home server's database does not grow for ever: revoked
 * sessions whose tokens have expired anyway, and invitations that expired unused.
 *
 * <p>A round runs at start-up and then every {@link #INTERVAL} by the portal's clock. A timer only looks every
 * {@link #CHECK_EVERY} whether one is due: a timer of six hours would never fire on a server restarted more
 * often than that, and a clock is what tests can move.
 */
public final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    public static final Duration INTERVAL = Duration.ofHours(6);
    public static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    /** What one round removed. */
    public record Removed(int revokedSessions, int expiredInvites) {
    }

    private final SessionRepository sessions;
    private final InviteRepository invites;
    private final Clock clock;
    /** Guarded by {@code this}; null until the first round: due at once. */
    private Instant nextRound;
    /** Guarded by {@code this}: the round under way (or the last one), which {@link #stop} waits for. */
    private Future<Removed> current = Future.succeededFuture(new Removed(0, 0));
    private Vertx timerVertx;
    private long timerId = -1;

    public Housekeeping(SessionRepository sessions, InviteRepository invites, Clock clock) {
        this.sessions = sessions;
        this.invites = invites;
        this.clock = clock;
    }

    public Future<Removed> runOnce() {
        Instant now = clock.instant();
        return sessions.purgeExpired(now).compose(s -> invites.deleteExpired(now).map(i -> new Removed(s, i)));
    }

    /**
     * Runs a round when one is due (the first at once, then {@link #INTERVAL} after the one before); empty when
     * none was. A failed round is not repeated before the next is due.
     */
    public Future<Optional<Removed>> runIfDue() {
        Instant now = clock.instant();
        synchronized (this) {
            if (nextRound != null && now.isBefore(nextRound)) {
                return Future.succeededFuture(Optional.empty());
            }
            nextRound = now.plus(INTERVAL);
            current = runOnce();
            return current.map(Optional::of);
        }
    }

    /** Checks at once and then every {@link #CHECK_EVERY}, until {@link #stop}. */
    public synchronized void schedule(Vertx vertx) {
        timerVertx = vertx;
        timerId = vertx.setPeriodic(1, CHECK_EVERY.toMillis(), id -> runIfDue()
                .onSuccess(removed -> removed.ifPresent(r -> LOG.debug("Housekeeping removed {}", r)))
                .onFailure(err -> LOG.warn("Housekeeping failed; it runs again in {}: {}", INTERVAL, err.toString())));
    }

    /** Stops the timer; completes when a round under way is over, so the database can close after it. */
    public synchronized Future<Void> stop() {
        if (timerId >= 0) {
            timerVertx.cancelTimer(timerId);
            timerId = -1;
        }
        return current.<Void>mapEmpty().recover(err -> Future.succeededFuture());
    }
}
