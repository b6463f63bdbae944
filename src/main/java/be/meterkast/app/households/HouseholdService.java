package be.meterkast.app.households;

import be.meterkast.app.users.UserService;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Household;
import be.meterkast.store.Invite;
import be.meterkast.store.InviteTokens;
import be.meterkast.store.Membership;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Repositories;
import be.meterkast.store.Role;
import be.meterkast.store.User;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Households and who belongs to them: creating one, the user's role in it, what its page shows, and
 * invitations (to a household, or to the portal only) with their acceptance.
 */
public final class HouseholdService {
    /** How long an invitation link works. */
    public static final Duration INVITE_LIFETIME = Duration.ofDays(7);

    private final Clock clock;
    private final Repositories store;
    private final UserService users;

    public HouseholdService(Clock clock, Repositories store, UserService users) {
        this.clock = clock;
        this.store = store;
        this.users = users;
    }

    /** A household page's contents; the syncs are those of every meter the user can see. */
    public record Overview(Household household, List<Membership> members, List<FluviusAccount> accounts,
                           List<Meter> meters, Map<Long, MeterSync> syncs) {
    }

    /** Someone else used the invitation between opening and submitting the form. */
    public static final class InvitationUsed extends RuntimeException {
        InvitationUsed() {
            super("invitation already used", null, false, false);
        }
    }

    public Future<Household> create(String name, long ownerUserId) {
        return store.households().create(name, ownerUserId);
    }

    /** The households the user belongs to, with their role in each. */
    public Future<List<Membership>> memberships(long userId) {
        return store.households().listForUser(userId);
    }

    /** The user's role in the household; empty when they are not a member (or there is no such household). */
    public Future<Optional<Role>> role(long userId, long householdId) {
        return store.households().membership(userId, householdId);
    }

    /** For a member (checked with {@link #role}): the household, its members, accounts and meters. */
    public Future<Optional<Overview>> overview(long householdId, long userId) {
        Future<Optional<Household>> household = store.households().findById(householdId);
        Future<List<Membership>> members = store.households().members(householdId);
        Future<List<FluviusAccount>> accounts = store.accounts().listForHousehold(householdId);
        Future<List<Meter>> meters = store.meters().listForHousehold(householdId);
        Future<Map<Long, MeterSync>> syncs = store.meterSync().forUser(userId);
        return Future.all(household, members, accounts, meters, syncs).map(all -> household.result()
                .map(h -> new Overview(h, members.result(), accounts.result(), meters.result(), syncs.result())));
    }

    /**
     * A new invitation link's secret token (only its hash is stored). {@code householdId} empty: to the
     * portal only.
     */
    public Future<String> invite(long byUserId, Optional<Long> householdId, Role role) {
        String token = InviteTokens.generate();
        return store.invites().create(InviteTokens.hash(token), byUserId, householdId, role,
                clock.instant().plus(INVITE_LIFETIME)).map(invite -> token);
    }

    /** Whether the token is an invitation that exists, is unused and has not expired. */
    public Future<Boolean> invitationUsable(String token) {
        return store.invites().findUsable(InviteTokens.hash(token), clock.instant()).map(Optional::isPresent);
    }

    /**
     * The new user who accepted the invitation, a member of its household (if any) in its role. Fails with
     * {@link InvitationUsed} when it was used meanwhile, {@code DuplicateUsername} when the name is taken;
     * either way nothing is stored.
     */
    public Future<User> acceptInvitation(String token, UserService.NewUser newUser) {
        return users.hash(newUser.password()).compose(hash -> store.inTransaction(tx ->
                users.create(tx, newUser, hash, false).compose(user ->
                        tx.invites().redeem(InviteTokens.hash(token), user.id(), clock.instant())
                                .compose(invite -> join(tx, user, invite)))));
    }

    private static Future<User> join(Repositories tx, User user, Optional<Invite> invite) {
        if (invite.isEmpty()) {
            return Future.failedFuture(new InvitationUsed());
        }
        return invite.get().householdId()
                .map(householdId -> tx.households().addMember(householdId, user.id(), invite.get().role()))
                .orElse(Future.succeededFuture())
                .map(user);
    }
}
