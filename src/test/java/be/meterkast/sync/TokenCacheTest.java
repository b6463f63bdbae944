package be.meterkast.sync;

import be.meterkast.fluvius.Credentials;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.fluvius.SignInTrace;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.fluvius.Tokens;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class TokenCacheTest {
    private static final long ACCOUNT = 7;

    private FluviusSimulator simulator;
    private FluviusClient client;
    private MemoryVault vault;
    private TokenCache cache;

    /** Keeps what the portal keeps in PostgreSQL, in memory. */
    static final class MemoryVault implements AccountVault {
        final Map<Long, Tokens> tokens = new ConcurrentHashMap<>();
        final Map<Long, Credentials> credentials = new ConcurrentHashMap<>();
        final Map<Long, FluviusException> rejected = new ConcurrentHashMap<>();
        final Map<Long, SignInTrace> traces = new ConcurrentHashMap<>();

        @Override
        public Future<Optional<Tokens>> tokens(long accountId) {
            return Future.succeededFuture(Optional.ofNullable(tokens.get(accountId)));
        }

        @Override
        public Future<Void> saveTokens(long accountId, Tokens t) {
            tokens.put(accountId, t);
            return Future.succeededFuture();
        }

        @Override
        public Future<Credentials> credentials(long accountId) {
            return rejected.containsKey(accountId) ? Future.failedFuture(new CredentialsBlocked(accountId))
                    : Future.succeededFuture(credentials.get(accountId));
        }

        @Override
        public Future<Void> credentialsRejected(long accountId, FluviusException why) {
            rejected.put(accountId, why);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> saveSignInTrace(long accountId, SignInTrace trace) {
            traces.put(accountId, trace);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> signedIn(long accountId) {
            rejected.remove(accountId);
            return Future.succeededFuture();
        }
    }

    @BeforeEach
    void start(Vertx vertx) {
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.system()).await();
        client = new FluviusClient(vertx, FluviusOptions.forPortal(simulator.baseUrl()));
        vault = new MemoryVault();
        vault.credentials.put(ACCOUNT, new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD));
        cache = new TokenCache(client, vault, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close().await();
        simulator.close().await();
    }

    @Test
    @DisplayName("twenty parallel requests for one account's token cause exactly one sign-in")
    void singleFlight() {
        List<Future<Tokens>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(cache.tokens(ACCOUNT));
        }
        Future.all(all).await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(all).extracting(f -> f.result().accessToken()).containsOnly(all.get(0).result().accessToken());
    }

    @Test
    @DisplayName("a cached token is reused without any request to Fluvius")
    void reuse() {
        cache.tokens(ACCOUNT).await();
        long before = simulator.stats().codeGrants();

        cache.tokens(ACCOUNT).await();

        assertThat(simulator.stats().codeGrants()).isEqualTo(before);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    @DisplayName("tokens kept by the vault survive a restart: a new cache does not sign in again")
    void persistedTokens() {
        cache.tokens(ACCOUNT).await();
        TokenCache afterRestart = new TokenCache(client, vault, Clock.systemUTC());

        afterRestart.tokens(ACCOUNT).await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a token about to expire is renewed with the refresh grant, not the password")
    void refreshBeforePassword() {
        Tokens first = cache.tokens(ACCOUNT).await();
        vault.tokens.put(ACCOUNT, new Tokens(first.accessToken(), first.refreshToken(), null, "Bearer",
                Instant.now().plus(Duration.ofSeconds(30))));
        TokenCache later = new TokenCache(client, vault, Clock.systemUTC());

        Tokens renewed = later.tokens(ACCOUNT).await();

        assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(simulator.stats().refreshGrants()).isEqualTo(1);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a 401 on a data call drops the token and retries once with a new one")
    void unauthorizedRetriesOnce() {
        Tokens first = cache.tokens(ACCOUNT).await();
        List<String> seen = new ArrayList<>();

        String result = cache.<String>withToken(ACCOUNT, token -> {
            seen.add(token);
            return seen.size() == 1 ? Future.failedFuture(new FluviusException.Unauthorized("test"))
                    : Future.succeededFuture("ok");
        }).await();

        assertThat(result).isEqualTo("ok");
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo(first.accessToken());
        assertThat(seen.get(1)).isNotEqualTo(first.accessToken());
        assertThat(simulator.stats().refreshGrants()).isEqualTo(1);
    }

    @Test
    @DisplayName("a rejected password is remembered and never tried again, however often a token is asked for")
    void rejectedPasswordNeverRetried() {
        vault.credentials.put(ACCOUNT, new Credentials(SimAccounts.DEMO_EMAIL, "changed-on-fluvius"));

        assertThatThrownBy(() -> cache.tokens(ACCOUNT).await()).isInstanceOf(FluviusException.InvalidCredentials.class);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> cache.tokens(ACCOUNT).await()).isInstanceOf(AccountVault.CredentialsBlocked.class);
        }

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(vault.rejected).containsKey(ACCOUNT);
    }

    @Test
    @DisplayName("a sign-in stopped by two-step verification is remembered like a rejection and never tried again")
    void interactionRequiredNeverRetried() {
        vault.credentials.put(ACCOUNT, new Credentials(SimAccounts.MFA_EMAIL, SimAccounts.MFA_PASSWORD));

        assertThatThrownBy(() -> cache.tokens(ACCOUNT).await())
                .isInstanceOf(FluviusException.InteractionRequired.class);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.tokens(ACCOUNT).await()).isInstanceOf(AccountVault.CredentialsBlocked.class);
        }

        assertThat(simulator.stats().passwordAttempts(SimAccounts.MFA_EMAIL)).isEqualTo(1);
        assertThat(vault.rejected.get(ACCOUNT)).isInstanceOf(FluviusException.InteractionRequired.class);
    }

    @Test
    @DisplayName("after a new password, the next sign-in uses it, not one with the old password still under way")
    void newPasswordDoesNotJoinOldSignIn() {
        vault.credentials.put(ACCOUNT, new Credentials(SimAccounts.DEMO_EMAIL, "the-old-password"));
        simulator.options().latency(Duration.ofMillis(300));
        Future<Tokens> old = cache.tokens(ACCOUNT);

        vault.credentials.put(ACCOUNT, new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD));
        cache.forget(ACCOUNT);
        Tokens fresh = cache.tokens(ACCOUNT).await();

        assertThat(fresh.accessToken()).isNotBlank();
        assertThatThrownBy(old::await).isInstanceOf(FluviusException.InvalidCredentials.class);
    }

    @Test
    @DisplayName("an outage during sign-in is not a rejection: the password stays usable")
    void outageIsNotRejection() {
        simulator.options().failNext(503, 1);

        assertThatThrownBy(() -> cache.tokens(ACCOUNT).await()).isInstanceOf(FluviusException.Unavailable.class);

        assertThat(vault.rejected).isEmpty();
        assertThat(cache.tokens(ACCOUNT).await().accessToken()).isNotBlank();
    }

    @Test
    @DisplayName("an unlinked account gets no token again: not the cached one, nor the one of a sign-in under way")
    void removedAccount() {
        cache.tokens(ACCOUNT).await();
        long other = ACCOUNT + 1;
        vault.credentials.put(other, new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD));
        Future<Tokens> signingIn = cache.tokens(other);

        cache.remove(ACCOUNT);
        cache.remove(other);

        assertThatThrownBy(signingIn::await).as("the sign-in under way").isInstanceOf(TokenCache.AccountRemoved.class);
        assertThat(vault.tokens).as("a sign-in under way keeps nothing").doesNotContainKey(other);
        long signIns = simulator.stats().passwordAttempts();
        assertThatThrownBy(() -> cache.tokens(ACCOUNT).await()).isInstanceOf(TokenCache.AccountRemoved.class);
        assertThatThrownBy(() -> cache.withToken(ACCOUNT, token -> Future.succeededFuture(token)).await())
                .isInstanceOf(TokenCache.AccountRemoved.class);
        assertThatThrownBy(() -> cache.tokens(other).await()).isInstanceOf(TokenCache.AccountRemoved.class);
        assertThat(simulator.stats().passwordAttempts()).as("no sign-in after the removal").isEqualTo(signIns);
    }
}
