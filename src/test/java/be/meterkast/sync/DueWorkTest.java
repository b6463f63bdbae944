package be.meterkast.sync;

import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.AccountSyncRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The due-work claim in PostgreSQL: which instance runs an account, and for how long. */
class DueWorkTest extends SyncTestBase {
    private AccountSyncRepository shared;
    private DueWork first;
    private DueWork second;

    @BeforeEach
    void instances() {
        shared = new AccountSyncRepository(database.pool());
        first = new DueWork(shared, new SyncInstance("first"), clock);
        second = new DueWork(shared, new SyncInstance("second"), clock);
    }

    /** A household's account with one meter never synced: due at once. */
    private long accountWithDueMeter(String email) {
        long household = household();
        long account = accounts.create(household, email, "pw").await().id();
        meter(household, account, SimAccounts.FAMILY_PLAIN);
        return account;
    }

    @Test
    @DisplayName("a scan claims each account with due work once: a second instance scanning after it gets none of them")
    void claimedOnce() {
        long a = accountWithDueMeter("a@example.com");
        long b = accountWithDueMeter("b@example.com");

        var claimedFirst = first.claimDue(DueWork.ACCOUNTS_AT_ONCE).await();
        var claimedSecond = second.claimDue(DueWork.ACCOUNTS_AT_ONCE).await();

        assertThat(claimedFirst).extracting(DueWork.Claim::accountId).containsExactly(a, b);
        assertThat(claimedSecond).isEmpty();
    }

    @Test
    @DisplayName("an account paused by Fluvius, or whose password was refused, is not claimed")
    void pausedAndBlockedWait() {
        long paused = accountWithDueMeter("paused@example.com");
        long refused = accountWithDueMeter("refused@example.com");
        shared.pause(paused, NOW.plus(Duration.ofMinutes(5))).await();
        accounts.updateStatus(refused, AccountStatus.NEEDS_PASSWORD, Optional.of("refused"), Optional.empty()).await();

        assertThat(first.claimDue(DueWork.ACCOUNTS_AT_ONCE).await()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(first.claimDue(DueWork.ACCOUNTS_AT_ONCE).await()).extracting(DueWork.Claim::accountId)
                .containsExactly(paused);
    }

    @Test
    @DisplayName("a claim holds while it is renewed and lapses when its lease passes: then another instance takes the account")
    void leaseLapsesUnlessRenewed() {
        long account = accountWithDueMeter("a@example.com");
        DueWork.Claim claim = first.claim(account).await().orElseThrow();

        clock.advance(DueWork.LEASE.minusSeconds(1));
        boolean renewed = first.renew(claim).await();
        clock.advance(DueWork.LEASE.minusSeconds(1));
        Optional<DueWork.Claim> whileRenewed = second.claim(account).await();
        clock.advance(Duration.ofSeconds(2));
        Optional<DueWork.Claim> afterLease = second.claim(account).await();

        assertThat(renewed).isTrue();
        assertThat(whileRenewed).isEmpty();
        assertThat(afterLease).isPresent();
        assertThat(first.renew(claim).await()).as("the first instance's claim is no longer its own").isFalse();
    }

    @Test
    @DisplayName("a released claim is free at once")
    void release() {
        long account = accountWithDueMeter("a@example.com");
        DueWork.Claim claim = first.claim(account).await().orElseThrow();

        first.release(claim).await();

        assertThat(second.claim(account).await()).isPresent();
    }
}
