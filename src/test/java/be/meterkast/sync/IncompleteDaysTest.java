package be.meterkast.sync;

import be.meterkast.analysis.PeriodSummary;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.DayFault;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.IncompleteDayRepository;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days Fluvius does not send whole: what arrived is stored, the day is marked and shown incomplete, and later
 * runs read it again until the simulator serves it whole.
 */
class IncompleteDaysTest extends SyncTestBase {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);
    /** A Wednesday 18 days back: inside the 40-day backfill, outside the 7-day (gas: 10-day) incremental window. */
    private static final LocalDate OLD_DAY = LocalDate.of(2025, 11, 12);

    private Meter linkedMeter(SyncService sync, SimMeter simMeter) {
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await()
                .accountId();
        return meter(household, accountId, simMeter);
    }

    private IncompleteDayRepository marks() {
        return readings.incompleteDays();
    }

    private List<Reading> daily(Meter meter, LocalDate day) {
        Instant start = MeterDataGenerator.dayStart(day);
        return readings.days(meter.id(), start, MeterDataGenerator.dayStart(day.plusDays(1))).await();
    }

    /** What the meter page and the exports show for the three days around {@code day}. */
    private PeriodSummary shown(Meter meter, LocalDate day) {
        return new ReadingService(clock, new Repositories(database.pool(), secrets))
                .meterPeriod(meter, day.minusDays(1), day.plusDays(1)).await().summary();
    }

    @Test
    @DisplayName("a day without its night injection is stored as it came, shown incomplete, read again, and whole once Fluvius sends it whole")
    void missingRegisterHeals() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_SOLAR);
        simulator.options().spoilDay(OLD_DAY, DayFault.MISSING_REGISTER);

        sync.refreshNow(meter.id()).await();

        assertThat(daily(meter, OLD_DAY)).hasSize(3)
                .noneMatch(r -> r.tariff() == Tariff.NIGHT && r.direction() == Direction.INJECTION);
        assertThat(marks().all(meter.id()).await()).containsExactly(
                new IncompleteDay(OLD_DAY, Resolution.DAY, Defect.MISSING_REGISTER));
        assertThat(shown(meter, OLD_DAY).incompleteDays()).containsExactly(OLD_DAY);

        // Still spoiled: the next run reads the old day again (one request beyond the window's 1 + 7 + 1) and keeps the mark.
        long before = simulator.stats().dataRequests();
        sync.refreshNow(meter.id()).await();
        assertThat(simulator.stats().dataRequests() - before).isEqualTo(1 + 7 + 1 + 1);
        assertThat(marks().all(meter.id()).await()).hasSize(1);

        simulator.options().healAllDays();
        sync.refreshNow(meter.id()).await();

        assertThat(daily(meter, OLD_DAY)).hasSize(4);
        assertThat(BackfillTest.value(daily(meter, OLD_DAY), Tariff.NIGHT, Direction.INJECTION)).isEqualByComparingTo(
                MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, OLD_DAY, false).injectionNight());
        assertThat(marks().all(meter.id()).await()).isEmpty();
        assertThat(shown(meter, OLD_DAY).incompleteDays()).isEmpty();
        before = simulator.stats().dataRequests();
        sync.refreshNow(meter.id()).await();
        assertThat(simulator.stats().dataRequests() - before).as("no re-read once whole").isEqualTo(1 + 7 + 1);
    }

    @Test
    @DisplayName("a gas day whose m³ value is null keeps its kWh value, is marked, and is whole once Fluvius sends the m³")
    void nullGasValueHeals() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_GAS);
        GasDay gasDay = MeterDataGenerator.gasDay(SimAccounts.DEMO_GAS, OLD_DAY, false);
        simulator.options().spoilDay(OLD_DAY, DayFault.NULL_VALUE);

        sync.refreshNow(meter.id()).await();

        assertThat(readings.readings(meter.id(), gasDay.start(), gasDay.end()).await()).extracting(Reading::unit)
                .containsExactly(Unit.KWH);
        assertThat(marks().all(meter.id()).await()).containsExactly(
                new IncompleteDay(OLD_DAY, Resolution.DAY, Defect.NULL_VALUE));

        simulator.options().healAllDays();
        sync.refreshNow(meter.id()).await();

        assertThat(readings.readings(meter.id(), gasDay.start(), gasDay.end()).await()).extracting(Reading::unit)
                .containsExactlyInAnyOrder(Unit.M3, Unit.KWH);
        assertThat(marks().all(meter.id()).await()).isEmpty();
    }

    @Test
    @DisplayName("a value with a decimal comma makes its day incomplete, and the other values of the day are kept")
    void unparsableValue() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_EV);
        simulator.options().spoilDay(OLD_DAY, DayFault.UNPARSABLE_VALUE);

        sync.refreshNow(meter.id()).await();

        assertThat(daily(meter, OLD_DAY)).hasSize(3);
        assertThat(marks().all(meter.id()).await()).containsExactly(
                new IncompleteDay(OLD_DAY, Resolution.DAY, Defect.UNREADABLE_VALUE));
    }

    @Test
    @DisplayName("a day with missing quarter-hours is marked, and read again after it left the window until it is whole")
    void missingQuarterHoursHeal() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_EV);
        LocalDate day = TODAY.minusDays(7);
        simulator.options().spoilDay(day, DayFault.MISSING_INTERVALS);

        sync.refreshNow(meter.id()).await();

        assertThat(quarterHours(meter, day)).hasSize(92 * 2);
        assertThat(marks().all(meter.id()).await()).containsExactly(
                new IncompleteDay(day, Resolution.QUARTER_HOUR, Defect.MISSING_INTERVALS));

        clock.advance(Duration.ofDays(2));
        simulator.options().healAllDays();
        sync.refreshNow(meter.id()).await();

        assertThat(quarterHours(meter, day)).hasSize(96 * 2);
        assertThat(marks().all(meter.id()).await()).isEmpty();
    }

    private List<Reading> quarterHours(Meter meter, LocalDate day) {
        return readings.quarterHours(meter.id(), MeterDataGenerator.dayStart(day),
                MeterDataGenerator.dayStart(day.plusDays(1))).await();
    }

    @Test
    @DisplayName("a whole backfill marks nothing: weekends without a day register, gas in two units")
    void wholeBackfillMarksNothing() {
        SyncService sync = sync();
        Meter solar = linkedMeter(sync, SimAccounts.DEMO_SOLAR);
        Meter gas = linkedMeter(sync, SimAccounts.DEMO_GAS);

        sync.refreshNow(solar.id()).await();
        sync.refreshNow(gas.id()).await();

        assertThat(marks().all(solar.id()).await()).isEmpty();
        assertThat(marks().all(gas.id()).await()).isEmpty();
    }

    @Test
    @DisplayName("records without de are stored just like records with it: every day and quarter-hour, nothing marked")
    void recordsWithoutEnd() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_EV);
        simulator.options().omitEnd(true);

        sync.refreshNow(meter.id()).await();

        assertThat(readings.count(meter.id()).await()).isEqualTo(dailyValues(SimAccounts.DEMO_EV, 40) + 7 * 96 * 2);
        assertThat(daily(meter, OLD_DAY)).allSatisfy(r -> assertThat(Duration.between(r.start(), r.end()))
                .isEqualTo(Duration.ofHours(24)));
        assertThat(marks().all(meter.id()).await()).isEmpty();
    }
}
