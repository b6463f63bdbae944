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

/**
 * Removes rows nobody will ask for again, so a home server's database does not grow for ever: revoked
 * sessions whose tokens have expired anyway, and invitations that expired unused.
 */
public final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    public static final Duration INTERVAL = Duration.ofHours(6);

    /** What one round removed. */
    public record Removed(int revokedSessions, int expiredInvites) {
    }

    private final SessionRepository sessions;
    private final InviteRepository invites;
    private final Clock clock;

    public Housekeeping(SessionRepository sessions, InviteRepository invites, Clock clock) {
        this.sessions = sessions;
        this.invites = invites;
        this.clock = clock;
    }

    public Future<Removed> runOnce() {
        Instant now = clock.instant();
        return sessions.purgeExpired(now).compose(s -> invites.deleteExpired(now).map(i -> new Removed(s, i)));
    }

    /** Runs every {@link #INTERVAL}; returns the timer id to cancel on shutdown. A failed round waits for the next. */
    public long schedule(Vertx vertx) {
        return vertx.setPeriodic(INTERVAL.toMillis(), id -> runOnce()
                .onSuccess(removed -> LOG.debug("Housekeeping removed {}", removed))
                .onFailure(err -> LOG.warn("Housekeeping failed; it runs again in {}: {}", INTERVAL, err.toString())));
    }
}
