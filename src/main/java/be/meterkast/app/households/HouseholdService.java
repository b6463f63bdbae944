package be.meterkast.app.households;

import be.meterkast.app.users.UserService;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Household;
import be.meterkast.store.HouseholdSummary;
import be.meterkast.store.Invite;
import be.meterkast.store.InviteTokens;
import be.meterkast.store.Membership;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Repositories;
import be.meterkast.store.Role;
import be.meterkast.store.User;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Households and who belongs to them: creating one, the user's role in it, what its page shows, and
 * invitations (to a household, or to the portal only) with their acceptance; and their end: deleting a
 * household, leaving one, the administrator taking one over, and removing a user. A household never loses
 * its last owner: whoever removes one says what becomes of it (deleted, or handed to someone else).
 */
public final class HouseholdService {
    /** How long an invitation link works. */
    public static final Duration INVITE_LIFETIME = Duration.ofDays(7);
    /**
     * Serialises every change that can take an owner away (leaving, removing a user), so two owners leaving
     * at once cannot both see the other as the one who stays.
     */
    private static final long OWNERSHIP_LOCK = 0x4d6b4f77L;

    private final Clock clock;
    private final Repositories store;
    private final UserService users;
    private final SyncControl sync;

    public HouseholdService(Clock clock, Repositories store, UserService users, SyncControl sync) {
        this.clock = clock;
        this.store = store;
        this.users = users;
        this.sync = sync;
    }

    /** What deleting a household removes: shown on the confirmation page before it goes. */
    public record Contents(Household household, List<Membership> members, List<FluviusAccount> accounts,
                           List<Meter> meters, long readings) {
    }

    /**
     * What becomes of a household that would lose its only owner: deleted, or owned by {@code handOverTo}
     * (another member, or the administrator doing the removal).
     */
    public record Fate(Optional<Long> handOverTo) {
        public static final Fate DELETE = new Fate(Optional.empty());

        public static Fate handOverTo(long userId) {
            return new Fate(Optional.of(userId));
        }
    }

    /** How a removal went: done, or refused because these households (sole-owned) had no fate, or a wrong one. */
    public record Removal(boolean found, List<Household> undecided) {
        public boolean done() {
            return found && undecided.isEmpty();
        }

        static Removal notFound() {
            return new Removal(false, List.of());
        }
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

    /** An invitation as its page shows it: the household it is to (empty: the portal only) and the role. */
    public record Invitation(Optional<Household> household, Role role) {
    }

    /** What adding an existing user to a household did. */
    public enum Addition { ADDED, ALREADY_MEMBER, NO_SUCH_USER }

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

    /** For an owner or the administrator: the household with everything deleting it would remove. */
    public Future<Optional<Contents>> contents(long householdId) {
        Future<Optional<Household>> household = store.households().findById(householdId);
        Future<List<Membership>> members = store.households().members(householdId);
        Future<List<FluviusAccount>> accounts = store.accounts().listForHousehold(householdId);
        Future<List<Meter>> meters = store.meters().listForHousehold(householdId);
        Future<Long> readings = store.readings().countForHousehold(householdId);
        return Future.all(household, members, accounts, meters, readings).map(all -> household.result()
                .map(h -> new Contents(h, members.result(), accounts.result(), meters.result(), readings.result())));
    }

    /**
     * Deletes the household with its meters, readings, Fluvius accounts (password and tokens), invitations and
     * memberships; the sync forgets its accounts. Whether there was such a household.
     */
    public Future<Boolean> delete(long householdId) {
        List<Long> accountIds = new ArrayList<>();
        return store.inTransaction(tx -> deleteIn(tx, householdId, accountIds))
                .onSuccess(deleted -> forgetAccounts(accountIds));
    }

    /** Every household, for the administrator; those without an owner show as such. */
    public Future<List<HouseholdSummary>> summaries() {
        return store.households().summaries();
    }

