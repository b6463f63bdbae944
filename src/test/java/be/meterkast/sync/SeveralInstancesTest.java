package be.meterkast.sync;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.AccountSyncRepository;
import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.HouseholdRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterRepository;
import be.meterkast.store.MeterSync;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.TestDatabases;
import be.meterkast.store.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances on one database and one Fluvius: each instance its own {@link SyncService} with its own
 * instance id, sharing only PostgreSQL, as two {@code serve} processes behind a load balancer do.
 */
class SeveralInstancesTest extends SyncTestBase {
    /** The demo account's three meters and the family account's one. */
    private static final List<SimMeter> HOUSEHOLD = List.of(SimAccounts.DEMO_SOLAR, SimAccounts.DEMO_EV,
            SimAccounts.DEMO_GAS, SimAccounts.FAMILY_PLAIN);

    /** 200 days of daily values in 10-day steps: a backfill long enough to be interrupted. */
    private static SyncSettings longBackfill() {
        SyncSettings s = smallSettings();
        return new SyncSettings(s.tick(), s.incrementalInterval(), s.jitter(), 200, 10, 3, 7, 10,
                s.requestsPerSecond(), s.backoffStart(), s.backoffMax(), s.rejectedRequestBackoff(), s.zone());
    }

    private SyncService instance(String name) {
        return sync(smallSettings(), new SyncInstance(name));
    }

