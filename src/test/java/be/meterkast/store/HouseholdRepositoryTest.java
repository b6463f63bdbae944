package be.meterkast.store;

import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HouseholdRepositoryTest extends DatabaseTestBase {
    private HouseholdRepository households;

    @BeforeEach
    void repository() {
        households = new HouseholdRepository(pool);
    }

    @Test
    @DisplayName("The creator of a household is its owner")
    void creatorIsOwner(VertxTestContext context) {
        seed.household()
                .compose(owned -> households.listForUser(owned.owner().id()))
                .onComplete(context.succeeding(memberships -> context.verify(() -> {
                    assertThat(memberships).singleElement().extracting(Membership::role).isEqualTo(Role.OWNER);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A user outside the household has no membership in it")
    void outsiderHasNoMembership(VertxTestContext context) {
        seed.household()
                .compose(owned -> seed.user().compose(outsider -> households.membership(outsider.id(), owned.household().id())))
                .onComplete(context.succeeding(role -> context.verify(() -> {
                    assertThat(role).isEmpty();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("An added member sees the household with role member, and is listed after the owner")
    void addMember(VertxTestContext context) {
        seed.household()
                .compose(owned -> seed.user().compose(member -> households.addMember(owned.household().id(), member.id(), Role.MEMBER)
                        .compose(added -> households.membership(member.id(), owned.household().id()))
                        .compose(role -> households.members(owned.household().id()).map(members -> {
                            assertThat(role).contains(Role.MEMBER);
                            return members;
                        }))))
                .onComplete(context.succeeding(members -> context.verify(() -> {
                    assertThat(members).extracting(Membership::role).containsExactly(Role.OWNER, Role.MEMBER);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Adding an existing member again changes their role instead of failing")
    void addMemberTwiceChangesRole(VertxTestContext context) {
        seed.household()
                .compose(owned -> seed.user().compose(member -> households.addMember(owned.household().id(), member.id(), Role.MEMBER)
                        .compose(added -> households.addMember(owned.household().id(), member.id(), Role.OWNER))
                        .compose(added -> households.membership(member.id(), owned.household().id()))))
                .onComplete(context.succeeding(role -> context.verify(() -> {
                    assertThat(role).contains(Role.OWNER);
                    context.completeNow();
                })));
    }
}
