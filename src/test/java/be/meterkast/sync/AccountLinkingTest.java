package be.meterkast.sync;

import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository.StoredTokens;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AccountLinkingTest extends SyncTestBase {

    @Test
    @DisplayName("linking with the right password signs in once and leaves the account LINKED")
    void linksWithRightPassword() {
        LinkResult result = sync().linkAccount(household(), SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await();

        assertThat(result.status()).isEqualTo(AccountStatus.LINKED);
        assertThat(result.message()).isEmpty();
        FluviusAccount stored = accounts.findById(result.accountId()).await().orElseThrow();
        assertThat(stored.status()).isEqualTo(AccountStatus.LINKED);
        assertThat(stored.tokenExpiresAt()).isPresent();
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("the linked account's password and tokens are stored encrypted: no plaintext byte sequence of them in the row")
    void secretsStoredEncrypted() {
        long accountId = sync().linkAccount(household(), SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await()
                .accountId();
        StoredTokens tokens = accounts.secrets(accountId).await().orElseThrow().tokens().orElseThrow();

        Row row = database.pool().preparedQuery("""
                        SELECT password_secret, tokens_secret, a::text AS whole_row FROM fluvius_accounts a WHERE id = $1""")
                .execute(io.vertx.sqlclient.Tuple.of(accountId)).await().iterator().next();

        byte[] password = row.getBuffer("password_secret").getBytes();
        byte[] tokenSecret = row.getBuffer("tokens_secret").getBytes();
        for (String plaintext : new String[] {SimAccounts.DEMO_PASSWORD, tokens.accessToken(), tokens.refreshToken()}) {
            byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
            assertThat(contains(password, bytes)).as("password_secret holds plaintext").isFalse();
            assertThat(contains(tokenSecret, bytes)).as("tokens_secret holds plaintext").isFalse();
            assertThat(row.getString("whole_row")).doesNotContain(plaintext);
        }
        assertThat(accounts.secrets(accountId).await().orElseThrow().password()).isEqualTo(SimAccounts.DEMO_PASSWORD);
    }

    @Test
    @DisplayName("a wrong password leaves the account NEEDS_PASSWORD after exactly one attempt at Fluvius")
    void wrongPasswordOneAttempt() {
        LinkResult result = sync().linkAccount(household(), SimAccounts.DEMO_EMAIL, "not-the-password").await();

        assertThat(result.status()).isEqualTo(AccountStatus.NEEDS_PASSWORD);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("rejected the email or password"));
        assertThat(accounts.findById(result.accountId()).await().orElseThrow().status())
                .isEqualTo(AccountStatus.NEEDS_PASSWORD);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("after a rejected password, later scheduler runs never try it again and the meter says it needs a new password")
    void schedulerNeverRetriesRejectedPassword() {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, "not-the-password").await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_SOLAR);

        for (int i = 0; i < 3; i++) {
            sync.runDue().await();
            clock.advance(Duration.ofHours(7));
        }
        sync.refreshNow(meter.id()).otherwiseEmpty().await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(simulator.stats().dataRequests()).isZero();
        MeterSync state = syncs.get(meter.id()).await();
        assertThat(state.lastError()).hasValueSatisfying(e -> assertThat(e).contains("needs a new password"));
        assertThat(state.nextRunAt()).isEmpty();
    }

    @Test
    @DisplayName("an account with two-step verification becomes MFA_REQUIRED and is not tried again by the scheduler")
    void mfaRequired() {
        SyncService sync = sync();
        long household = household();
        LinkResult result = sync.linkAccount(household, SimAccounts.MFA_EMAIL, SimAccounts.MFA_PASSWORD).await();
        meter(household, result.accountId(), SimAccounts.MFA_PLAIN);

        sync.runDue().await();
        sync.runDue().await();

        assertThat(result.status()).isEqualTo(AccountStatus.MFA_REQUIRED);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("extra step"));
        assertThat(simulator.stats().passwordAttempts(SimAccounts.MFA_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a locked Fluvius account becomes LOCKED and its password is not tried again")
    void locked() {
        simulator.options().lockoutThreshold(1);
        SyncService sync = sync();
        sync.linkAccount(household(), SimAccounts.DEMO_EMAIL, "wrong-once").await();

        LinkResult result = sync.linkAccount(household(), SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await();
        sync.runDue().await();

        assertThat(result.status()).isEqualTo(AccountStatus.LOCKED);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(2);
    }

    @Test
    @DisplayName("entering a new password lifts the block, signs in once and links the account")
    void newPasswordLinks() {
        SyncService sync = sync();
        long accountId = sync.linkAccount(household(), SimAccounts.DEMO_EMAIL, "not-the-password").await().accountId();

        LinkResult result = sync.updatePassword(accountId, SimAccounts.DEMO_PASSWORD).await();

        assertThat(result.status()).isEqualTo(AccountStatus.LINKED);
        assertThat(accounts.findById(accountId).await().orElseThrow().status()).isEqualTo(AccountStatus.LINKED);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(2);
    }

    @Test
    @DisplayName("an outage while linking keeps the account UNAVAILABLE, and the scheduler links it once the retry time has come")
    void unavailableRetriedLater() {
        SyncService sync = sync();
        simulator.options().failNext(503, 1);

        LinkResult result = sync.linkAccount(household(), SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await();
        FluviusAccount waiting = accounts.findById(result.accountId()).await().orElseThrow();
        sync.runDue().await();
        AccountStatus beforeRetryTime = accounts.findById(result.accountId()).await().orElseThrow().status();
        clock.advance(Duration.ofMinutes(1));
        sync.runDue().await();

        assertThat(result.status()).isEqualTo(AccountStatus.UNAVAILABLE);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("unavailable"));
        assertThat(waiting.nextAttemptAt()).contains(NOW.plus(Duration.ofMinutes(1)));
        assertThat(beforeRetryTime).isEqualTo(AccountStatus.UNAVAILABLE);
        assertThat(accounts.findById(result.accountId()).await().orElseThrow().status()).isEqualTo(AccountStatus.LINKED);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
