package be.meterkast.sync;

import be.meterkast.domain.MeterRef;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.sync.SyncCounters.Outcome;
import io.vertx.core.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncFailuresTest extends SyncTestBase {

    private long linkDemo(SyncService sync, long household) {
        return sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
    }

    @Test
    @DisplayName("while an account waits to retry a sign-in Fluvius could not answer, its meters do not sign in on their own")
    void metersWaitForTheAccountsRetry() {
        SyncService sync = sync();
        long household = household();
        simulator.options().failNext(503, 1);
        long account = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        meter(household, account, SimAccounts.DEMO_SOLAR);
        meter(household, account, SimAccounts.DEMO_EV);
        long attemptsAfterLink = simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL);

        sync.runDue().await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(attemptsAfterLink);
        assertThat(simulator.stats().dataRequests()).isZero();
    }

    @Test
    @DisplayName("Fluvius unavailable during a backfill: the error is recorded and the next run comes soon, doubling per failure")
    void unavailableBacksOff() {
        SyncService sync = sync();
        long household = household();
        Meter meter = meter(household, linkDemo(sync, household), SimAccounts.DEMO_SOLAR);

        // an outage, not a moment: every try of the run's first request fails
        simulator.options().failNext(503, FailurePolicy.TRIES_PER_REQUEST);
        assertThatThrownBy(() -> sync.refreshNow(meter.id()).await()).isInstanceOf(FluviusException.Unavailable.class);
        MeterSync first = syncs.get(meter.id()).await();
        simulator.options().failNext(503, FailurePolicy.TRIES_PER_REQUEST);
        assertThatThrownBy(() -> sync.refreshNow(meter.id()).await()).isInstanceOf(FluviusException.Unavailable.class);
        MeterSync second = syncs.get(meter.id()).await();

        assertThat(first.lastError()).hasValueSatisfying(e -> assertThat(e).contains("unavailable"));
        assertThat(first.nextRunAt()).contains(NOW.plus(Duration.ofSeconds(5)));
        assertThat(second.nextRunAt()).contains(NOW.plus(Duration.ofSeconds(10)));
        assertThat(sync.counters().requests(Outcome.UNAVAILABLE)).isEqualTo(2L * FailurePolicy.TRIES_PER_REQUEST);
    }

    @Test
    @DisplayName("a request Fluvius fails for a moment (500, 502, 503, 429) is sent again within the run, which completes without an error")
    void momentaryFailuresAreRetriedWithinTheRun() {
        SyncService sync = sync();
        long household = household();
        Meter meter = meter(household, linkDemo(sync, household), SimAccounts.DEMO_SOLAR);
        long requestsWhole = wholeRunRequests();
        simulator.options().retryAfter(Duration.ofSeconds(1))
                .failNext(500, 1).failNext(502, 1).failNext(503, 1).failNext(429, 1);
        long before = simulator.stats().dataRequests();

        sync.refreshNow(meter.id()).await();

        MeterSync state = syncs.get(meter.id()).await();
        assertThat(state.backfillDone()).isTrue();
        assertThat(state.lastError()).isEmpty();
        assertThat(simulator.stats().dataRequests() - before).isEqualTo(requestsWhole + 4);
        assertThat(sync.counters().requests(Outcome.UNAVAILABLE)).isEqualTo(3);
        assertThat(sync.counters().requests(Outcome.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    @DisplayName("a request Fluvius refuses as asked (a meter not of this account) is not sent again within the run")
    void refusalsAreNotRetried() {
        SyncService sync = sync();
        long household = household();
        long account = linkDemo(sync, household);
        Meter meter = meters.create(household, Optional.of(account),
                new MeterRef(SimAccounts.FAMILY_PLAIN.ean(), SimAccounts.FAMILY_PLAIN.serial()),
                be.meterkast.domain.MeterKind.ELECTRICITY, "not ours", Optional.empty()).await();
        long before = simulator.stats().dataRequests();

        assertThatThrownBy(() -> sync.refreshNow(meter.id()).await()).isInstanceOf(FluviusException.RequestRejected.class);

        assertThat(simulator.stats().dataRequests() - before).isEqualTo(1);
    }

    /** The data requests of a whole first run of the demo's solar meter with the small settings. */
    private long wholeRunRequests() {
        SyncService clean = sync();
        long household = household();
        Meter meter = meter(household, linkDemo(clean, household), SimAccounts.DEMO_SOLAR);
        long before = simulator.stats().dataRequests();
        clean.refreshNow(meter.id()).await();
        return simulator.stats().dataRequests() - before;
    }

    @Test
    @DisplayName("a 503 with Retry-After during a backfill waits at least that long")
    void unavailableWithRetryAfter() {
        SyncService sync = sync();
        long household = household();
        Meter meter = meter(household, linkDemo(sync, household), SimAccounts.DEMO_SOLAR);
        simulator.options().retryAfterOn503(true).retryAfter(Duration.ofSeconds(120)).failNext(503, 1);

        assertThatThrownBy(() -> sync.refreshNow(meter.id()).await()).isInstanceOf(FluviusException.Unavailable.class);

        assertThat(syncs.get(meter.id()).await().nextRunAt()).contains(NOW.plus(Duration.ofSeconds(120)));
    }

    @Test
    @DisplayName("a run after an outage succeeds, clears the error and keeps what the backfill had stored")
    void recoversAfterOutage() {
        SyncService sync = sync();
        long household = household();
        Meter meter = meter(household, linkDemo(sync, household), SimAccounts.DEMO_SOLAR);
        simulator.options().failNext(503, 1);
        sync.refreshNow(meter.id()).otherwiseEmpty().await();

        clock.advance(Duration.ofMinutes(1));
        sync.runDue().await();

        MeterSync state = syncs.get(meter.id()).await();
        assertThat(state.lastError()).isEmpty();
        assertThat(state.backfillDone()).isTrue();
    }

    @Test
    @DisplayName("Fluvius asks to slow down: the next run is not before Retry-After, and the account's other meters wait too")
    void rateLimitedPausesAccount() {
        simulator.options().retryAfter(Duration.ofSeconds(120));
        SyncService sync = sync();
        long household = household();
        long accountId = linkDemo(sync, household);
        Meter solar = meter(household, accountId, SimAccounts.DEMO_SOLAR);
        Meter gas = meter(household, accountId, SimAccounts.DEMO_GAS);

        simulator.options().failNext(429, 1);
        assertThatThrownBy(() -> sync.refreshNow(solar.id()).await()).isInstanceOf(FluviusException.RateLimited.class);
        long requests = simulator.stats().dataRequests();
        sync.runDue().await();

        assertThat(syncs.get(solar.id()).await().nextRunAt()).hasValueSatisfying(next ->
                assertThat(next).isAfterOrEqualTo(NOW.plus(Duration.ofSeconds(120))));
        assertThat(simulator.stats().dataRequests()).isEqualTo(requests);
        assertThat(syncs.get(gas.id()).await().lastSuccessAt()).isEmpty();
        assertThat(sync.counters().requests(Outcome.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    @DisplayName("after Retry-After has passed, the paused account's meters sync again")
    void rateLimitEnds() {
        simulator.options().retryAfter(Duration.ofSeconds(120));
        SyncService sync = sync();
        long household = household();
        Meter solar = meter(household, linkDemo(sync, household), SimAccounts.DEMO_SOLAR);
        simulator.options().failNext(429, 1);
        sync.refreshNow(solar.id()).otherwiseEmpty().await();

        clock.advance(Duration.ofSeconds(120));
        sync.runDue().await();

        assertThat(syncs.get(solar.id()).await().lastSuccessAt()).contains(NOW.plus(Duration.ofSeconds(120)));
    }

    @Test
    @DisplayName("a meter Fluvius does not know for the account records Fluvius' message and waits 24 hours")
    void wrongSerialWaitsLong() {
        SyncService sync = sync();
        long household = household();
        long accountId = linkDemo(sync, household);
        Meter meter = meters.create(household, Optional.of(accountId),
                new MeterRef(SimAccounts.FAMILY_PLAIN.ean(), SimAccounts.FAMILY_PLAIN.serial()),
                be.meterkast.domain.MeterKind.ELECTRICITY, "not ours", Optional.empty()).await();

        assertThatThrownBy(() -> sync.refreshNow(meter.id()).await())
                .isInstanceOf(FluviusException.RequestRejected.class);

        MeterSync state = syncs.get(meter.id()).await();
        assertThat(state.lastError()).hasValueSatisfying(e -> assertThat(e).contains(SimAccounts.FAMILY_PLAIN.ean()));
        assertThat(state.nextRunAt()).contains(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    @DisplayName("ten parallel syncs of one account's meters sign in to Fluvius exactly once")
    void parallelSyncsSignInOnce() {
        SyncService sync = sync();
        long household = household();
        // created directly, without linking, so the first token is asked for by the parallel syncs
        long accountId = accounts.create(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().id();
        List<Meter> demo = List.of(meter(household, accountId, SimAccounts.DEMO_SOLAR),
                meter(household, accountId, SimAccounts.DEMO_EV), meter(household, accountId, SimAccounts.DEMO_GAS));

        List<Future<Void>> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(sync.refreshNow(demo.get(i % demo.size()).id()));
        }
        runs.add(sync.runDue());
        Future.join(runs).await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(sync.counters().signIns()).isEqualTo(1);
        assertThat(runs).allSatisfy(run -> assertThat(run.succeeded()).isTrue());
        for (Meter meter : demo) {
            assertThat(syncs.get(meter.id()).await().backfillDone()).isTrue();
        }
    }

    @Test
    @DisplayName("a refresh asked for while a meter is syncing joins that run instead of starting another")
    void refreshCoalesces() {
        SyncService sync = sync();
        long household = household();
        Meter meter = meter(household, linkDemo(sync, household), SimAccounts.DEMO_GAS);

        long before = simulator.stats().dataRequests();

        Future<Void> first = sync.refreshNow(meter.id());
        Future<Void> second = sync.refreshNow(meter.id());
        Future.join(first, second).await();

        // one run of a new gas meter: the 3-day window's gas days and yesterday's gas hours (2 requests, nothing
        // published yet), the other 37 gas days in chunks of 31 (2 requests), then the 10-day window: its gas
        // days in one request and its gas hours one gas day per request
        assertThat(simulator.stats().dataRequests() - before).isEqualTo(5 + 10);
        assertThat(first.succeeded()).isTrue();
        assertThat(second.succeeded()).isTrue();
    }
}