    /** The administrator becomes an owner (of an orphaned household, say). Whether there was such a household. */
    public Future<Boolean> takeOver(long householdId, long adminUserId) {
        return store.households().findById(householdId).compose(found -> found.isEmpty()
                ? Future.succeededFuture(false)
                : store.households().addMember(householdId, adminUserId, Role.OWNER).map(true));
    }

    /** What {@link #soleOwnerOf} lists, with everything in each: what a fate decides about. */
    public Future<List<Contents>> soleOwnedContents(long userId) {
        return soleOwnerOf(userId).compose(households -> {
            List<Future<Optional<Contents>>> each = households.stream().map(h -> contents(h.id())).toList();
            return Future.all(each).map(all -> each.stream().flatMap(f -> f.result().stream()).toList());
        });
    }

    /** The households that would have no owner without this user: removing them needs a {@link Fate} for each. */
    public Future<List<Household>> soleOwnerOf(long userId) {
        return store.households().soleOwnerOf(userId);
    }

    /**
     * The user leaves the household. Their only owner must give its fate: handed over to another member, or
     * deleted; without one (or with a hand-over to someone who is not a member) nothing changes and the
     * household is listed as undecided.
     */
    public Future<Removal> leave(long householdId, long userId, Optional<Fate> fate) {
        List<Long> accountIds = new ArrayList<>();
        return store.inExclusiveTransaction(OWNERSHIP_LOCK, tx -> tx.households().membership(userId, householdId)
                        .compose(role -> {
                            if (role.isEmpty()) {
                                return Future.succeededFuture(Removal.notFound());
                            }
                            return tx.households().soleOwnerOf(userId).compose(sole -> {
                                Optional<Household> owned = sole.stream().filter(h -> h.id() == householdId).findFirst();
                                if (owned.isEmpty()) {
                                    return tx.households().removeMember(householdId, userId)
                                            .map(v -> new Removal(true, List.of()));
                                }
                                return settle(tx, owned.get(), userId, fate, Optional.empty(), accountIds)
                                        .compose(settled -> !settled
                                                ? Future.succeededFuture(new Removal(true, List.of(owned.get())))
                                                : tx.households().removeMember(householdId, userId)
                                                .map(v -> new Removal(true, List.of())));
                            });
                        }))
                .onSuccess(removal -> forgetAccounts(accountIds));
    }

    /**
     * Removes a user (the administrator's action; their sessions end at once). Each household they are the
     * only owner of needs its fate in {@code fates}: deleted, or handed to another member or to
     * {@code byAdminId}. Without a fate for every one of them nothing is removed and they come back as undecided.
     */
    public Future<Removal> removeUser(long userId, long byAdminId, Map<Long, Fate> fates) {
        List<Long> accountIds = new ArrayList<>();
        return store.inExclusiveTransaction(OWNERSHIP_LOCK, tx -> tx.users().findById(userId).compose(user -> {
                    if (user.isEmpty()) {
                        return Future.succeededFuture(Removal.notFound());
                    }
                    return tx.households().soleOwnerOf(userId).compose(sole -> {
                        List<Household> undecided = new ArrayList<>();
                        Future<Void> settled = Future.succeededFuture();
                        for (Household household : sole) {
                            settled = settled.compose(v -> settle(tx, household, userId,
                                    Optional.ofNullable(fates.get(household.id())), Optional.of(byAdminId), accountIds)
                                    .map(done -> {
                                        if (!done) {
                                            undecided.add(household);
                                        }
                                        return null;
                                    }));
                        }
                        // Undecided: fail, so the transaction rolls back what was settled already
                        return settled.compose(v -> undecided.isEmpty()
                                ? tx.users().delete(userId).map(deleted -> new Removal(true, List.of()))
                                : Future.failedFuture(new Undecided(undecided)));
                    });
                }))
                .recover(err -> err instanceof Undecided undecided
                        ? Future.succeededFuture(new Removal(true, undecided.households))
                        : Future.failedFuture(err))
                .onSuccess(removal -> {
                    if (removal.done()) {
                        forgetAccounts(accountIds);
                    }
                });
    }

