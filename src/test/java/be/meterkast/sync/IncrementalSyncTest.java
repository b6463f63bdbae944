package be.meterkast.sync;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.Meter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementalSyncTest extends SyncTestBase {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);

    @Test
    @DisplayName("an incremental run two days later replaces estimated values with the validated ones")
    void correctionsReplaceEstimates() {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_SOLAR);
        sync.refreshNow(meter.id()).await();
        LocalDate day = TODAY.minusDays(1);
        List<Reading> before = daily(meter, day);

        clock.advance(Duration.ofDays(2));
        sync.refreshNow(meter.id()).await();

        List<Reading> after = daily(meter, day);
        var validated = MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, day, false);
        assertThat(before).allSatisfy(r -> assertThat(r.estimated()).isTrue());
        int sent = MeterDataGenerator.leavesOutDayRegister(SimAccounts.DEMO_SOLAR, day, simulator.options().seed()) ? 2 : 4;
        assertThat(after).hasSize(sent).allSatisfy(r -> assertThat(r.estimated()).isFalse());
        assertThat(BackfillTest.value(after, Tariff.NIGHT, Direction.OFFTAKE))
                .isEqualByComparingTo(validated.offtakeNight())
                .isNotEqualByComparingTo(BackfillTest.value(before, Tariff.NIGHT, Direction.OFFTAKE));
        assertThat(daily(meter, TODAY.plusDays(1))).hasSize(4);
    }

    @Test
    @DisplayName("an incremental run also replaces estimated quarter-hours")
    void quarterHourCorrections() {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_EV);
        sync.refreshNow(meter.id()).await();

        clock.advance(Duration.ofDays(2));
        sync.refreshNow(meter.id()).await();

        Instant from = MeterDataGenerator.dayStart(TODAY.minusDays(1));
        List<Reading> quarters = readings.readings(meter.id(), from, MeterDataGenerator.dayStart(TODAY)).await().stream()
                .filter(r -> Duration.between(r.start(), r.end()).toMinutes() == 15).toList();
        assertThat(quarters).hasSize(96 * 2).allSatisfy(r -> assertThat(r.estimated()).isFalse());
        Reading first = quarters.stream().filter(r -> r.start().equals(from) && r.direction() == Direction.OFFTAKE)
                .findFirst().orElseThrow();
        assertThat(first.value().movePointRight(3).longValueExact())
                .isEqualTo(MeterDataGenerator.quarterHourWh(SimAccounts.DEMO_EV, from, Direction.OFFTAKE, false));
    }

    @Test
    @DisplayName("gas published late arrives with the next incremental run, per gas day")
    void lateGasArrives() {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_GAS);
        sync.refreshNow(meter.id()).await();
        GasDay late = MeterDataGenerator.gasDay(SimAccounts.DEMO_GAS, TODAY.minusDays(2), true);
        List<Reading> beforeRun = readings.days(meter.id(), late.start(), late.end()).await();

        clock.advance(Duration.ofDays(2));
        sync.refreshNow(meter.id()).await();

        List<Reading> afterRun = readings.days(meter.id(), late.start(), late.end()).await();
        assertThat(beforeRun).isEmpty();
        assertThat(afterRun).extracting(Reading::unit).containsExactlyInAnyOrder(Unit.M3, Unit.KWH);
        assertThat(afterRun).allSatisfy(r -> assertThat(r.start()).isEqualTo(late.start()));
    }

    @Test
    @DisplayName("a successful run schedules the next one 6 hours later, give or take 10%")
    void nextRunWithJitter() {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_GAS);
        sync.refreshNow(meter.id()).await();
        clock.advance(Duration.ofHours(7));

        sync.runDue().await();

        var state = syncs.get(meter.id()).await();
        Instant now = clock.instant();
        assertThat(state.lastSuccessAt()).contains(now);
        assertThat(state.nextRunAt()).hasValueSatisfying(next -> assertThat(next)
                .isBetween(now.plus(Duration.ofMinutes(324)), now.plus(Duration.ofMinutes(396))));
    }

    @Test
    @DisplayName("once started, the scheduler's timer backfills a meter nobody asked to refresh")
    void timerRunsDueMeters() throws InterruptedException {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_GAS);

        sync.start().await();
        boolean done = false;
        for (int i = 0; i < 500 && !done; i++) {
            done = syncs.get(meter.id()).await().lastSuccessAt().isPresent();
            Thread.sleep(10);
        }
        sync.stop().await();

        assertThat(done).isTrue();
        assertThat(syncs.get(meter.id()).await().backfillDone()).isTrue();
    }

    private List<Reading> daily(Meter meter, LocalDate day) {
        Instant start = MeterDataGenerator.dayStart(day);
        Instant end = MeterDataGenerator.dayStart(day.plusDays(1));
        return readings.readings(meter.id(), start, end).await().stream()
                .filter(r -> r.start().equals(start) && r.end().equals(end)).toList();
    }
}
