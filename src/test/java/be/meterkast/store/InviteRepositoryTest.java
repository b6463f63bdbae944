package be.meterkast.store;

import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InviteRepositoryTest extends DatabaseTestBase {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private InviteRepository invites;

    @BeforeEach
    void repository() {
        invites = new InviteRepository(pool);
    }

    @Test
    @DisplayName("An invitation can be redeemed once; the second attempt finds nothing")
    void redeemOnce(VertxTestContext context) {
        String token = InviteTokens.generate();
        seed.household()
                .compose(owned -> invites.create(InviteTokens.hash(token), owned.owner().id(),
                        Optional.of(owned.household().id()), Role.MEMBER, NOW.plus(Duration.ofDays(7))))
                .compose(invite -> seed.user())
                .compose(invitee -> invites.redeem(InviteTokens.hash(token), invitee.id(), NOW)
                        .compose(first -> {
                            assertThat(first).map(Invite::usedBy).contains(Optional.of(invitee.id()));
                            return invites.redeem(InviteTokens.hash(token), invitee.id(), NOW.plusSeconds(1));
                        }))
                .onComplete(context.succeeding(second -> context.verify(() -> {
                    assertThat(second).isEmpty();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("An expired invitation is not usable")
    void expiredNotUsable(VertxTestContext context) {
        String token = InviteTokens.generate();
        seed.user()
                .compose(admin -> invites.create(InviteTokens.hash(token), admin.id(), Optional.empty(), Role.OWNER,
                        NOW.plus(Duration.ofDays(1))))
                .compose(invite -> invites.findUsable(InviteTokens.hash(token), NOW.plus(Duration.ofDays(2))))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).isEmpty();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Only the token's hash is stored, never the token")
    void tokenNotStored(VertxTestContext context) {
        String token = InviteTokens.generate();
        seed.user()
                .compose(admin -> invites.create(InviteTokens.hash(token), admin.id(), Optional.empty(), Role.OWNER,
                        NOW.plus(Duration.ofDays(1))))
                .compose(invite -> pool.query("SELECT count(*) AS n FROM invites WHERE token_hash = '" + token + "'").execute())
                .onComplete(context.succeeding(rows -> context.verify(() -> {
                    assertThat(rows.iterator().next().getLong("n")).isZero();
                    context.completeNow();
                })));
    }
}