    /** Rolls back a removal that left a household without fate. */
    private static final class Undecided extends RuntimeException {
        private final List<Household> households;

        Undecided(List<Household> households) {
            super("households without a fate", null, false, false);
            this.households = households;
        }
    }

    /**
     * Carries out a sole-owned household's fate, as part of {@code tx}; false when there is none or it hands
     * over to someone who may not take it (only another member, or {@code admin}).
     */
    private static Future<Boolean> settle(Repositories tx, Household household, long leavingUserId, Optional<Fate> fate,
                                          Optional<Long> admin, List<Long> accountIds) {
        if (fate.isEmpty()) {
            return Future.succeededFuture(false);
        }
        Optional<Long> heir = fate.get().handOverTo();
        if (heir.isEmpty()) {
            return deleteIn(tx, household.id(), accountIds);
        }
        long to = heir.get();
        if (to == leavingUserId) {
            return Future.succeededFuture(false);
        }
        return tx.households().membership(to, household.id()).compose(role -> {
            if (role.isEmpty() && !admin.equals(Optional.of(to))) {
                return Future.succeededFuture(false);
            }
            return tx.households().addMember(household.id(), to, Role.OWNER).map(true);
        });
    }

    private static Future<Boolean> deleteIn(Repositories tx, long householdId, List<Long> accountIds) {
        return tx.accounts().listForHousehold(householdId).compose(accounts -> {
            accounts.forEach(account -> accountIds.add(account.id()));
            return tx.households().delete(householdId);
        });
    }

    /** After the commit: the rows are gone, so no sync may go on with what it holds of them in memory. */
    private void forgetAccounts(List<Long> accountIds) {
        accountIds.forEach(sync::accountRemoved);
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

    /** The invitation while it is usable; empty when unknown, used or expired. */
    public Future<Optional<Invitation>> invitation(String token) {
        return store.invites().findUsable(InviteTokens.hash(token), clock.instant()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<Invitation>empty());
            }
            Invite invite = found.get();
            return invite.householdId().map(id -> store.households().findById(id))
                    .orElse(Future.succeededFuture(Optional.empty()))
                    .map(household -> Optional.of(new Invitation(household, invite.role())));
        });
    }

    /**
     * A signed-in user accepts the invitation: they join its household in its role (an owner stays owner) and the
     * invitation is used up. The household they joined, empty for an invitation to the portal only (which they
     * are on already: it stays unused, for someone else). Fails with {@link InvitationUsed} when it was used
     * meanwhile.
     */
    public Future<Optional<Long>> joinByInvitation(String token, long userId) {
        return invitation(token).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new InvitationUsed());
            }
            if (found.get().household().isEmpty()) {
                return Future.succeededFuture(Optional.<Long>empty());
            }
            return store.inTransaction(tx -> tx.invites().redeem(InviteTokens.hash(token), userId, clock.instant())
                    .compose(invite -> invite.isEmpty() || invite.get().householdId().isEmpty()
                            ? Future.<Optional<Long>>failedFuture(new InvitationUsed())
                            : tx.households().join(invite.get().householdId().get(), userId, invite.get().role())
                            .map(joined -> invite.get().householdId())));
        });
    }

    /**
     * An owner (or the administrator) adds someone who has an account already, by username, in {@code role};
     * a member added as owner is promoted, an owner is never demoted.
     */
    public Future<Addition> addExistingUser(long householdId, String username, Role role) {
        return store.users().findByUsername(username).compose(user -> user.isEmpty()
                ? Future.succeededFuture(Addition.NO_SUCH_USER)
                : store.households().join(householdId, user.get().id(), role)
                .map(joined -> joined ? Addition.ADDED : Addition.ALREADY_MEMBER));
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
