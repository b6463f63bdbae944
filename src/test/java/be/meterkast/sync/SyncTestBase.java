package be.meterkast.sync;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.fluvius.sim.SimulatorOptions;
import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.HouseholdRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterRepository;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.MonthlyPeakRepository;
import be.meterkast.store.ReadingRepository;
import be.meterkast.store.SecretBox;
import be.meterkast.store.TestDatabases;
import be.meterkast.store.UserRepository;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh database, a simulator on a pinned {@link SimClock} and a sync on that same clock, per test.
 * A database per test (not per class) because the scheduler scans every meter in it. Tests run on the
 * JUnit thread and wait with {@code await()}, which is allowed off the event loop.
 */
@ExtendWith(VertxExtension.class)
abstract class SyncTestBase {
    /** 30 November 2025, 11:00 in Brussels: electricity up to the 29th, gas up to the gas day of the 26th. */
    static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    java.nio.file.Path dataDirectory;

    Vertx vertx;
    TestDatabases.Fresh fresh;
    Database database;
    SimClock clock;
    FluviusSimulator simulator;
    FluviusClient client;
    SecretBox secrets;
    FluviusAccountRepository accounts;
    MeterRepository meters;
    MeterSyncRepository syncs;
    ReadingRepository readings;
    MonthlyPeakRepository peaks;
    private final List<SyncService> services = new ArrayList<>();

    /** Small windows and fast pacing, so a backfill takes a few dozen requests. */
    static SyncSettings smallSettings() {
        return new SyncSettings(Duration.ofSeconds(30), Duration.ofHours(6), 0.10, 40, 31, 3, 7, 10, 1000,
                Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofHours(24), BRUSSELS);
    }

    /**
     * Daily electricity values Fluvius sends for the {@code days} local days before today: 4, or 2 on a
     * weekend day whose day register the simulator leaves out.
     */
    long dailyValues(SimMeter meter, int days) {
        LocalDate today = LocalDate.ofInstant(now(), BRUSSELS);
        long values = 0;
        for (LocalDate day = today.minusDays(days); day.isBefore(today); day = day.plusDays(1)) {
            values += MeterDataGenerator.leavesOutDayRegister(meter, day, simulator.options().seed()) ? 2 : 4;
        }
        return values;
    }

    /** The instant the simulator and the sync take as now; tests override it for other dates. */
    Instant now() {
        return NOW;
    }

    @BeforeEach
    void startAll(Vertx vertx) {
        this.vertx = vertx;
        fresh = TestDatabases.create();
        database = Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory)).await();
        clock = SimClock.fixed(now());
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        client = new FluviusClient(vertx, FluviusOptions.forPortal(simulator.baseUrl())
                .withTimeout(Duration.ofSeconds(10)), clock);
        secrets = SecretBox.withNewKey();
        accounts = new FluviusAccountRepository(database.pool(), secrets);
        meters = new MeterRepository(database.pool());
        syncs = new MeterSyncRepository(database.pool());
        readings = new ReadingRepository(database.pool());
        peaks = new MonthlyPeakRepository(database.pool());
    }

    @AfterEach
    void stopAll() {
        services.forEach(service -> service.stop().await());
        client.close().await();
        simulator.close().await();
        database.close().await();
        TestDatabases.drop(fresh);
    }

    SyncService sync(SyncSettings settings) {
        return sync(settings, SyncInstance.generate());
    }

    /** One more instance on the test's database, as another process behind the same load balancer would be. */
    SyncService sync(SyncSettings settings, SyncInstance instance) {
        SyncService service = SyncService.create(vertx, client, database.pool(), secrets, settings, clock, instance);
        services.add(service);
        return service;
    }

    SyncService sync() {
        return sync(smallSettings());
    }

    /** A new household with its owner. */
    long household() {
        int n = NEXT.incrementAndGet();
        long owner = new UserRepository(database.pool())
                .create("user" + n, "User " + n, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", false).await().id();
        return new HouseholdRepository(database.pool()).create("Household " + n, owner).await().id();
    }

    Meter meter(long householdId, long accountId, SimMeter simMeter) {
        Optional<Unit> gasUnit = simMeter.kind() == MeterKind.GAS ? Optional.of(Unit.M3) : Optional.empty();
        return meters.create(householdId, Optional.of(accountId), simMeter.ref(), simMeter.kind(),
                simMeter.profile().name(), gasUnit).await();
    }
}
