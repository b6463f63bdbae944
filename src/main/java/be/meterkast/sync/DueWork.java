package be.meterkast.sync;

import be.meterkast.store.AccountSyncRepository;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The due-work claim: which accounts this instance runs now. Work is claimed per Fluvius account, so an
 * account's meters run one after another on one instance and never twice at once. A claim is a lease: it
 * ends {@link #LEASE} after it was taken or last renewed (on the sync's clock), so the accounts of an instance
 * that died are taken over by another once its leases have passed.
 */
final class DueWork {
    /** How long a claim lasts unless renewed; a run renews it every {@link #RENEW_EVERY}. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** Real time, a quarter of the lease: three renewals may fail before another instance takes over. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    /** At most this many accounts run at once on one instance; the next scans claim the rest. */
    static final int ACCOUNTS_AT_ONCE = 16;

    /** An account claimed, and which of this instance's claims it is (renewals and the release name it). */
    record Claim(long accountId, long claimId) {
    }

    private final AccountSyncRepository shared;
    private final SyncInstance instance;
    private final Clock clock;
    private final AtomicLong claimIds = new AtomicLong();

    DueWork(AccountSyncRepository shared, SyncInstance instance, Clock clock) {
        this.shared = shared;
        this.instance = instance;
        this.clock = clock;
    }

    SyncInstance instance() {
        return instance;
    }

    /** Claims up to {@code limit} accounts with due work that no instance holds. */
    Future<List<Claim>> claimDue(int limit) {
        if (limit <= 0) {
            return Future.succeededFuture(List.of());
        }
        long claimId = claimIds.incrementAndGet();
        return shared.claimDue(instance.id(), claimId, clock.instant(), clock.instant().plus(LEASE),
                        StoredAccountVault.BLOCKED, limit)
                .map(accounts -> accounts.stream().map(account -> new Claim(account, claimId)).toList());
    }

    /** Claims the account whatever is due; empty when another instance holds it. */
    Future<Optional<Claim>> claim(long accountId) {
        long claimId = claimIds.incrementAndGet();
        return shared.claim(accountId, instance.id(), claimId, clock.instant(), clock.instant().plus(LEASE))
                .map(taken -> taken ? Optional.of(new Claim(accountId, claimId)) : Optional.empty());
    }

    /** False when the claim is no longer this instance's: its lease passed and another took the account. */
    Future<Boolean> renew(Claim claim) {
        return shared.renew(claim.accountId(), instance.id(), claim.claimId(), clock.instant().plus(LEASE));
    }

    Future<Void> release(Claim claim) {
        return shared.release(claim.accountId(), instance.id(), claim.claimId());
    }

    Future<Void> releaseAll() {
        return shared.releaseAll(instance.id());
    }

    /** Whether some instance (this one included) holds a claim on the account that has not lapsed. */
    Future<Boolean> held(long accountId) {
        return shared.claimant(accountId, clock.instant()).map(Optional::isPresent);
    }
}