    /**
     * The household's Fluvius accounts stored without signing in, and its meters: the first runs sign in, so
     * two instances starting at once both need a token for each account.
     */
    private static List<Meter> seed(Pool pool, FluviusAccountRepository accounts) {
        long owner = new UserRepository(pool).create("owner", "Owner", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                false).await().id();
        long household = new HouseholdRepository(pool).create("Thuis", owner).await().id();
        long demo = accounts.create(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().id();
        long family = accounts.create(household, SimAccounts.FAMILY_EMAIL, SimAccounts.FAMILY_PASSWORD).await().id();
        MeterRepository meters = new MeterRepository(pool);
        List<Meter> created = new ArrayList<>();
        for (SimMeter sim : HOUSEHOLD) {
            long account = sim == SimAccounts.FAMILY_PLAIN ? family : demo;
            Optional<Unit> gasUnit = sim.kind() == MeterKind.GAS ? Optional.of(Unit.M3) : Optional.empty();
            created.add(meters.create(household, Optional.of(account), sim.ref(), sim.kind(), sim.profile().name(),
                    gasUnit).await());
        }
        return created;
    }

    private Map<String, Long> requestsPerEan() {
        Map<String, Long> counts = new LinkedHashMap<>();
        HOUSEHOLD.forEach(meter -> counts.put(meter.ean(), simulator.stats().dataRequests(meter.ean())));
        return counts;
    }

    /** What one instance alone asks of Fluvius for the household, on a database of its own. */
    private Map<String, Long> singleInstanceRequests() throws Exception {
        TestDatabases.Fresh own = TestDatabases.create();
        Database alone = Database.start(vertx, DatabaseConfig.external(own.url(),
                Files.createTempDirectory(dataDirectory, "alone"))).await();
        try {
            seed(alone.pool(), new FluviusAccountRepository(alone.pool(), secrets));
            SyncService single = SyncService.create(vertx, client, alone.pool(), secrets, smallSettings(), clock,
                    new SyncInstance("alone"));
            single.runDue().await();
            single.stop().await();
            return requestsPerEan();
        } finally {
            alone.close().await();
            TestDatabases.drop(own);
            simulator.stats().reset();
        }
    }

    private void assertBackfilled(List<Meter> household) {
        for (Meter meter : household) {
            MeterSync state = syncs.get(meter.id()).await();
            assertThat(state.backfillDone()).as("backfill of %s", meter.label()).isTrue();
            assertThat(state.lastError()).as("error of %s", meter.label()).isEmpty();
        }
    }

    @Test
    @DisplayName("two instances started at once backfill every meter once, with one sign-in per account")
    void twoInstancesShareTheWork() throws Exception {
        Map<String, Long> single = singleInstanceRequests();
        List<Meter> household = seed(database.pool(), accounts);
        SyncService first = instance("first");
        SyncService second = instance("second");

        Future.all(first.runDue(), second.runDue()).await();
        // a second round on each finds nothing left to do
        Future.all(first.runDue(), second.runDue()).await();

        assertBackfilled(household);
        assertThat(requestsPerEan()).isEqualTo(single);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.FAMILY_EMAIL)).isEqualTo(1);
        assertThat(first.counters().signIns() + second.counters().signIns()).isEqualTo(2);
    }

    @Test
    @DisplayName("two instances that need a token for one account at the same moment sign in once: the second uses the first's tokens")
    void oneSignInAcrossInstances() {
        long household = household();
        long account = accounts.create(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().id();
        AccountSyncRepository shared = new AccountSyncRepository(database.pool());
        TokenCache first = new TokenCache(client, new StoredAccountVault(accounts, clock,
                new SignInTurns(vertx, shared, new SyncInstance("first"), clock)), clock);
        TokenCache second = new TokenCache(client, new StoredAccountVault(accounts, clock,
                new SignInTurns(vertx, shared, new SyncInstance("second"), clock)), clock);

        var tokens = Future.all(first.tokens(account), second.tokens(account)).await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(first.signIns() + second.signIns()).isEqualTo(1);
        assertThat(tokens.<be.meterkast.fluvius.Tokens>resultAt(0).accessToken())
                .isEqualTo(tokens.<be.meterkast.fluvius.Tokens>resultAt(1).accessToken());
    }

    @Test
    @DisplayName("\"refresh now\" and a new meter on one instance join the run the other instance has under way")
    void refreshJoinsTheRunElsewhere() throws Exception {
        simulator.options().latency(Duration.ofMillis(20));
        Map<String, Long> single = singleInstanceRequests();
        List<Meter> household = seed(database.pool(), accounts);
        SyncService first = instance("first");
        SyncService second = instance("second");
        Meter solar = household.get(0);
        Meter gas = household.get(2);

        Future<Void> running = first.refreshNow(solar.id());
        waitForProgress(solar, 1);
        // the demo account is the first instance's now: the second asks, and waits for that run
        Future<Void> refreshed = second.refreshNow(solar.id());
        Future<Void> added = second.refreshNow(gas.id());
        Future.all(running, refreshed, added).await();
        Future.all(first.runDue(), second.runDue()).await();

        assertBackfilled(household);
        assertThat(requestsPerEan()).isEqualTo(single);
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("an instance that dies mid-backfill leaves its accounts claimed until the lease passes; then the other finishes the backfill")
    void survivorTakesOverWhenTheLeasePasses() throws Exception {
        List<Meter> household = seed(database.pool(), accounts);
        simulator.options().latency(Duration.ofMillis(20));
        // the instance that dies: its own Vert.x, pool and HTTP client, as another process has
        Vertx doomedVertx = Vertx.vertx();
        Database doomedDatabase = Database.start(doomedVertx, DatabaseConfig.external(fresh.url(),
                Files.createTempDirectory(dataDirectory, "doomed"))).await();
        FluviusClient doomedClient = new FluviusClient(doomedVertx, FluviusOptions.forPortal(simulator.baseUrl())
                .withTimeout(Duration.ofSeconds(10)), clock);
        SyncService doomed = SyncService.create(doomedVertx, doomedClient, doomedDatabase.pool(), secrets,
                longBackfill(), clock, new SyncInstance("doomed"));
        SyncService survivor = sync(longBackfill());

        doomed.runDue();
        MeterSync midway = waitForProgress(household.get(0), 3);
        doomedVertx.close().await();
        survivor.runDue().await();
        // the survivor's own count: a request the dead instance sent just before it died may still arrive
        long requestsWhileLeased = survivor.counters().requests().values().stream().mapToLong(Long::longValue).sum();
        // past the claim's lease, and past the sign-in lease in case it died signing in to the family account
        clock.advance(SignInTurns.LEASE.plusSeconds(1));
        survivor.runDue().await();

        assertThat(midway.backfillDone()).isFalse();
        assertThat(requestsWhileLeased).as("requests for accounts the dead instance's lease still covers").isZero();
        assertBackfilled(household);
        assertThat(readings.count(household.get(0).id()).await())
                .isEqualTo(dailyValues(SimAccounts.DEMO_SOLAR, 200) + 7 * 96 * 2);
        assertThat(new AccountSyncRepository(database.pool()).claimant(household.get(0).accountId().orElseThrow(),
                clock.instant()).await()).as("the survivor released its claim").isEmpty();
    }

    @Test
    @DisplayName("an instance stopped mid-backfill releases its accounts at once: the other continues without waiting for the lease")
    void stoppedInstanceHandsOver() throws Exception {
        List<Meter> household = seed(database.pool(), accounts);
        simulator.options().latency(Duration.ofMillis(20));
        SyncService stopped = sync(longBackfill());
        SyncService other = sync(longBackfill());

        stopped.runDue();
        MeterSync midway = waitForProgress(household.get(0), 3);
        stopped.stop().await();
        other.runDue().await();

        assertThat(midway.backfillDone()).isFalse();
        assertBackfilled(household);
        assertThat(readings.count(household.get(0).id()).await())
                .isEqualTo(dailyValues(SimAccounts.DEMO_SOLAR, 200) + 7 * 96 * 2);
    }

    /** Polls (the backfill runs on its own) until the meter's backfill has done {@code steps} steps. */
    private MeterSync waitForProgress(Meter meter, int steps) throws InterruptedException {
        MeterSyncRepository repository = new MeterSyncRepository(database.pool());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            MeterSync state = repository.get(meter.id()).await();
            if (state.progressDone() >= steps) {
                return state;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("meter " + meter.id() + " did not reach " + steps + " backfill steps in 30 s");
    }
}
