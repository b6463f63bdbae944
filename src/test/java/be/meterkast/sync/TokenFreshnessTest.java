package be.meterkast.sync;

import be.meterkast.fluvius.Credentials;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.fluvius.Tokens;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimulatorOptions;
import be.meterkast.sync.TokenCacheTest.MemoryVault;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the token cache renews: ahead of expiry by the smaller of two minutes and a quarter of the lifetime
 * Fluvius granted. The simulator, the client and the cache share one pinned clock that the tests move.
 */
@ExtendWith(VertxExtension.class)
class TokenFreshnessTest {
    private static final long ACCOUNT = 7;
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");

    private SimClock clock;
    private FluviusSimulator simulator;
    private FluviusClient client;
    private MemoryVault vault;
    private TokenCache cache;

    @BeforeEach
    void start(Vertx vertx) {
        clock = SimClock.fixed(NOW);
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions().tokenLifetime(Duration.ofSeconds(60)),
                SimAccounts.withDefaults(), clock).await();
        client = new FluviusClient(vertx, FluviusOptions.forPortal(simulator.baseUrl()), clock);
        vault = new MemoryVault();
        vault.credentials.put(ACCOUNT, new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD));
        cache = new TokenCache(client, vault, clock);
    }

    @AfterEach
    void stop() {
        client.close().await();
        simulator.close().await();
    }

    @Test
    @DisplayName("a 60-second token is reused for 45 seconds, not renewed before every call")
    void shortTokenReused() {
        Tokens first = cache.tokens(ACCOUNT).await();

        for (int second = 0; second < 45; second += 4) {
            clock.set(NOW.plusSeconds(second));
            assertThat(cache.tokens(ACCOUNT).await().accessToken()).as("after %d s", second)
                    .isEqualTo(first.accessToken());
        }

        assertThat(simulator.stats().refreshGrants()).isZero();
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a 60-second token is renewed with the refresh grant once a quarter of its life is left")
    void shortTokenRenewedAtThreeQuarters() {
        Tokens first = cache.tokens(ACCOUNT).await();
        clock.set(NOW.plusSeconds(45));

        Tokens renewed = cache.tokens(ACCOUNT).await();

        assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(simulator.stats().refreshGrants()).isEqualTo(1);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a short token kept by the vault keeps its lifetime: after a restart it is still reused")
    void lifetimeSurvivesRestart() {
        Tokens first = cache.tokens(ACCOUNT).await();
        clock.set(NOW.plusSeconds(30));

        Tokens afterRestart = new TokenCache(client, vault, clock).tokens(ACCOUNT).await();

        assertThat(afterRestart.accessToken()).isEqualTo(first.accessToken());
        assertThat(afterRestart.lifetime()).contains(Duration.ofSeconds(60));
        assertThat(simulator.stats().refreshGrants()).isZero();
    }

    @Test
    @DisplayName("the margin is two minutes for an hour's token, a quarter for a short one, two minutes when the lifetime is unknown")
    void marginFitsTheLifetime() {
        assertThat(TokenCache.renewMargin(issued(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(2));
        assertThat(TokenCache.renewMargin(issued(Duration.ofMinutes(8)))).isEqualTo(Duration.ofMinutes(2));
        assertThat(TokenCache.renewMargin(issued(Duration.ofMinutes(4)))).isEqualTo(Duration.ofMinutes(1));
        assertThat(TokenCache.renewMargin(issued(Duration.ofSeconds(60)))).isEqualTo(Duration.ofSeconds(15));
        assertThat(TokenCache.renewMargin(new Tokens("a", "r", null, "Bearer", NOW.plusSeconds(60))))
                .isEqualTo(TokenCache.RENEW_MARGIN);
    }

    private static Tokens issued(Duration lifetime) {
        return new Tokens("a", "r", null, "Bearer", NOW.plus(lifetime), NOW);
    }
}
