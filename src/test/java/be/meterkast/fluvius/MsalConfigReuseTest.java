package be.meterkast.fluvius;

import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimulatorOptions;
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
 * A sign-in fetches the MSAL configuration every time (Fluvius changes it now and then); refreshes use the
 * one kept from the last fetch, until it is old or the token endpoint answers as if it had changed.
 */
@ExtendWith(VertxExtension.class)
class MsalConfigReuseTest {
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");

    private SimClock clock;
    private FluviusSimulator simulator;
    private FluviusClient client;

    @BeforeEach
    void start(Vertx vertx) {
        clock = SimClock.fixed(NOW);
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        client = new FluviusClient(vertx, FluviusOptions.forPortal(simulator.baseUrl()), clock);
    }

    @AfterEach
    void stop() {
        client.close().await();
        simulator.close().await();
    }

    private Tokens signIn() {
        return client.signIn(new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), false).await();
    }

    @Test
    @DisplayName("five refreshes after a sign-in fetch the MSAL configuration once in all, with the sign-in")
    void refreshesReuseTheConfig() {
        Tokens tokens = signIn();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(58));
            tokens = client.refresh(tokens.refreshToken()).await();
        }

        assertThat(simulator.stats().configRequests()).isEqualTo(1);
        assertThat(simulator.stats().refreshGrants()).isEqualTo(5);
    }

    @Test
    @DisplayName("every sign-in still fetches the MSAL configuration")
    void signInsFetchTheConfig() {
        signIn();
        signIn();

        assertThat(simulator.stats().configRequests()).isEqualTo(2);
    }

    @Test
    @DisplayName("a configuration older than CONFIG_REUSE is fetched again for the next refresh")
    void oldConfigFetchedAgain() {
        Tokens tokens = signIn();
        clock.advance(B2cSignIn.CONFIG_REUSE);

        client.refresh(tokens.refreshToken()).await();

        assertThat(simulator.stats().configRequests()).isEqualTo(2);
    }

    @Test
    @DisplayName("a refresh whose token endpoint is gone (404) fetches the configuration again and succeeds with it")
    void movedTokenEndpointRefetches() {
        Tokens tokens = signIn();
        simulator.options().failNext(404, 1);

        Tokens refreshed = client.refresh(tokens.refreshToken()).await();

        assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(simulator.stats().configRequests()).isEqualTo(2);
        assertThat(simulator.stats().refreshGrants()).isEqualTo(1);
    }

    @Test
    @DisplayName("a refresh token Fluvius no longer takes (invalid_grant) does not fetch the configuration again")
    void usedRefreshTokenDoesNotRefetch() {
        Tokens tokens = signIn();
        client.refresh(tokens.refreshToken()).await();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.refresh(tokens.refreshToken()).await())
                .isInstanceOf(FluviusException.Unauthorized.class);
        assertThat(simulator.stats().configRequests()).isEqualTo(1);
    }
}
