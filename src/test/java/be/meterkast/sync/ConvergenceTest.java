package be.meterkast.sync;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A household as a family has it — three electricity meters and a gas meter on two Fluvius accounts — backfilled
 * on a bad evening at Fluvius: 30 % of data calls answering 500, 502 or 503, some 429s. Nobody presses "Refresh
 * now"; the scheduler alone must finish, and what it stores must be exactly what the simulator generated.
 *
 * <p>{@link #backfillOnABadEvening()} runs in every build at test pace on the injected clock.
 * {@link #wallClockBenchmark()} ({@code @Tag("benchmark")}, run by hand, see README) takes the real politeness
 * (2 requests per second per account, a 30 s scheduler tick), adds half a second of latency to the faults, and
 * prints how long the same backfill takes with and without them.
 */
class ConvergenceTest extends SyncTestBase {
    private static final List<SimMeter> DEMO_METERS = List.of(SimAccounts.DEMO_SOLAR, SimAccounts.DEMO_EV, SimAccounts.DEMO_GAS);

    /** One household's four meters, by the simulator's meter they read. */
    private record Household(long id, Map<SimMeter, Meter> meters) {
    }

    @Test
    @DisplayName("on a Fluvius failing 30 % of data calls, a 4-meter household's backfill completes without anyone's help and stores exactly the generator's data")
    void backfillOnABadEvening() {
        SyncSettings settings = smallSettings();
        SyncService sync = sync(settings);
        simulator.options().errorRate(0.3).rateLimitRate(0.02).retryAfter(Duration.ofSeconds(1));

        Household household = newHousehold(sync);
        Instant started = clock.instant();
        int rounds = 0;
        while (!allDone(household) && rounds < 100) {
            // No one presses "Refresh now": time passes until the next meter is due, and the scheduler runs it
            clock.set(nextTick(household, clock.instant(), settings.tick()));
            sync.runDue().await();
            rounds++;
        }
        simulator.options().errorRate(0).rateLimitRate(0);

        assertThat(allDone(household)).as("backfill done after %d scheduler rounds", rounds).isTrue();
        assertThat(Duration.between(started, clock.instant())).isLessThan(Duration.ofMinutes(30));
        assertThat(sync.counters().requests(SyncCounters.Outcome.UNAVAILABLE)).as("faults were met").isPositive();
        household.meters().forEach(this::assertStoredAsGenerated);

        // …and the same as a household synced while Fluvius was well
        Household calm = newHousehold(sync);
        calm.meters().values().forEach(meter -> sync.refreshNow(meter.id()).await());
        household.meters().forEach((sim, meter) -> assertThat(stored(meter))
                .as("%s after faults", sim.profile()).isEqualTo(stored(calm.meters().get(sim))));
    }

    @Test
    @Tag("benchmark")
    @DisplayName("benchmark: wall-clock time of a 4-meter backfill with the real politeness, without and with faults")
    void wallClockBenchmark() {
        SyncSettings settings = SyncSettings.defaults();
        // The sync's clock follows real time from the pinned "now", so waits on it pass as they would in a server
        long tickerId = vertx.setPeriodic(100, new io.vertx.core.Handler<>() {
            private long last = System.nanoTime();

            @Override
            public void handle(Long id) {
                long now = System.nanoTime();
                clock.advance(Duration.ofNanos(now - last));
                last = now;
            }
        });
        try {
            SyncService sync = sync(settings);
            sync.start().await();
            Duration calm = timedBackfill(sync);
            long calmRequests = simulator.stats().dataRequests();

            // the bad evening: data calls fail, the sign-in pages (Azure's B2C) do not
            simulator.options().errorRate(0.3).rateLimitRate(0.02).retryAfter(Duration.ofSeconds(1))
                    .latency(Duration.ofMillis(500)).faultsOnSignIn(false);
            Duration faulty = timedBackfill(sync);
            long faultyRequests = simulator.stats().dataRequests() - calmRequests;

            System.out.printf("BENCHMARK 4-meter backfill, defaults (%d days, %d quarter-hour days, %.0f requests/s per account):"
                            + " without faults %.1f s (%d requests); 30 %% 5xx + 2 %% 429 + 500 ms latency on data calls %.1f s (%d requests); ratio %.2f%n",
                    settings.dailyBackfillDays(), settings.quarterHourBackfillDays(), settings.requestsPerSecond(),
                    calm.toMillis() / 1000.0, calmRequests, faulty.toMillis() / 1000.0, faultyRequests,
                    (double) faulty.toMillis() / calm.toMillis());
            assertThat(faulty).isLessThan(calm.multipliedBy(2));
        } finally {
            vertx.cancelTimer(tickerId);
        }
    }

    /** A new household's backfill, from linking its accounts until its last meter is done; the scheduler only. */
    private Duration timedBackfill(SyncService sync) {
        long start = System.nanoTime();
        Household household = newHousehold(sync);
        household.meters().values().forEach(meter -> sync.meterAdded(meter.id()).await());
        while (!allDone(household)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        household.meters().forEach(this::assertStoredAsGenerated);
        return took;
    }

    private Household newHousehold(SyncService sync) {
        long household = household();
        long demo = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        long family = sync.linkAccount(household, SimAccounts.FAMILY_EMAIL, SimAccounts.FAMILY_PASSWORD).await().accountId();
        Map<SimMeter, Meter> meters = new LinkedHashMap<>();
        DEMO_METERS.forEach(sim -> meters.put(sim, meter(household, demo, sim)));
        meters.put(SimAccounts.FAMILY_PLAIN, meter(household, family, SimAccounts.FAMILY_PLAIN));
        return new Household(household, meters);
    }

    private boolean allDone(Household household) {
        return household.meters().values().stream().allMatch(meter -> syncs.get(meter.id()).await().backfillDone());
    }

    /**
     * The scheduler's next scan that finds work: one tick on, or later when nothing of the household is due
     * before then (a meter's next run, or a sign-in retry — the faults hit sign-in pages too).
     */
    private Instant nextTick(Household household, Instant now, Duration tick) {
        Instant nextScan = now.plus(tick);
        List<Instant> due = new ArrayList<>();
        for (Meter meter : household.meters().values()) {
            MeterSync state = syncs.get(meter.id()).await();
            if (!state.backfillDone()) {
                state.nextRunAt().ifPresent(due::add);
            }
            accounts.findById(meter.accountId().orElseThrow()).await()
                    .filter(account -> account.status() == AccountStatus.UNAVAILABLE)
                    .flatMap(FluviusAccount::nextAttemptAt).ifPresent(due::add);
        }
        Instant earliest = due.stream().min(Instant::compareTo).orElse(nextScan);
        return earliest.isAfter(nextScan) ? earliest : nextScan;
    }

    private Set<Reading> stored(Meter meter) {
        return Set.copyOf(readings.readings(meter.id(), Instant.EPOCH, clock.instant().plus(Duration.ofDays(1))).await());
    }

    /** Every stored value is the generator's for its period, register, direction and unit. */
    private void assertStoredAsGenerated(SimMeter sim, Meter meter) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BRUSSELS);
        List<Reading> all = readings.readings(meter.id(), Instant.EPOCH, clock.instant().plus(Duration.ofDays(1))).await();
        assertThat(all).as("%s has data", sim.profile()).isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (Reading reading : all) {
            BigDecimal expected = expected(sim, reading, today);
            if (expected == null || expected.compareTo(reading.value()) != 0) {
                wrong.add(reading + " expected " + expected);
            }
        }
        assertThat(wrong).as("%s: stored values that differ from the generator", sim.profile()).isEmpty();
    }

    /** The generator's value for the stored reading's period, or null when it generates no such period. */
    private static BigDecimal expected(SimMeter sim, Reading reading, LocalDate today) {
        Duration length = Duration.between(reading.start(), reading.end());
        LocalDate localDay = LocalDate.ofInstant(reading.start(), BRUSSELS);
        if (sim.kind() == MeterKind.GAS) {
            LocalDateTime localStart = LocalDateTime.ofInstant(reading.start(), BRUSSELS);
            LocalDate gasDay = localStart.getHour() < 6 ? localDay.minusDays(1) : localDay;
            boolean estimated = MeterDataGenerator.isGasEstimated(gasDay, today);
            if (length.equals(Duration.ofHours(1))) {
                return MeterDataGenerator.gasHours(sim, gasDay, estimated).stream()
                        .filter(hour -> hour.start().equals(reading.start()))
                        .map(hour -> reading.unit() == Unit.M3 ? hour.m3() : hour.kwh()).findFirst().orElse(null);
            }
            GasDay day = MeterDataGenerator.gasDay(sim, gasDay, estimated);
            if (!day.start().equals(reading.start()) || !day.end().equals(reading.end())) {
                return null;
            }
            return reading.unit() == Unit.M3 ? day.m3() : day.kwh();
        }
        boolean estimated = MeterDataGenerator.isEstimated(localDay, today);
        if (length.equals(Duration.ofMinutes(15))) {
            long wh = MeterDataGenerator.quarterHourWh(sim, reading.start(), reading.direction(), estimated);
            return MeterDataGenerator.tariffAt(reading.start()) == reading.tariff()
                    ? BigDecimal.valueOf(wh, 3) : null;
        }
        if (!reading.start().equals(MeterDataGenerator.dayStart(localDay))
                || !reading.end().equals(MeterDataGenerator.dayStart(localDay.plusDays(1)))) {
            return null;
        }
        DayTotals totals = MeterDataGenerator.dailyTotals(sim, localDay, estimated);
        boolean offtake = reading.direction() == Direction.OFFTAKE;
        if (reading.tariff() == Tariff.DAY) {
            return offtake ? totals.offtakeDay() : totals.injectionDay();
        }
        return reading.tariff() == Tariff.NIGHT ? (offtake ? totals.offtakeNight() : totals.injectionNight()) : null;
    }
}
