package be.meterkast.store;

import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.app.Housekeeping;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Housekeeping")
class HousekeepingTest extends DatabaseTestBase {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    @DisplayName("removes expired revoked sessions and expired unused invitations, and keeps the rest")
    void removesOnlyWhatExpired(VertxTestContext context) {
        InviteRepository invites = new InviteRepository(pool);
        SessionRepository sessions = new SessionRepository(pool, null);
        Housekeeping housekeeping = new Housekeeping(sessions, invites, Clock.fixed(NOW, ZoneOffset.UTC));
        seed.user()
                .compose(user -> sessions.revoke("old-token", user.id(), NOW.minusSeconds(1))
                        .compose(v -> sessions.revoke("live-token", user.id(), NOW.plus(Duration.ofHours(1))))
                        .compose(v -> invites.create("expired-hash", user.id(), Optional.empty(), Role.MEMBER,
                                NOW.minus(Duration.ofDays(1))))
                        .compose(v -> invites.create("open-hash", user.id(), Optional.empty(), Role.MEMBER,
                                NOW.plus(Duration.ofDays(1)))))
                .compose(v -> housekeeping.runOnce())
                .compose(removed -> pool.query("SELECT (SELECT count(*) FROM revoked_sessions WHERE token_id = 'live-token'),"
                        + " (SELECT count(*) FROM revoked_sessions), (SELECT count(*) FROM invites WHERE token_hash = 'open-hash'),"
                        + " (SELECT count(*) FROM invites)").execute().map(rows -> {
                            var row = rows.iterator().next();
                            return new long[] {removed.revokedSessions(), removed.expiredInvites(), row.getLong(0),
                                    row.getLong(1), row.getLong(2), row.getLong(3)};
                        }))
                .onComplete(context.succeeding(counts -> context.verify(() -> {
                    assertThat(counts).containsExactly(1, 1, 1, 1, 1, 1);
                    context.completeNow();
                })));
    }

    private io.vertx.core.Future<Long> inAnHourLeft() {
        return pool.query("SELECT count(*) FROM revoked_sessions WHERE token_id = 'in-an-hour'").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    @Test
    @DisplayName("a round runs at once, then not again until the interval has passed on the clock")
    void runsAtStartThenEveryInterval(VertxTestContext context) {
        InviteRepository invites = new InviteRepository(pool);
        SessionRepository sessions = new SessionRepository(pool, null);
        be.meterkast.fluvius.sim.SimClock clock = be.meterkast.fluvius.sim.SimClock.fixed(NOW);
        Housekeeping housekeeping = new Housekeeping(sessions, invites, clock);
        java.util.List<Object> rounds = new java.util.ArrayList<>();
        seed.user()
                .compose(user -> sessions.revoke("expired", user.id(), NOW.minusSeconds(1))
                        .compose(v -> sessions.revoke("in-an-hour", user.id(), NOW.plus(Duration.ofHours(1))))
                        .compose(v -> housekeeping.runIfDue()).map(rounds::add)
                        .compose(v -> {
                            clock.advance(Duration.ofHours(2));
                            return housekeeping.runIfDue();
                        }).map(rounds::add)
                        .compose(v -> inAnHourLeft()).map(rounds::add)
                        .compose(v -> {
                            clock.advance(Housekeeping.INTERVAL.minus(Duration.ofHours(2)));
                            return housekeeping.runIfDue();
                        }).map(round -> rounds.add(round.isPresent()))
                        .compose(v -> inAnHourLeft()).map(rounds::add))
                .onComplete(context.succeeding(v -> context.verify(() -> {
                    assertThat(rounds).as("first round, second, row left, third ran, row left").containsExactly(
                            Optional.of(new Housekeeping.Removed(1, 0)), Optional.empty(), 1L, true, 0L);
                    context.completeNow();
                })));
    }
}
